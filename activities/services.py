"""Writing the enterprises and their visits, the outreach teams and theirs: validated, in one transaction, in the history
with the user who made the change."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from config.constraints import saved_by
from unions.models import Enterprise, Unit, UnitKind

from .models import MediaItem, OutreachTeam, OutreachVisit, SurveyVisit

FIELDS = ("name", "sector", "commune", "employees")  # what an import may change (the tax code finds the row)


def _check_union(enterprise: Enterprise, union: Unit) -> None:
    if union.kind != UnitKind.GRASSROOTS or not union.path.startswith(enterprise.unit.path):
        raise ValidationError({"union": _("Công đoàn cơ sở phải trực thuộc đơn vị phụ trách doanh nghiệp.")})
    if union.enterprise_id not in (None, enterprise.pk):
        raise ValidationError({"union": _("Công đoàn cơ sở này đã gắn với doanh nghiệp khác.")})


@transaction.atomic
def enterprise_save(*, enterprise: Enterprise, user, union: Unit | None = None, unlink: bool = False) -> Enterprise:
    """Create or update ``enterprise``; link ``union`` (a grassroots union under its unit) to it,
    or with ``unlink`` take the link of the unions linked to it away."""
    saved_by(enterprise, user)
    if union is not None:
        _check_union(enterprise, union)
        if union.enterprise_id != enterprise.pk:
            union.enterprise = enterprise
            saved_by(union, user)
    elif unlink:
        for linked in Unit.objects.filter(enterprise=enterprise):
            linked.enterprise = None
            saved_by(linked, user)
    return enterprise


@transaction.atomic
def visit_record(*, enterprise: Enterprise, user, visited_on, visitors: str, findings: str = "") -> SurveyVisit:
    visit = SurveyVisit(enterprise=enterprise, visited_on=visited_on, visitors=visitors, findings=findings,
                        recorded_by=user if user.is_authenticated else None)
    return saved_by(visit, user)


@transaction.atomic
def enterprises_import(*, unit: Unit, user, rows: list[dict]) -> tuple[int, int]:
    """Every row of a checked import (``workbook.read_enterprises``) saved, or none:
    (created, updated). A row is the enterprise's fields by name, and ``union`` (a Unit or
    None). Written in bulk with its history: the same queries for 5 rows or 5,000."""
    existing = {e.tax_code: e for e in Enterprise.objects.select_for_update().select_related("unit").filter(
        tax_code__in=[r["tax_code"] for r in rows])}
    created, changed, links = [], [], []
    for row in rows:
        fields = {k: v for k, v in row.items() if k != "union"}
        enterprise = existing.get(row["tax_code"])
        if enterprise is None:
            enterprise = Enterprise(unit=unit, **fields)
            created.append(enterprise)
        elif enterprise.unit_id != unit.pk:
            raise ValidationError(_("Mã số thuế %(code)s đã có trong danh sách của đơn vị khác.") % {"code": row["tax_code"]})
        elif any(getattr(enterprise, k) != v for k, v in fields.items()):
            for name, value in fields.items():
                setattr(enterprise, name, value)
            changed.append(enterprise)
        if row["union"] is not None:
            links.append((enterprise, row["union"]))
    try:
        bulk_create_with_history(created, Enterprise, default_user=user)
    except IntegrityError:  # the same tax code saved meanwhile by someone else
        raise ValidationError(_("Một mã số thuế trong tệp vừa được người khác ghi; hãy gửi lại tệp.")) from None
    bulk_update_with_history(changed, Enterprise, list(FIELDS), default_user=user)
    unions, relinked = [], set()
    for enterprise, union in links:
        enterprise.unit = unit
        _check_union(enterprise, union)
        if union.enterprise_id != enterprise.pk:
            union.enterprise = enterprise
            unions.append(union)
            relinked.add(enterprise.pk)
    bulk_update_with_history(unions, Unit, ["enterprise"], default_user=user)
    new = {e.pk for e in created}
    return len(created), len({e.pk for e in changed} | (relinked - new))


@transaction.atomic
def team_save(*, team: OutreachTeam, members, user) -> OutreachTeam:
    """Create or update ``team`` with its roster (``members``: a valid ``MemberFormSet``)."""
    saved_by(team, user)
    members.instance = team
    for member in members.save(commit=False):
        member.team = team
        saved_by(member, user)
    for member in members.deleted_objects:
        member._history_user = user
        member.delete()
    return team


@transaction.atomic
def outreach_visit_record(*, visit: OutreachVisit, user) -> OutreachVisit:
    """Record a team's visit; a union it founded for an enterprise without one is linked to it."""
    saved_by(visit, user)
    union = visit.founded
    if union is not None and visit.enterprise_id and union.enterprise_id is None:
        union.enterprise = visit.enterprise
        saved_by(union, user)
    return visit


@transaction.atomic
def media_item_save(*, item: MediaItem, user) -> MediaItem:
    if item.pk is None and user.is_authenticated:
        item.recorded_by = user
    return saved_by(item, user)
