"""New grassroots unions: registered from a weekly report (they count exactly
while that report counts), corrected or taken back while the report takes
figures, or — recorded without a report, e.g. in June between the waves —
confirmed by the board. Each function runs in one transaction with the report
row locked (``services.locked``), like every write to a report."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from campaign.models import Campaign, Period, PeriodKind
from unions.access import can_manage
from unions.models import MAX_FIGURE, MIN_FOUNDING_MEMBERS, Unit, UnitKind
from unions.selectors import parent_on
from unions.services import enterprise_get_or_create, unit_create

from .models import Founding, Report, ReportLine
from .services import entry_refusal, locked, locked_or_new, new_version


@transaction.atomic
def grassroots_register(
    *,
    report: Report | None = None,
    unit: Unit | None = None,
    period: Period | None = None,
    user,
    name: str,
    sector: str,
    recognition_decision: str,
    recognition_date: datetime.date,
    founding_members: int,
    enterprise_tax_code: str = "",
    enterprise_name: str = "",
) -> Unit:
    """Register a grassroots union recognised in the report's week under the report's
    unit. Its founding members count as new members in its row; the union counts
    as new exactly while the report counts (``Founding``). Without ``report``, the
    unit's report for ``period`` (created if it has none)."""
    report = locked_or_new(report, unit, period)
    refusal = entry_refusal(report, user)
    if refusal:
        raise PermissionDenied(refusal)
    period = report.period
    if period.kind != PeriodKind.WEEK:
        raise ValidationError(_("Công đoàn cơ sở mới được đăng ký trong báo cáo tuần của tuần có quyết định công nhận."))
    _check_recognition(period, recognition_date, founding_members)
    enterprise = None
    if enterprise_tax_code:
        enterprise = enterprise_get_or_create(
            tax_code=enterprise_tax_code, name=enterprise_name, sector=sector, unit=report.unit
        )
    union = unit_create(
        code=_next_grassroots_code(),
        name=name,
        kind=UnitKind.GRASSROOTS,
        parent=report.unit,
        active_from=recognition_date,
        sector=sector,
        enterprise=enterprise,
        recognition_decision=recognition_decision,
        recognition_date=recognition_date,
        founding_members=founding_members,
    )
    line = ReportLine(report=report, grassroots=union, new_members=founding_members)
    line._history_user = user
    line.full_clean(validate_unique=False)
    line.save()
    founding = Founding(campaign=period.campaign, grassroots=union, unit=report.unit, report=report)
    founding._history_user = user
    founding.full_clean()
    founding.save()
    new_version(report, user)
    return union


def _check_recognition(period: Period, recognition_date: datetime.date, founding_members: int | None) -> None:
    """A union registered from a weekly report was recognised in that week, with enough founders."""
    if not period.contains(recognition_date):
        raise ValidationError(
            {
                "recognition_date": _("Ngày quyết định công nhận phải trong kỳ báo cáo (%(start)s – %(end)s).")
                % {
                    "start": formats.date_format(period.start, "SHORT_DATE_FORMAT"),
                    "end": formats.date_format(period.end, "SHORT_DATE_FORMAT"),
                }
            }
        )
    _check_founders(founding_members)


def _check_founders(founding_members: int | None) -> None:
    if founding_members is None or founding_members < MIN_FOUNDING_MEMBERS:
        raise ValidationError({"founding_members": _("Công đoàn cơ sở thành lập phải có ít nhất 5 đoàn viên.")})
    if founding_members > MAX_FIGURE:
        raise ValidationError({"founding_members": _("Số đoàn viên khi thành lập quá lớn (tối đa 100.000).")})


def _registered_in(report: Report, union: Unit) -> Founding:
    founding = Founding.objects.filter(grassroots=union, report=report).first()
    if founding is None:
        raise ValidationError(_("Công đoàn cơ sở này không được đăng ký trong báo cáo này."))
    return founding


@transaction.atomic
def grassroots_update(
    *,
    report: Report,
    user,
    union: Unit,
    name: str,
    sector: str,
    recognition_decision: str,
    recognition_date: datetime.date,
    founding_members: int,
) -> Unit:
    """Correct a grassroots union registered from ``report`` while the report takes
    figures (the board returns or reopens it first). Its row is raised to the new
    founders when it showed fewer."""
    report = locked(report)
    refusal = entry_refusal(report, user)
    if refusal:
        raise PermissionDenied(refusal)
    _registered_in(report, union)
    _check_recognition(report.period, recognition_date, founding_members)
    union = Unit.objects.select_for_update().get(pk=union.pk)
    union.name, union.sector = name, sector
    union.recognition_decision, union.recognition_date = recognition_decision, recognition_date
    union.founding_members = founding_members
    if union.active_from > recognition_date:
        union.active_from = recognition_date
    union._history_user = user
    union.full_clean()
    union.save()
    line = ReportLine.objects.filter(report=report, grassroots=union).first() or ReportLine(report=report, grassroots=union)
    if line.new_members < founding_members:
        line.new_members = founding_members
        line._history_user = user
        line.full_clean(validate_unique=False)
        line.save()
    new_version(report, user)
    return union


@transaction.atomic
def grassroots_unregister(*, report: Report, user, union: Unit) -> None:
    """Take back a grassroots union registered by mistake from ``report`` (while the
    report takes figures): the union, its line and its placement go. Refused once
    the union has figures in another report."""
    report = locked(report)
    refusal = entry_refusal(report, user)
    if refusal:
        raise PermissionDenied(refusal)
    founding = _registered_in(report, union)
    if ReportLine.objects.filter(grassroots=union).exclude(report=report).exists():
        raise ValidationError(_("Công đoàn cơ sở này đã có số liệu trong báo cáo khác: không thể bỏ đăng ký."))
    for line in ReportLine.objects.filter(report=report, grassroots=union):
        line._history_user = user
        line.delete()
    founding._history_user = user
    founding.delete()
    union.placements.all().delete()
    union._history_user = user
    union.delete()
    new_version(report, user)


@transaction.atomic
def founding_confirm(*, campaign: Campaign, union: Unit, user) -> Founding:
    """The board confirms a grassroots union recorded without a report: from now on it
    counts, for the unit it stood under on its recognition day, with its founders."""
    if union.kind != UnitKind.GRASSROOTS or not union.recognition_date or not union.founding_members:
        raise ValidationError(_("Công đoàn cơ sở phải có ngày quyết định công nhận và số đoàn viên khi thành lập."))
    waves = list(campaign.waves.all())
    if not waves or not (min(w.start for w in waves) <= union.recognition_date <= max(w.end for w in waves)):
        raise ValidationError(_("Ngày quyết định công nhận nằm ngoài thời gian của chiến dịch."))
    parent = parent_on(union, union.recognition_date)
    if parent is None:
        raise ValidationError(_("Không xác định được đơn vị cấp trên của công đoàn cơ sở vào ngày được công nhận."))
    if not can_manage(user, parent):
        raise PermissionDenied(_("Chỉ lãnh đạo và Ban Tổ chức - Kiểm tra xác nhận được."))
    if Founding.objects.filter(grassroots=union).exists():
        raise ValidationError(_("Công đoàn cơ sở này đã được tính là thành lập mới."))
    founding = Founding(
        campaign=campaign, grassroots=union, unit=parent, confirmed_at=timezone.now(), confirmed_by=user
    )
    founding._history_user = user
    founding.full_clean()
    founding.save()
    return founding


@transaction.atomic
def founding_revoke(*, founding: Founding, user) -> None:
    """Withdraw the board's confirmation of a union (those registered from a report
    follow their report instead)."""
    if founding.report_id is not None:
        raise ValidationError(_("Công đoàn cơ sở này được tính qua báo cáo đã đăng ký nó."))
    if not can_manage(user, founding.unit):
        raise PermissionDenied(_("Chỉ lãnh đạo và Ban Tổ chức - Kiểm tra xác nhận được."))
    founding._history_user = user
    founding.delete()


def _next_grassroots_code() -> str:
    """The next free code of the form CSnnnn (CS0001, CS0002, …)."""
    codes = Unit.objects.filter(code__regex=r"^CS[0-9]+$").values_list("code", flat=True)
    highest = max((int(code[2:]) for code in codes), default=0)
    return f"CS{highest + 1:04d}"
