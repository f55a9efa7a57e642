"""Reports of the direct-superior unions and their lines.

A report belongs to one unit and one period. Weekly, half-year and year
reports carry figures, one line per grassroots union (and one line with no
grassroots union for members the superior admitted directly); monthly and
final reports show the sum of the weeks and carry the narrative.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from campaign.models import Campaign, Period, PeriodKind
from config.constraints import CheckedModel
from unions.models import MAX_FIGURE, Unit

NON_NEGATIVE_MESSAGE = _("Số liệu phải là số nguyên không âm.")
TOO_LARGE_MESSAGE = _("Số liệu quá lớn (tối đa 100.000).")
WOMEN_MESSAGE = _("Số nữ không được lớn hơn số đoàn viên mới.")

# Periods whose figures are typed; the others add up the weeks.
ENTRY_KINDS = (PeriodKind.WEEK, PeriodKind.HALF_YEAR, PeriodKind.YEAR)


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã nộp")
    RETURNED = "returned", _("Bị trả lại")
    APPROVED = "approved", _("Đã duyệt")


class Report(CheckedModel):
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="reports")
    period = models.ForeignKey(Period, verbose_name=_("kỳ báo cáo"), on_delete=models.PROTECT, related_name="reports")
    status = models.CharField(_("trạng thái"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    # Optimistic locking: every save bumps it; a save made from an older version is refused.
    version = models.PositiveIntegerField(_("phiên bản"), default=1)

    results = models.TextField(_("kết quả đạt được"), blank=True)
    shortcomings = models.TextField(_("tồn tại, hạn chế"), blank=True)
    causes = models.TextField(_("nguyên nhân"), blank=True)
    proposals = models.TextField(_("đề xuất, kiến nghị"), blank=True)
    warning_comment = models.TextField(
        _("giải trình"), blank=True, help_text=_("Bắt buộc khi báo cáo có cảnh báo (số liệu bất thường).")
    )

    first_submitted_at = models.DateTimeField(_("nộp lần đầu lúc"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người nộp"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("xử lý lúc"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người xử lý"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    reopened = models.BooleanField(
        _("mở lại để nhập"), default=False, help_text=_("Cho phép nhập liệu sau thời điểm khóa nhập liệu.")
    )
    reopen_reason = models.TextField(_("lý do mở lại"), blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    # The sum of the report's lines by the sector of their grassroots union ("" for the
    # members the superior admitted directly): {sector: {figure: value}}, written with
    # the lines (``reporting.totals``) and historised with the report, so the figures
    # "as of" any moment are read from the reports' history, not from their lines'.
    totals = models.JSONField(_("tổng số liệu theo khu vực"), default=dict, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("báo cáo")
        verbose_name_plural = pgettext_lazy("plural", "báo cáo")
        ordering = ["period__start", "period__kind", "unit__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "period"],
                name="reporting_report_one_per_unit_period",
                violation_error_message=_("Đơn vị đã có báo cáo cho kỳ này."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=ReportStatus.values),
                name="reporting_report_status_valid",
                violation_error_message=_("Trạng thái báo cáo không hợp lệ."),
            ),
            models.CheckConstraint(
                condition=Q(version__gte=1),
                name="reporting_report_version_positive",
                violation_error_message=_("Phiên bản không hợp lệ."),
            ),
            models.CheckConstraint(
                condition=Q(status=ReportStatus.DRAFT) | Q(first_submitted_at__isnull=False),
                name="reporting_report_submitted_has_time",
                violation_error_message=_("Báo cáo đã nộp phải có thời điểm nộp."),
            ),
            models.CheckConstraint(
                condition=~Q(status=ReportStatus.RETURNED) | ~Q(return_reason=""),
                name="reporting_report_returned_has_reason",
                violation_error_message=_("Trả lại báo cáo phải có lý do."),
            ),
        ]
        indexes = [models.Index(fields=["period", "status"], name="reporting_report_period_status")]

    def __str__(self):
        return f"{self.unit} — {self.period.label}"

    @property
    def is_submitted(self) -> bool:
        return self.status == ReportStatus.SUBMITTED

    @property
    def is_approved(self) -> bool:
        return self.status == ReportStatus.APPROVED

    @property
    def has_figures(self) -> bool:
        """Figures are typed in this report (not added up from the weeks)."""
        return self.period.kind in ENTRY_KINDS

    @property
    def current_reason(self) -> tuple[str, str] | None:
        """The reason of the board's last step that is still in force, with its label:
        why it was returned, or why entry was opened again. One reason, never two."""
        if self.status == ReportStatus.RETURNED and self.return_reason:
            return str(_("Bị trả lại")), self.return_reason
        if self.reopened and self.reopen_reason:
            return str(_("Đã mở lại để nhập liệu")), self.reopen_reason
        return None


FIGURE_VALIDATORS = [MinValueValidator(0, NON_NEGATIVE_MESSAGE), MaxValueValidator(MAX_FIGURE, TOO_LARGE_MESSAGE)]


class ReportLine(CheckedModel):
    """One grassroots union's figures in a report; ``grassroots`` empty for the
    members the superior union admitted directly."""

    report = models.ForeignKey(Report, verbose_name=_("báo cáo"), on_delete=models.CASCADE, related_name="lines")
    grassroots = models.ForeignKey(
        Unit,
        verbose_name=_("công đoàn cơ sở"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="report_lines",
    )
    new_members = models.IntegerField(_("đoàn viên mới"), default=0, validators=FIGURE_VALIDATORS)
    new_members_women = models.IntegerField(_("trong đó nữ"), default=0, validators=FIGURE_VALIDATORS)
    party_introduced = models.IntegerField(_("giới thiệu cho Đảng"), default=0, validators=FIGURE_VALIDATORS)
    party_admitted = models.IntegerField(_("được kết nạp Đảng"), default=0, validators=FIGURE_VALIDATORS)

    history = HistoricalRecords()

    FIGURES = ("new_members", "new_members_women", "party_introduced", "party_admitted")

    class Meta:
        verbose_name = _("dòng báo cáo")
        verbose_name_plural = pgettext_lazy("plural", "dòng báo cáo")
        ordering = ["report", "grassroots__name"]
        constraints = [
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{name}__gte": 0}),
                    name=f"reporting_reportline_{name}_nonnegative",
                    violation_error_message=NON_NEGATIVE_MESSAGE,
                )
                for name in ("new_members", "new_members_women", "party_introduced", "party_admitted")
            ],
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{name}__lte": MAX_FIGURE}),
                    name=f"reporting_reportline_{name}_max",
                    violation_error_message=TOO_LARGE_MESSAGE,
                )
                for name in ("new_members", "new_members_women", "party_introduced", "party_admitted")
            ],
            models.CheckConstraint(
                condition=Q(new_members_women__lte=F("new_members")),
                name="reporting_reportline_women_within_new_members",
                violation_error_message=WOMEN_MESSAGE,
            ),
            models.UniqueConstraint(
                fields=["report", "grassroots"],
                condition=Q(grassroots__isnull=False),
                name="reporting_reportline_one_per_grassroots",
                violation_error_message=_("Công đoàn cơ sở này đã có dòng trong báo cáo."),
            ),
            models.UniqueConstraint(
                fields=["report"],
                condition=Q(grassroots__isnull=True),
                name="reporting_reportline_one_direct",
                violation_error_message=_("Báo cáo đã có dòng kết nạp trực tiếp."),
            ),
        ]

    def __str__(self):
        return f"{self.report} — {self.grassroots or _('Kết nạp trực tiếp')}"

    def is_zero(self) -> bool:
        return not any(getattr(self, name) for name in self.FIGURES)


class Reminder(models.Model):
    """A reminder e-mail sent to a unit's reporters about a missing report."""

    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="reminders")
    period = models.ForeignKey(Period, verbose_name=_("kỳ báo cáo"), on_delete=models.CASCADE, related_name="reminders")
    sent_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người gửi"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Để trống khi lệnh send_reminders gửi tự động."),
    )
    recipients = models.TextField(_("người nhận"), help_text=_("Các địa chỉ e-mail, mỗi dòng một địa chỉ."))

    class Meta:
        verbose_name = _("lần nhắc báo cáo")
        verbose_name_plural = _("các lần nhắc báo cáo")
        ordering = ["-sent_at"]
        indexes = [models.Index(fields=["period", "unit"], name="reporting_reminder_period_unit")]

    def __str__(self):
        return f"{self.unit} — {self.period.label} — {date_format(timezone.localtime(self.sent_at), 'SHORT_DATETIME_FORMAT')}"


class Founding(CheckedModel):
    """A new grassroots union as the campaign counts it.

    Registered from a report (``report``): it counts for that report's unit and
    period exactly while the report counts (submitted or approved at the chosen
    moment), together with its founding members, which stand in the report's
    line for it. Recorded without a report (in the admin, e.g. recognised in
    June between the waves): it counts once the board confirms it
    (``confirmed_at``), for ``unit`` (where it stood on the day of its
    recognition decision) and the wave that day falls in, or between the waves;
    its founding members count as new members with it.
    """

    campaign = models.ForeignKey(Campaign, verbose_name=_("chiến dịch"), on_delete=models.CASCADE, related_name="foundings")
    grassroots = models.OneToOneField(
        Unit, verbose_name=_("công đoàn cơ sở"), on_delete=models.CASCADE, related_name="founding"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị báo cáo được tính"), on_delete=models.PROTECT, related_name="credited_foundings"
    )
    report = models.ForeignKey(
        Report,
        verbose_name=_("báo cáo đăng ký"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="foundings",
    )
    confirmed_at = models.DateTimeField(_("Ban xác nhận lúc"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người xác nhận"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("ghi lúc"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("công đoàn cơ sở thành lập mới được tính")
        verbose_name_plural = pgettext_lazy("plural", "công đoàn cơ sở thành lập mới được tính")
        ordering = ["campaign", "grassroots__recognition_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(report__isnull=False, confirmed_at__isnull=True)
                | Q(report__isnull=True, confirmed_at__isnull=False),
                name="reporting_founding_report_or_confirmation",
                violation_error_message=_(
                    "Công đoàn cơ sở mới được tính qua báo cáo đã đăng ký nó, hoặc do Ban xác nhận (không cả hai)."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.grassroots} — {self.unit}"

    def clean(self):
        from django.core.exceptions import ValidationError

        from unions.models import UnitKind

        if self.grassroots_id and self.grassroots.kind != UnitKind.GRASSROOTS:
            raise ValidationError({"grassroots": _("Chỉ công đoàn cơ sở mới được tính là thành lập mới.")})
        if self.grassroots_id and (not self.grassroots.recognition_date or not self.grassroots.founding_members):
            raise ValidationError(
                {"grassroots": _("Công đoàn cơ sở phải có ngày quyết định công nhận và số đoàn viên khi thành lập.")}
            )
        if self.report_id and self.unit_id and self.report.unit_id != self.unit_id:
            raise ValidationError({"unit": _("Đơn vị được tính phải là đơn vị của báo cáo đăng ký.")})


class EntryRequest(CheckedModel):
    """A unit's request that the board open entry for a period that has closed."""

    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="entry_requests")
    period = models.ForeignKey(Period, verbose_name=_("kỳ báo cáo"), on_delete=models.CASCADE, related_name="entry_requests")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người đề nghị"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.TextField(_("lý do đề nghị"))
    created_at = models.DateTimeField(_("đề nghị lúc"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("xử lý lúc"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người xử lý"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("đề nghị mở nhập liệu")
        verbose_name_plural = pgettext_lazy("plural", "đề nghị mở nhập liệu")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "period"],
                condition=Q(resolved_at__isnull=True),
                name="reporting_entryrequest_one_open",
                violation_error_message=_("Đơn vị đã gửi đề nghị mở nhập liệu cho kỳ này; đang chờ xử lý."),
            ),
            models.CheckConstraint(
                condition=~Q(reason=""),
                name="reporting_entryrequest_has_reason",
                violation_error_message=_("Hãy ghi lý do đề nghị."),
            ),
        ]

    def __str__(self):
        return f"{self.unit} — {self.period.label}"


# The plan's own distribution list (Kế hoạch 143/KH-LĐLĐ), without the Standing
# Committee itself: it signs the report, so it is not among those it reports to.
DEFAULT_RECIPIENTS = """Ban Tổ chức Tổng LĐLĐ Việt Nam (để b/c);
Ban Tổ chức Tỉnh ủy (để b/c);
Ban Tuyên giáo và Dân vận Tỉnh ủy (để b/c);
Các huyện ủy, Thành ủy, Đảng ủy các cơ quan Đảng tỉnh, Đảng ủy Ủy ban nhân dân tỉnh (để p/h chỉ đạo);
Ban Chỉ đạo PTĐV LĐLĐ tỉnh;
Các công đoàn cấp trên TTCS;
Lưu: VT, Ban TC-KT."""


class FinalReportDocument(models.Model):
    """The board's final report of a campaign, as printed: the official blocks
    and the narrative staff edit before printing. Its figures are not stored
    here: they come from ``reporting.stats`` when the PDF is made."""

    campaign = models.OneToOneField(
        Campaign, verbose_name=_("chiến dịch"), on_delete=models.CASCADE, related_name="final_document"
    )
    superior_body = models.CharField(_("cơ quan cấp trên"), max_length=255, default="TỔNG LĐLĐ VIỆT NAM")
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255, default="LIÊN ĐOÀN LAO ĐỘNG TỈNH LAI CHÂU")
    number = models.CharField(_("số văn bản"), max_length=64, blank=True, help_text=_("Ví dụ: 215/BC-LĐLĐ"))
    place = models.CharField(_("địa danh"), max_length=100, default="Lai Châu")
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    results = models.TextField(_("kết quả đạt được"), blank=True)
    shortcomings = models.TextField(_("tồn tại, hạn chế"), blank=True)
    causes = models.TextField(_("nguyên nhân"), blank=True)
    proposals = models.TextField(_("đề xuất, kiến nghị"), blank=True)
    recipients = models.TextField(_("nơi nhận"), default=DEFAULT_RECIPIENTS, help_text=_("Mỗi dòng một nơi nhận."))
    signer_capacity = models.CharField(_("thẩm quyền ký"), max_length=100, default="TM. BAN THƯỜNG VỤ")
    signer_title = models.CharField(_("chức vụ người ký"), max_length=100, default="CHỦ TỊCH")
    signer_name = models.CharField(_("người ký"), max_length=100, blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("báo cáo kết quả của tỉnh")
        verbose_name_plural = pgettext_lazy("plural", "báo cáo kết quả của tỉnh")

    def __str__(self):
        return f"{self.number or '…'} — {self.campaign}"


WEIGHT_MESSAGE = _("Trọng số phải từ 0 đến 100.")
POINTS_MESSAGE = _("Số điểm phải từ 0 đến 100.")


def _weight(label, default):
    return models.DecimalField(
        label, max_digits=5, decimal_places=2, default=default,
        validators=[MinValueValidator(0, WEIGHT_MESSAGE), MaxValueValidator(100, WEIGHT_MESSAGE)],
    )


class EmulationFormula(CheckedModel):
    """The campaign's published emulation score (``reporting.emulation``): a reporting unit's score
    is the sum of its parts — each measure's weight × its % of target (capped), the discipline's
    weight × its rate (a late report counting for ``late_credit`` %), the quality's weight × the
    share of its reports in that were neither returned nor sent with a warning; a grassroots
    union's, its points per new member and per member introduced to the Party."""

    campaign = models.OneToOneField(
        Campaign, verbose_name=_("chiến dịch"), on_delete=models.CASCADE, related_name="emulation_formula"
    )
    weight_new_members = _weight(_("trọng số: tỷ lệ đạt chỉ tiêu kết nạp đoàn viên"), 40)
    weight_new_grassroots = _weight(_("trọng số: tỷ lệ đạt chỉ tiêu thành lập công đoàn cơ sở"), 20)
    weight_party_introduced = _weight(_("trọng số: tỷ lệ đạt chỉ tiêu giới thiệu đoàn viên ưu tú cho Đảng"), 10)
    weight_party_admitted = _weight(_("trọng số: tỷ lệ đạt chỉ tiêu đoàn viên được kết nạp Đảng"), 0)
    weight_discipline = _weight(_("trọng số: chấp hành chế độ báo cáo"), 20)
    weight_quality = _weight(_("trọng số: chất lượng số liệu"), 10)
    cap_percent = models.IntegerField(
        _("% vượt chỉ tiêu tối đa được tính"), default=100,
        validators=[MinValueValidator(100, _("Phải từ 100 đến 200.")), MaxValueValidator(200, _("Phải từ 100 đến 200."))],
    )
    late_credit = models.IntegerField(
        _("báo cáo muộn được tính (%)"), default=50,
        validators=[MinValueValidator(0, _("Phải từ 0 đến 100.")), MaxValueValidator(100, _("Phải từ 0 đến 100."))],
    )
    points_per_member = models.DecimalField(
        _("công đoàn cơ sở: điểm mỗi đoàn viên mới"), max_digits=5, decimal_places=2, default=1,
        validators=[MinValueValidator(0, POINTS_MESSAGE), MaxValueValidator(100, POINTS_MESSAGE)],
    )
    points_per_party_introduced = models.DecimalField(
        _("công đoàn cơ sở: điểm mỗi đoàn viên giới thiệu cho Đảng"), max_digits=5, decimal_places=2, default=5,
        validators=[MinValueValidator(0, POINTS_MESSAGE), MaxValueValidator(100, POINTS_MESSAGE)],
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("công thức điểm thi đua")
        verbose_name_plural = _("công thức điểm thi đua")
        constraints = [
            models.CheckConstraint(
                condition=Q(weight_new_members__gte=0, weight_new_grassroots__gte=0, weight_party_introduced__gte=0,
                            weight_party_admitted__gte=0, weight_discipline__gte=0, weight_quality__gte=0)
                & Q(weight_new_members__lte=100, weight_new_grassroots__lte=100, weight_party_introduced__lte=100,
                    weight_party_admitted__lte=100, weight_discipline__lte=100, weight_quality__lte=100),
                name="reporting_formula_weights_range",
                violation_error_message=WEIGHT_MESSAGE,
            ),
            models.CheckConstraint(
                condition=Q(cap_percent__gte=100, cap_percent__lte=200, late_credit__gte=0, late_credit__lte=100),
                name="reporting_formula_cap_credit_range",
                violation_error_message=_("Mức tối đa phải từ 100 đến 200 %, báo cáo muộn từ 0 đến 100 %."),
            ),
        ]

    def __str__(self):
        return str(self.campaign)


class CommendationKind(models.TextChoices):
    UNIT = "unit", _("Tập thể: công đoàn cấp trên trực tiếp cơ sở")
    GRASSROOTS = "grassroots", _("Tập thể: công đoàn cơ sở")
    PERSON = "person", _("Cá nhân")


class CommendationStatus(models.TextChoices):
    PROPOSED = "proposed", _("Đề nghị")
    APPROVED = "approved", _("Đã khen thưởng")
    DECLINED = "declined", _("Không khen thưởng")


class Commendation(CheckedModel):
    """A proposal to commend a collective (a unit, a grassroots union) or a person, and the board's
    decision on it. A person's name here is a commendation record, not a member register."""

    campaign = models.ForeignKey(Campaign, verbose_name=_("chiến dịch"), on_delete=models.CASCADE,
                                 related_name="commendations")
    kind = models.CharField(_("đối tượng"), max_length=20, choices=CommendationKind.choices)
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="commendations",
                             help_text=_("Tập thể được đề nghị, hoặc đơn vị công tác của cá nhân."))
    person_name = models.CharField(_("họ và tên"), max_length=255, blank=True)
    position = models.CharField(_("chức vụ"), max_length=255, blank=True)
    achievement = models.TextField(_("thành tích"))
    status = models.CharField(_("trạng thái"), max_length=20, choices=CommendationStatus.choices,
                              default=CommendationStatus.PROPOSED)
    decision_number = models.CharField(_("số quyết định"), max_length=64, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người đề nghị"), on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người quyết định"), on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đề nghị khen thưởng")
        verbose_name_plural = _("thi đua, khen thưởng")
        ordering = ["campaign", "kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=CommendationKind.values) & Q(status__in=CommendationStatus.values),
                name="reporting_commendation_kind_status_valid",
                violation_error_message=_("Đối tượng hoặc trạng thái không hợp lệ."),
            ),
            models.CheckConstraint(
                condition=(Q(kind=CommendationKind.PERSON) & ~Q(person_name=""))
                | (~Q(kind=CommendationKind.PERSON) & Q(person_name="")),
                name="reporting_commendation_person_named",
                violation_error_message=_("Cá nhân phải có họ và tên; tập thể thì không ghi họ tên."),
            ),
            models.CheckConstraint(
                condition=Q(status=CommendationStatus.PROPOSED)
                | (~Q(decision_number="") & Q(decision_date__isnull=False)),
                name="reporting_commendation_decided_with_decision",
                violation_error_message=_("Quyết định phải có số và ngày."),
            ),
        ]

    def __str__(self):
        return self.person_name or str(self.unit)

    def clean(self):
        from django.core.exceptions import ValidationError

        from unions.models import UnitKind

        errors = {}
        if self.unit_id:
            if self.kind == CommendationKind.GRASSROOTS and self.unit.kind != UnitKind.GRASSROOTS:
                errors["unit"] = _("Hãy chọn một công đoàn cơ sở.")
            elif self.kind == CommendationKind.UNIT and self.unit.kind not in (UnitKind.SUPERIOR, UnitKind.FEDERATION):
                errors["unit"] = _("Hãy chọn một công đoàn cấp trên trực tiếp cơ sở.")
            elif self.campaign_id and not self.unit.path.startswith(self.campaign.federation.path):
                errors["unit"] = _("Đơn vị không thuộc tỉnh của chiến dịch.")
        if self.kind == CommendationKind.PERSON and not self.person_name.strip():
            errors["person_name"] = _("Hãy ghi họ và tên.")
        if self.kind != CommendationKind.PERSON:
            self.person_name = ""
        if errors:
            raise ValidationError(errors)
