"""The plan's activities beside the figures: the enterprises' survey visits, the outreach teams and their visits, the media work."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
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


class OutreachTeam(CheckedModel):
    """A team that visits workplaces to explain the union and recruit (đoàn tuyên truyền, vận động)."""

    campaign = models.ForeignKey(
        "campaign.Campaign", verbose_name=_("chiến dịch"), on_delete=models.CASCADE, related_name="outreach_teams"
    )
    unit = models.ForeignKey(
        "unions.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="outreach_teams"
    )
    wave = models.ForeignKey(
        "campaign.Wave", verbose_name=_("đợt"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="outreach_teams", help_text=_("Để trống nếu đoàn hoạt động cả hai đợt."),
    )
    name = models.CharField(_("tên đoàn"), max_length=255)
    purpose = models.TextField(_("mục đích, nhiệm vụ"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đoàn tuyên truyền, vận động")
        verbose_name_plural = _("các đoàn tuyên truyền, vận động")
        ordering = ["campaign", "unit", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        from unions.models import UnitKind

        errors = {}
        if self.unit_id and self.unit.kind not in (UnitKind.FEDERATION, UnitKind.SUPERIOR):
            errors["unit"] = _("Đoàn thuộc một công đoàn cấp trên trực tiếp cơ sở hoặc LĐLĐ tỉnh.")
        elif self.unit_id and self.campaign_id and not self.unit.path.startswith(self.campaign.federation.path):
            errors["unit"] = _("Đơn vị không thuộc tỉnh của chiến dịch.")
        if self.wave_id and self.campaign_id and self.wave.campaign_id != self.campaign_id:
            errors["wave"] = _("Đợt không thuộc chiến dịch này.")
        if errors:
            raise ValidationError(errors)


class TeamMember(CheckedModel):
    """A member of a team, by name and role (the team's roster, not a member register)."""

    team = models.ForeignKey(OutreachTeam, verbose_name=_("đoàn"), on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("họ và tên"), max_length=255)
    role = models.CharField(_("vai trò trong đoàn"), max_length=100, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thành viên đoàn")
        verbose_name_plural = _("thành viên đoàn")
        ordering = ["team", "pk"]

    def __str__(self):
        return self.name


MAX_REACHED = 100_000
REACHED_MESSAGE = _("Số người được tuyên truyền phải từ 0 đến 100.000.")
MAX_AUDIENCE = 100_000_000  # a national broadcast's audience, at most
AUDIENCE_MESSAGE = _("Số người tiếp cận phải từ 0 đến 100.000.000.")
RECRUITED_MESSAGE = _("Số đoàn viên kết nạp được phải từ 0 đến số người được tuyên truyền.")


class OutreachVisit(CheckedModel):
    """A team's visit to a workplace: whom it reached, whom it recruited, whether a union was founded."""

    team = models.ForeignKey(OutreachTeam, verbose_name=_("đoàn"), on_delete=models.CASCADE, related_name="visits")
    visited_on = models.DateField(_("ngày"))
    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("doanh nghiệp"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="outreach_visits",
    )
    place = models.CharField(_("nơi đến (khi không phải doanh nghiệp trong danh sách)"), max_length=255, blank=True)
    workers_reached = models.IntegerField(
        _("số người lao động được tuyên truyền"), default=0,
        validators=[MinValueValidator(0, REACHED_MESSAGE), MaxValueValidator(MAX_REACHED, REACHED_MESSAGE)],
    )
    members_recruited = models.IntegerField(
        _("số đoàn viên kết nạp được"), default=0,
        validators=[MinValueValidator(0, RECRUITED_MESSAGE), MaxValueValidator(MAX_REACHED, RECRUITED_MESSAGE)],
    )
    founded = models.OneToOneField(
        "unions.Unit", verbose_name=_("công đoàn cơ sở được thành lập"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="outreach_visit",
        help_text=_("Công đoàn cơ sở đã đăng ký trong báo cáo tuần của đơn vị."),
    )
    notes = models.TextField(_("ghi chú"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("buổi tuyên truyền, vận động")
        verbose_name_plural = _("các buổi tuyên truyền, vận động")
        ordering = ["team", "-visited_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(workers_reached__gte=0, workers_reached__lte=MAX_REACHED),
                name="activities_visit_reached_range",
                violation_error_message=REACHED_MESSAGE,
            ),
            models.CheckConstraint(
                condition=Q(members_recruited__gte=0, members_recruited__lte=F("workers_reached")),
                name="activities_visit_recruited_range",
                violation_error_message=RECRUITED_MESSAGE,
            ),
            models.CheckConstraint(
                condition=Q(visited_on__gte=EARLIEST_VISIT),
                name="activities_outreach_date_plausible",
                violation_error_message=_("Ngày phải từ 01/01/2000."),
            ),
            models.CheckConstraint(
                condition=Q(enterprise__isnull=False) | ~Q(place=""),
                name="activities_visit_has_a_place",
                violation_error_message=_("Hãy chọn doanh nghiệp hoặc ghi nơi đến."),
            ),
        ]
        indexes = [models.Index(fields=["team", "visited_on"], name="activities_outreach_day_idx")]

    def __str__(self):
        return f"{self.team} — {self.visited_on:%d/%m/%Y}"

    def clean(self):
        from django.utils import timezone

        from unions.models import UnitKind

        errors = {}
        if self.visited_on and self.visited_on > timezone.localdate():
            errors["visited_on"] = _("Ngày không được sau hôm nay.")
        if (self.members_recruited or 0) > (self.workers_reached or 0):
            errors["members_recruited"] = RECRUITED_MESSAGE
        team_path = self.team.unit.path if self.team_id else None
        if self.enterprise_id and team_path and not self.enterprise.unit.path.startswith(team_path):
            errors["enterprise"] = _("Doanh nghiệp không thuộc địa bàn của đơn vị.")
        if self.founded_id:
            union = self.founded
            if union.kind != UnitKind.GRASSROOTS or (team_path and not union.path.startswith(team_path)):
                errors["founded"] = _("Công đoàn cơ sở phải trực thuộc đơn vị của đoàn.")
            elif self.enterprise_id and union.enterprise_id not in (None, self.enterprise_id):
                errors["founded"] = _("Công đoàn cơ sở này thuộc doanh nghiệp khác.")
        if errors:
            raise ValidationError(errors)


class MediaChannel(models.TextChoices):
    NEWSPAPER = "newspaper", _("Báo in, báo điện tử")
    RADIO_TV = "radio_tv", _("Phát thanh, truyền hình")
    WEBSITE = "website", _("Trang thông tin điện tử")
    SOCIAL = "social", _("Mạng xã hội")
    BANNER = "banner", _("Băng rôn, khẩu hiệu, áp phích")
    MEETING = "meeting", _("Hội nghị, buổi nói chuyện")


class MediaItem(CheckedModel):
    """One piece of the campaign's media work (an article, a broadcast, a post, a banner, a meeting)."""

    campaign = models.ForeignKey(
        "campaign.Campaign", verbose_name=_("chiến dịch"), on_delete=models.CASCADE, related_name="media_items"
    )
    unit = models.ForeignKey("unions.Unit", verbose_name=_("đơn vị thực hiện"), on_delete=models.PROTECT,
                             related_name="media_items")
    wave = models.ForeignKey("campaign.Wave", verbose_name=_("đợt"), on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="media_items")
    channel = models.CharField(_("hình thức"), max_length=20, choices=MediaChannel.choices)
    title = models.CharField(_("tiêu đề, nội dung"), max_length=255)
    published_on = models.DateField(_("ngày đăng, phát, tổ chức"))
    link = models.URLField(_("đường dẫn"), max_length=500, blank=True)
    audience = models.IntegerField(
        _("số người tiếp cận (ước tính)"), default=0,
        validators=[MinValueValidator(0, AUDIENCE_MESSAGE), MaxValueValidator(MAX_AUDIENCE, AUDIENCE_MESSAGE)],
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người ghi"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tin, bài, hoạt động truyền thông")
        verbose_name_plural = _("công tác truyền thông")
        ordering = ["campaign", "-published_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(channel__in=MediaChannel.values),
                name="activities_media_channel_valid",
                violation_error_message=_("Hình thức không hợp lệ."),
            ),
            models.CheckConstraint(
                condition=Q(audience__gte=0, audience__lte=MAX_AUDIENCE),
                name="activities_media_audience_range",
                violation_error_message=AUDIENCE_MESSAGE,
            ),
            models.CheckConstraint(
                condition=Q(published_on__gte=EARLIEST_VISIT),
                name="activities_media_date_plausible",
                violation_error_message=_("Ngày phải từ 01/01/2000."),
            ),
        ]
        indexes = [models.Index(fields=["campaign", "channel"], name="activities_media_channel_idx")]

    def __str__(self):
        return self.title

    def clean(self):
        from django.utils import timezone

        errors = {}
        if self.published_on and self.published_on > timezone.localdate():
            errors["published_on"] = _("Ngày không được sau hôm nay.")
        if self.unit_id and self.campaign_id and not self.unit.path.startswith(self.campaign.federation.path):
            errors["unit"] = _("Đơn vị không thuộc tỉnh của chiến dịch.")
        if self.wave_id and self.campaign_id and self.wave.campaign_id != self.campaign_id:
            errors["wave"] = _("Đợt không thuộc chiến dịch này.")
        if errors:
            raise ValidationError(errors)
