"""The organisation tree: the provincial federation, direct-superior unions and
grassroots unions, their dated moves, the enterprises surveyed, and who holds
which role on which unit."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Concat, Substr
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from config.constraints import CheckedModel

from .collation import vi_collate

MIN_FOUNDING_MEMBERS = 5  # Union Charter, art. 13
# The largest head-count any figure may hold (a report cell, a union's founders):
# no grassroots union admits more people in one period.
MAX_FIGURE = 100_000
# ASCII digits only (\d would take full-width digits); \Z, since $ lets a trailing newline through.
TAX_CODE_PATTERN = r"^[0-9]{10}(-[0-9]{3})?\Z"
UNIT_CODE_PATTERN = r"^[A-Z0-9][A-Z0-9._-]*\Z"
FOUNDING_MEMBERS_MESSAGE = _("Công đoàn cơ sở thành lập phải có ít nhất 5 đoàn viên.")
FOUNDING_MEMBERS_MAX_MESSAGE = _("Số đoàn viên khi thành lập quá lớn (tối đa 100.000).")
EMPLOYEES_MESSAGE = _("Số lao động không được âm.")
MAX_EMPLOYEES = 1_000_000  # the largest workforce of one enterprise in Vietnam is under 200,000
EMPLOYEES_MAX_MESSAGE = _("Số lao động quá lớn (tối đa 1.000.000).")


class UnitKind(models.TextChoices):
    # Above the provinces: the Vietnam General Confederation of Labour. The provincial
    # federations (and the national sector unions, kept as the same kind) stand under it.
    CONFEDERATION = "confederation", _("Tổng Liên đoàn Lao động Việt Nam")
    FEDERATION = "federation", _("Liên đoàn Lao động tỉnh")
    SUPERIOR = "superior", _("Công đoàn cấp trên trực tiếp cơ sở")
    GRASSROOTS = "grassroots", _("Công đoàn cơ sở")


class Sector(models.TextChoices):
    STATE = "state", _("Doanh nghiệp nhà nước")
    NON_STATE = "non_state", _("Doanh nghiệp ngoài nhà nước")
    FDI = "fdi", _("Doanh nghiệp có vốn đầu tư nước ngoài")
    PUBLIC_UNIT = "public_unit", _("Đơn vị sự nghiệp công lập")
    COOPERATIVE = "cooperative", _("Hợp tác xã")
    INFORMAL = "informal", _("Nghiệp đoàn, khu vực phi chính thức")
    OTHER = "other", _("Khác")


def active_during_q(start, end, *, prefix: str = "") -> Q:
    """The one rule for "a unit is active during [start, end]": recognised by ``end``
    and not dissolved before ``start``. ``prefix`` reaches the unit through a
    relation (``"unit__"``)."""
    not_ended = Q(**{f"{prefix}active_to__isnull": True}) | Q(**{f"{prefix}active_to__gte": start})
    return not_ended & Q(**{f"{prefix}active_from__lte": end})


class UnitQuerySet(models.QuerySet):
    def vi_ordered(self):
        """Ordered by name in Vietnamese alphabetical order."""
        return self.order_by(vi_collate("name"), "code")

    def under(self, unit, *, include_self=True):
        """Every unit below ``unit`` in today's tree: one indexed prefix query."""
        qs = self.filter(path__startswith=unit.path)
        return qs if include_self else qs.exclude(pk=unit.pk)

    def active_during(self, start, end):
        """Units active at some time between ``start`` and ``end``."""
        return self.filter(active_during_q(start, end))

    def active_on(self, day):
        return self.active_during(day, day)

    def grassroots(self):
        return self.filter(kind=UnitKind.GRASSROOTS)

    def superiors(self):
        return self.filter(kind=UnitKind.SUPERIOR)


class Enterprise(CheckedModel):
    """A workplace surveyed during the campaign."""

    tax_code = models.CharField(
        _("mã số thuế"),
        max_length=14,
        unique=True,
        validators=[
            RegexValidator(
                TAX_CODE_PATTERN,
                _("Mã số thuế gồm 10 chữ số, chi nhánh thêm “-” và 3 chữ số (vd. 6200123456-001)."),
            )
        ],
        error_messages={"unique": _("Đã có doanh nghiệp với mã số thuế này.")},
    )
    name = models.CharField(_("tên doanh nghiệp"), max_length=255)
    sector = models.CharField(_("khu vực"), max_length=20, choices=Sector.choices)
    commune = models.CharField(_("xã, phường"), max_length=100, blank=True)
    employees = models.IntegerField(
        _("số lao động"), default=0, validators=[MinValueValidator(0, EMPLOYEES_MESSAGE), MaxValueValidator(MAX_EMPLOYEES)]
    )
    # The direct-superior union (or the federation) in whose area it stands: who surveys it,
    # whose recruitment target it is, who sees and edits it.
    unit = models.ForeignKey(
        "Unit", verbose_name=_("đơn vị phụ trách"), on_delete=models.PROTECT, related_name="enterprises"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("doanh nghiệp")
        verbose_name_plural = _("doanh nghiệp được khảo sát")
        ordering = [vi_collate("name")]
        constraints = [
            models.CheckConstraint(
                condition=Q(sector__in=Sector.values),
                name="unions_enterprise_sector_valid",
                violation_error_message=_("Khu vực không hợp lệ."),
            ),
            models.CheckConstraint(
                condition=Q(employees__gte=0),
                name="unions_enterprise_employees_nonnegative",
                violation_error_message=EMPLOYEES_MESSAGE,
            ),
            models.CheckConstraint(
                condition=Q(employees__lte=MAX_EMPLOYEES),
                name="unions_enterprise_employees_max",
                violation_error_message=EMPLOYEES_MAX_MESSAGE,
            ),
            models.CheckConstraint(
                condition=Q(tax_code__regex=TAX_CODE_PATTERN),
                name="unions_enterprise_tax_code_format",
                violation_error_message=_("Mã số thuế gồm 10 chữ số, chi nhánh thêm “-” và 3 chữ số (vd. 6200123456-001)."),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.tax_code})"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.unit_id and self.unit.kind not in (UnitKind.FEDERATION, UnitKind.SUPERIOR):
            raise ValidationError({"unit": _("Đơn vị phụ trách phải là công đoàn cấp trên trực tiếp cơ sở hoặc LĐLĐ tỉnh.")})


class Unit(CheckedModel):
    """A node of the union tree.

    ``parent`` and ``path`` describe today's tree; ``placements`` keep where the
    unit stood on any past day (grassroots unions changed parent on 01/07/2025).
    """

    code = models.CharField(
        _("mã đơn vị"),
        max_length=32,
        unique=True,
        validators=[RegexValidator(UNIT_CODE_PATTERN, _("Mã đơn vị chỉ gồm chữ in hoa không dấu, số, “.”, “-”, “_”."))],
        error_messages={"unique": _("Đã có đơn vị với mã này.")},
    )
    name = models.CharField(_("tên đơn vị"), max_length=255)
    kind = models.CharField(_("cấp"), max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên (hiện nay)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    # "/<id>/<id>/…/": materialised path of today's tree, kept by save().
    path = models.CharField(_("đường dẫn"), max_length=255, db_index=True, editable=False, default="")
    active_from = models.DateField(_("hoạt động từ ngày"))
    active_to = models.DateField(_("hoạt động đến ngày"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị kế thừa"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="predecessors",
        help_text=_("Đơn vị nhận chỉ tiêu và các công đoàn cơ sở khi đơn vị này giải thể."),
    )
    # Grassroots unions only.
    sector = models.CharField(_("khu vực"), max_length=20, choices=Sector.choices, blank=True)
    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name=_("doanh nghiệp, đơn vị"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="grassroots_unions",
    )
    recognition_decision = models.CharField(_("số quyết định công nhận"), max_length=64, blank=True)
    recognition_date = models.DateField(_("ngày quyết định công nhận"), null=True, blank=True)
    founding_members = models.IntegerField(
        _("số đoàn viên khi thành lập"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(MIN_FOUNDING_MEMBERS, FOUNDING_MEMBERS_MESSAGE),
            MaxValueValidator(MAX_FIGURE, FOUNDING_MEMBERS_MAX_MESSAGE),
        ],
    )

    history = HistoricalRecords(excluded_fields=["path"])
    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = pgettext_lazy("plural", "đơn vị")
        ordering = [vi_collate("name"), "code"]
        # The reporting units (a few hundred) are read out of 130,000 grassroots unions by kind.
        indexes = [models.Index(fields=["kind"], name="unions_unit_kind_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=UnitKind.values),
                name="unions_unit_kind_valid",
                violation_error_message=_("Cấp đơn vị không hợp lệ."),
            ),
            models.CheckConstraint(
                condition=Q(sector__in=[*Sector.values, ""]),
                name="unions_unit_sector_valid",
                violation_error_message=_("Khu vực không hợp lệ."),
            ),
            models.CheckConstraint(
                condition=~Q(kind=UnitKind.GRASSROOTS) | ~Q(sector=""),
                name="unions_unit_grassroots_has_sector",
                violation_error_message=_("Công đoàn cơ sở phải có khu vực."),
            ),
            models.CheckConstraint(
                condition=Q(founding_members__isnull=True) | Q(founding_members__gte=MIN_FOUNDING_MEMBERS),
                name="unions_unit_founding_members_min_5",
                violation_error_message=FOUNDING_MEMBERS_MESSAGE,
            ),
            models.CheckConstraint(
                condition=Q(founding_members__isnull=True) | Q(founding_members__lte=MAX_FIGURE),
                name="unions_unit_founding_members_max",
                violation_error_message=FOUNDING_MEMBERS_MAX_MESSAGE,
            ),
            models.CheckConstraint(
                condition=Q(code__regex=UNIT_CODE_PATTERN),
                name="unions_unit_code_format",
                violation_error_message=_("Mã đơn vị chỉ gồm chữ in hoa không dấu, số, “.”, “-”, “_”."),
            ),
            models.CheckConstraint(
                condition=Q(active_to__isnull=True) | Q(active_to__gte=F("active_from")),
                name="unions_unit_active_dates_ordered",
                violation_error_message=_("Ngày kết thúc hoạt động không được trước ngày bắt đầu."),
            ),
            models.CheckConstraint(
                condition=Q(kind=UnitKind.CONFEDERATION, parent__isnull=True)
                | Q(kind=UnitKind.FEDERATION)
                | (~Q(kind__in=[UnitKind.CONFEDERATION, UnitKind.FEDERATION]) & Q(parent__isnull=False)),
                name="unions_unit_parent_by_kind",
                violation_error_message=_(
                    "Tổng Liên đoàn không có đơn vị cấp trên; Liên đoàn Lao động tỉnh chỉ trực thuộc Tổng Liên đoàn; "
                    "mọi đơn vị khác phải có đơn vị cấp trên."
                ),
            ),
            models.CheckConstraint(
                condition=Q(successor__isnull=True) | Q(active_to__isnull=False),
                name="unions_unit_successor_needs_end",
                violation_error_message=_("Chỉ đơn vị đã kết thúc hoạt động mới có đơn vị kế thừa."),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self._refresh_path()

    def is_active_during(self, start, end) -> bool:
        """The instance form of ``active_during_q``."""
        return self.active_from <= end and (self.active_to is None or self.active_to >= start)

    def is_active_on(self, day) -> bool:
        return self.is_active_during(day, day)

    @property
    def is_grassroots(self) -> bool:
        return self.kind == UnitKind.GRASSROOTS

    @property
    def is_federation(self) -> bool:
        return self.kind == UnitKind.FEDERATION

    @property
    def is_confederation(self) -> bool:
        return self.kind == UnitKind.CONFEDERATION

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if self.parent_id and self.pk and self.parent_id == self.pk:
            errors["parent"] = _("Một đơn vị không thể là cấp trên của chính nó.")
        if self.successor_id and self.pk and self.successor_id == self.pk:
            errors["successor"] = _("Một đơn vị không thể kế thừa chính nó.")
        if self.parent_id and self.pk and self.path and self.parent.path.startswith(self.path):
            errors["parent"] = _("Không thể chuyển đơn vị vào dưới một đơn vị trực thuộc nó.")
        if self.parent_id and self.parent.kind == UnitKind.GRASSROOTS:
            errors["parent"] = _("Công đoàn cơ sở không thể là đơn vị cấp trên.")
        elif self.parent_id and (self.kind == UnitKind.FEDERATION) != (self.parent.kind == UnitKind.CONFEDERATION):
            errors["parent"] = _("Chỉ Liên đoàn Lao động tỉnh trực thuộc Tổng Liên đoàn, và chỉ trực thuộc Tổng Liên đoàn.")
        if errors:
            raise ValidationError(errors)

    def _refresh_path(self):
        """Keep the materialised path (and the paths below it) in step with ``parent``."""
        prefix = Unit.objects.values_list("path", flat=True).get(pk=self.parent_id) if self.parent_id else "/"
        new_path = f"{prefix}{self.pk}/"
        old_path = self.path
        if new_path == old_path:
            return
        if old_path:
            Unit.objects.filter(path__startswith=old_path).update(
                path=Concat(models.Value(new_path), Substr("path", len(old_path) + 1), output_field=models.CharField())
            )
        else:
            Unit.objects.filter(pk=self.pk).update(path=new_path)
        self.path = new_path


class Placement(CheckedModel):
    """Where a unit stood in the tree from one day to another."""

    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="placements")
    parent = models.ForeignKey(
        Unit, verbose_name=_("đơn vị cấp trên"), on_delete=models.PROTECT, related_name="child_placements"
    )
    valid_from = models.DateField(_("từ ngày"))
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("quá trình trực thuộc")
        verbose_name_plural = pgettext_lazy("plural", "quá trình trực thuộc")
        ordering = ["unit", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="unions_placement_dates_ordered",
                violation_error_message=_("Ngày kết thúc không được trước ngày bắt đầu."),
            ),
            models.UniqueConstraint(
                fields=["unit", "valid_from"],
                name="unions_placement_one_per_day",
                violation_error_message=_("Đơn vị đã có một lần chuyển trực thuộc vào ngày này."),
            ),
            models.UniqueConstraint(
                fields=["unit"],
                condition=Q(valid_to__isnull=True),
                name="unions_placement_one_open",
                violation_error_message=_("Đơn vị chỉ có một nơi trực thuộc hiện tại."),
            ),
        ]
        indexes = [models.Index(fields=["parent", "valid_from"], name="unions_placement_parent_idx")]

    def __str__(self):
        return f"{self.unit} → {self.parent} ({date_format(self.valid_from, 'SHORT_DATE_FORMAT')})"


class RoleKind(models.TextChoices):
    BOARD = "board", _("Lãnh đạo (Ban Thường vụ, Ban Chỉ đạo)")
    STAFF = "staff", _("Cán bộ Ban Tổ chức - Kiểm tra")
    REPORTER = "reporter", _("Cán bộ báo cáo của đơn vị")
    VIEWER = "viewer", _("Chỉ xem")
    # The Professional Affairs Board: logs the campaign's media work, proposes commendations.
    AFFAIRS = "affairs", _("Cán bộ Ban Nghiệp vụ")


class Role(CheckedModel):
    """A user's role on a unit; it reaches every unit below that one."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người dùng"), on_delete=models.CASCADE, related_name="union_roles"
    )
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("vai trò"), max_length=20, choices=RoleKind.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vai trò")
        verbose_name_plural = _("vai trò người dùng")
        ordering = ["user", "unit", "role"]
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=RoleKind.values),
                name="unions_role_role_valid",
                violation_error_message=_("Vai trò không hợp lệ."),
            ),
            models.UniqueConstraint(
                fields=["user", "unit", "role"],
                name="unions_role_unique",
                violation_error_message=_("Người dùng đã có vai trò này ở đơn vị này."),
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} — {self.unit}"
