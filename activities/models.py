"""The plan's activities beside the figures: the enterprises' survey visits."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from config.constraints import CheckedModel
from unions.models import Enterprise

EARLIEST_VISIT = datetime.date(2000, 1, 1)


class SurveyVisit(CheckedModel):
    """A visit to an enterprise: when, by whom, what was found."""

    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("doanh nghiệp"), on_delete=models.CASCADE, related_name="visits"
    )
    visited_on = models.DateField(_("ngày khảo sát"))
    visitors = models.CharField(_("người khảo sát"), max_length=255)
    findings = models.TextField(_("kết quả khảo sát"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người ghi"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lần khảo sát")
        verbose_name_plural = _("các lần khảo sát doanh nghiệp")
        ordering = ["enterprise", "-visited_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(visited_on__gte=EARLIEST_VISIT),
                name="activities_surveyvisit_date_plausible",
                violation_error_message=_("Ngày khảo sát phải từ 01/01/2000."),
            ),
        ]
        indexes = [models.Index(fields=["enterprise", "visited_on"], name="activities_visit_day_idx")]

    def __str__(self):
        return f"{self.enterprise} — {self.visited_on:%d/%m/%Y}"

    def clean(self):
        from django.utils import timezone

        if self.visited_on and self.visited_on > timezone.localdate():
            raise ValidationError({"visited_on": _("Ngày khảo sát không được sau hôm nay.")})
