"""Campaigns, their waves, targets and reporting periods."""

import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import formats, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from config.constraints import CheckedModel
from unions.models import Unit, UnitKind

YEAR_MESSAGE = _("Năm phải từ 2000 đến 2100.")
DUE_DAYS_MESSAGE = _("Số ngày đến hạn nộp phải từ 0 đến 60.")
CLOSING_DAYS_MESSAGE = _("Số ngày đến khi khóa nhập liệu phải từ 0 đến 90.")
MIN_WORKERS_MESSAGE = _("Ngưỡng lao động phải từ 1 đến 100.000.")
WAVE_NUMBER_MESSAGE = _("Số đợt phải từ 1 trở lên.")
TARGET_VALUE_MESSAGE = _("Giá trị chỉ tiêu không được âm.")


class Measure(models.TextChoices):
    NEW_MEMBERS = "new_members", _("Kết nạp đoàn viên mới")
    NEW_GRASSROOTS = "new_grassroots", _("Thành lập công đoàn cơ sở")
    PARTY_INTRODUCED = "party_introduced", _("Giới thiệu đoàn viên ưu tú cho Đảng")
    PARTY_ADMITTED = "party_admitted", _("Đoàn viên được kết nạp Đảng")


class NationalCampaign(CheckedModel):
    """The confederation's instruction for a peak month: it groups the provincial
    campaigns that carry it out, for the national dashboard and synthesis."""

    confederation = models.ForeignKey(
        Unit,
        verbose_name=_("Tổng Liên đoàn"),
        on_delete=models.PROTECT,
        related_name="national_campaigns",
        limit_choices_to={"kind": "confederation"},
    )
    name = models.CharField(_("tên chiến dịch toàn quốc"), max_length=255)
    year = models.SmallIntegerField(
        _("năm"), validators=[MinValueValidator(2000, YEAR_MESSAGE), MaxValueValidator(2100, YEAR_MESSAGE)]
    )
    instruction_number = models.CharField(_("số văn bản chỉ đạo"), max_length=64)
    instruction_date = models.DateField(_("ngày văn bản"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chiến dịch toàn quốc")
        verbose_name_plural = pgettext_lazy("plural", "chiến dịch toàn quốc")
        ordering = ["-year", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100),
                name="campaign_national_year_range",
                violation_error_message=YEAR_MESSAGE,
            ),
            models.UniqueConstraint(
                fields=["confederation", "instruction_number", "year"],
                name="campaign_national_unique_instruction",
                violation_error_message=_("Đã có chiến dịch toàn quốc theo văn bản này trong năm."),
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.confederation_id and self.confederation.kind != UnitKind.CONFEDERATION:
            raise ValidationError({"confederation": _("Chiến dịch toàn quốc thuộc Tổng Liên đoàn.")})


class Campaign(CheckedModel):
    national = models.ForeignKey(
        NationalCampaign,
        verbose_name=_("thực hiện chiến dịch toàn quốc"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="campaigns",
    )
    federation = models.ForeignKey(
        Unit,
        verbose_name=_("liên đoàn lao động tỉnh"),
        on_delete=models.PROTECT,
        related_name="campaigns",
        limit_choices_to={"kind": "federation"},
    )
    name = models.CharField(_("tên chiến dịch"), max_length=255)
    year = models.SmallIntegerField(
        _("năm"), validators=[MinValueValidator(2000, YEAR_MESSAGE), MaxValueValidator(2100, YEAR_MESSAGE)]
    )
    plan_number = models.CharField(_("số kế hoạch"), max_length=64)
    plan_date = models.DateField(_("ngày kế hoạch"), null=True, blank=True)
    legal_basis = models.TextField(_("căn cứ"), blank=True)
    final_report_due = models.DateField(_("hạn nộp báo cáo tổng kết"))
    report_due_days = models.SmallIntegerField(
        _("hạn nộp: số ngày sau khi kỳ kết thúc"),
        default=1,
        validators=[MinValueValidator(0, DUE_DAYS_MESSAGE), MaxValueValidator(60, DUE_DAYS_MESSAGE)],
    )
    report_due_time = models.TimeField(_("hạn nộp: giờ"), default=datetime.time(17, 0))
    closing_days = models.SmallIntegerField(
        _("khóa nhập liệu: số ngày sau hạn nộp"),
        default=7,
        validators=[MinValueValidator(0, CLOSING_DAYS_MESSAGE), MaxValueValidator(90, CLOSING_DAYS_MESSAGE)],
    )
    recruitment_min_workers = models.IntegerField(
        _("ngưỡng lao động của doanh nghiệp mục tiêu"),
        default=25,
        validators=[MinValueValidator(1, MIN_WORKERS_MESSAGE), MaxValueValidator(100_000, MIN_WORKERS_MESSAGE)],
        help_text=_("Doanh nghiệp có từ ngần này lao động trở lên mà chưa có công đoàn cơ sở là mục tiêu thành lập."),
    )
    is_illustrative = models.BooleanField(
        _("dữ liệu minh họa"),
        default=False,
        help_text=_("Đánh dấu dữ liệu mẫu; giao diện sẽ ghi rõ đây là dữ liệu minh họa."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chiến dịch")
        verbose_name_plural = pgettext_lazy("plural", "chiến dịch")
        ordering = ["-year", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(recruitment_min_workers__gte=1, recruitment_min_workers__lte=100_000),
                name="campaign_campaign_min_workers_range",
                violation_error_message=MIN_WORKERS_MESSAGE,
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100),
                name="campaign_campaign_year_range",
                violation_error_message=YEAR_MESSAGE,
            ),
            models.CheckConstraint(
                condition=Q(report_due_days__gte=0, report_due_days__lte=60),
                name="campaign_campaign_due_days_range",
                violation_error_message=DUE_DAYS_MESSAGE,
            ),
            models.CheckConstraint(
                condition=Q(closing_days__gte=0, closing_days__lte=90),
                name="campaign_campaign_closing_days_range",
                violation_error_message=CLOSING_DAYS_MESSAGE,
            ),
            models.UniqueConstraint(
                fields=["federation", "plan_number", "year"],
                name="campaign_campaign_unique_plan",
                violation_error_message=_("Đã có chiến dịch theo kế hoạch này trong năm."),
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.national_id and self.federation_id:
            national = self.national
            if not self.federation.path.startswith(national.confederation.path):
                raise ValidationError({"national": _("Liên đoàn của chiến dịch không trực thuộc Tổng Liên đoàn của chiến dịch toàn quốc.")})
            if self.year != national.year:
                raise ValidationError({"national": _("Chiến dịch toàn quốc thuộc năm khác.")})


class Wave(CheckedModel):
    campaign = models.ForeignKey(Campaign, verbose_name=_("chiến dịch"), on_delete=models.CASCADE, related_name="waves")
    number = models.SmallIntegerField(_("đợt số"), validators=[MinValueValidator(1, WAVE_NUMBER_MESSAGE)])
    theme = models.CharField(_("chủ đề"), max_length=255, blank=True)
    start = models.DateField(_("từ ngày"))
    end = models.DateField(_("đến ngày"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đợt")
        verbose_name_plural = pgettext_lazy("plural", "đợt")
        ordering = ["campaign", "number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=F("start")),
                name="campaign_wave_dates_ordered",
                violation_error_message=_("Ngày kết thúc đợt không được trước ngày bắt đầu."),
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="campaign_wave_number_positive",
                violation_error_message=WAVE_NUMBER_MESSAGE,
            ),
            models.UniqueConstraint(
                fields=["campaign", "number"],
                name="campaign_wave_unique_number",
                violation_error_message=_("Chiến dịch đã có đợt với số này."),
            ),
        ]

    def __str__(self):
        return _("Đợt %(number)s (%(start)s – %(end)s)") % {
            "number": self.number,
            "start": formats.date_format(self.start, "SHORT_DATE_FORMAT"),
            "end": formats.date_format(self.end, "SHORT_DATE_FORMAT"),
        }

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.campaign_id and self.start and self.end:
            overlapping = Wave.objects.filter(campaign_id=self.campaign_id, start__lte=self.end, end__gte=self.start)
            if self.pk:
                overlapping = overlapping.exclude(pk=self.pk)
            if overlapping.exists():
                raise ValidationError(_("Thời gian của đợt trùng với một đợt khác của chiến dịch."))


class TargetScope(models.TextChoices):
    """What a target on a unit covers. On the provincial federation the two differ:
    its ``TOTAL`` target is the province's, its ``OWN`` target the one of its own
    reporting row (the grassroots unions standing directly under it). A
    direct-superior union has only grassroots unions under it: ``TOTAL`` only."""

    TOTAL = "total", _("Toàn đơn vị (gồm các đơn vị trực thuộc)")
    OWN = "own", _("Riêng phần đơn vị trực tiếp báo cáo")


class Target(CheckedModel):
    """A unit's target for a measure, for the whole campaign or for one wave.

    A target on the federation is the province's target (``TargetScope.TOTAL``);
    the federation's own reporting row has a target only when one is set for it
    with ``TargetScope.OWN``. ``campaign.selectors.TargetBook`` is the one rule
    that reads them."""

    campaign = models.ForeignKey(Campaign, verbose_name=_("chiến dịch"), on_delete=models.CASCADE, related_name="targets")
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="targets")
    measure = models.CharField(_("chỉ tiêu"), max_length=32, choices=Measure.choices)
    wave = models.ForeignKey(
        Wave,
        verbose_name=_("đợt"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="targets",
        help_text=_("Để trống nếu là chỉ tiêu cho cả chiến dịch."),
    )
    scope = models.CharField(
        _("phạm vi"),
        max_length=8,
        choices=TargetScope.choices,
        default=TargetScope.TOTAL,
        help_text=_(
            "Chỉ tiêu giao cho LĐLĐ tỉnh là chỉ tiêu của cả tỉnh. Chọn “Riêng phần đơn vị trực tiếp báo cáo” "
            "để giao chỉ tiêu cho phần LĐLĐ tỉnh trực tiếp báo cáo (các CĐCS trực thuộc tỉnh)."
        ),
    )
    value = models.IntegerField(_("giá trị"), validators=[MinValueValidator(0, TARGET_VALUE_MESSAGE)])

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = pgettext_lazy("plural", "chỉ tiêu")
        ordering = ["campaign", "unit", "measure", "wave"]
        constraints = [
            models.CheckConstraint(
                condition=Q(measure__in=Measure.values),
                name="campaign_target_measure_valid",
                violation_error_message=_("Chỉ tiêu không hợp lệ."),
            ),
            models.CheckConstraint(
                condition=Q(value__gte=0),
                name="campaign_target_value_nonnegative",
                violation_error_message=TARGET_VALUE_MESSAGE,
            ),
            models.CheckConstraint(
                condition=Q(scope__in=TargetScope.values),
                name="campaign_target_scope_valid",
                violation_error_message=_("Phạm vi chỉ tiêu không hợp lệ."),
            ),
            models.UniqueConstraint(
                fields=["campaign", "unit", "measure", "wave", "scope"],
                condition=Q(wave__isnull=False),
                name="campaign_target_unique_per_wave",
                violation_error_message=_("Đơn vị đã có chỉ tiêu này cho đợt này."),
            ),
            models.UniqueConstraint(
                fields=["campaign", "unit", "measure", "scope"],
                condition=Q(wave__isnull=True),
                name="campaign_target_unique_whole_campaign",
                violation_error_message=_("Đơn vị đã có chỉ tiêu này cho cả chiến dịch."),
            ),
        ]

    def __str__(self):
        scope = f" ({self.get_scope_display()})" if self.scope == TargetScope.OWN else ""
        return f"{self.unit}{scope} — {self.get_measure_display()}: {self.value}"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.wave_id and self.campaign_id and self.wave.campaign_id != self.campaign_id:
            raise ValidationError({"wave": _("Đợt này không thuộc chiến dịch đã chọn.")})
        if self.scope == TargetScope.OWN and self.unit_id and self.unit.kind != UnitKind.FEDERATION:
            raise ValidationError(
                {"scope": _("Chỉ LĐLĐ tỉnh mới có chỉ tiêu riêng cho phần trực tiếp báo cáo; "
                            "chỉ tiêu của công đoàn cấp trên cơ sở là chỉ tiêu toàn đơn vị.")}
            )


class PeriodKind(models.TextChoices):
    WEEK = "week", _("Tuần")
    MONTH = "month", _("Tháng")
    HALF_YEAR = "half_year", _("6 tháng")
    YEAR = "year", _("Năm")
    FINAL = "final", _("Tổng kết tháng cao điểm")


class Period(CheckedModel):
    """A reporting period, generated from the campaign and its waves (never typed)."""

    campaign = models.ForeignKey(Campaign, verbose_name=_("chiến dịch"), on_delete=models.CASCADE, related_name="periods")
    kind = models.CharField(_("loại kỳ"), max_length=16, choices=PeriodKind.choices)
    wave = models.ForeignKey(
        Wave, verbose_name=_("đợt"), on_delete=models.CASCADE, null=True, blank=True, related_name="periods"
    )
    number = models.PositiveSmallIntegerField(_("số thứ tự"), default=1)
    start = models.DateField(_("từ ngày"))
    end = models.DateField(_("đến ngày"))
    due_at = models.DateTimeField(_("hạn nộp"))
    closes_at = models.DateTimeField(_("khóa nhập liệu lúc"))

    class Meta:
        verbose_name = _("kỳ báo cáo")
        verbose_name_plural = pgettext_lazy("plural", "kỳ báo cáo")
        ordering = ["campaign", "start", "end"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=PeriodKind.values),
                name="campaign_period_kind_valid",
                violation_error_message=_("Loại kỳ báo cáo không hợp lệ."),
            ),
            models.CheckConstraint(
                condition=Q(end__gte=F("start")),
                name="campaign_period_dates_ordered",
                violation_error_message=_("Ngày kết thúc kỳ không được trước ngày bắt đầu."),
            ),
            models.CheckConstraint(
                condition=Q(closes_at__gte=F("due_at")),
                name="campaign_period_closes_after_due",
                violation_error_message=_("Thời điểm khóa nhập liệu không được trước hạn nộp."),
            ),
            models.UniqueConstraint(
                fields=["campaign", "kind", "start", "end"],
                name="campaign_period_unique",
                violation_error_message=_("Kỳ báo cáo này đã có."),
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        """The period's name in the active language. Kept on the instance for the fields and
        language it was made from: a table prints it in every cell of a column."""
        key = (translation.get_language(), self.kind, self.number, self.start, self.end, self.wave_id)
        cached = self.__dict__.get("_label_cache")
        if cached is None or cached[0] != key:
            cached = self.__dict__["_label_cache"] = (key, self._label())
        return cached[1]

    def _label(self) -> str:
        start = formats.date_format(self.start, "SHORT_DATE_FORMAT")
        end = formats.date_format(self.end, "SHORT_DATE_FORMAT")
        if self.kind == PeriodKind.WEEK:
            return _("Tuần %(number)s đợt %(wave)s (%(start)s – %(end)s)") % {
                "number": self.number,
                "wave": self.wave.number if self.wave_id else "",
                "start": start,
                "end": end,
            }
        if self.kind == PeriodKind.MONTH:
            return _("Tháng %(month)s/%(year)s") % {"month": f"{self.start.month:02d}", "year": self.start.year}
        if self.kind == PeriodKind.HALF_YEAR:
            return _("6 tháng đầu năm %(year)s") % {"year": self.start.year}
        if self.kind == PeriodKind.YEAR:
            return _("Năm %(year)s") % {"year": self.start.year}
        return _("Tổng kết tháng cao điểm (%(start)s – %(end)s)") % {"start": start, "end": end}

    @property
    def is_final(self) -> bool:
        return self.kind == PeriodKind.FINAL

    @property
    def short_label(self) -> str:
        """A column heading: "T2·Đ1" (week 2 of wave 1), "Th05", "6T", "Năm", "TK"."""
        if self.kind == PeriodKind.WEEK:
            return _("T%(number)s·Đ%(wave)s") % {"number": self.number, "wave": self.wave.number if self.wave_id else ""}
        if self.kind == PeriodKind.MONTH:
            return _("Th%(month)s") % {"month": f"{self.start.month:02d}"}
        return {PeriodKind.HALF_YEAR: _("6T"), PeriodKind.YEAR: _("Năm"), PeriodKind.FINAL: _("TK")}[self.kind]

    def contains(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end
