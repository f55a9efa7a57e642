"""The emulation formula and the commendations: proposed by the Professional Affairs Board or the
managers, decided by the board with a decision's number and date. Validated, in one transaction,
in the history with the user."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from config.constraints import saved_by
from unions.access import can_decide, can_do_affairs, can_manage

from .models import Commendation, CommendationKind, CommendationStatus, EmulationFormula


@transaction.atomic
def formula_save(*, formula: EmulationFormula, user) -> EmulationFormula:
    if not can_manage(user, formula.campaign.federation):
        raise PermissionDenied(_("Chỉ lãnh đạo và Ban Tổ chức - Kiểm tra sửa được công thức điểm thi đua."))
    return saved_by(formula, user)


@transaction.atomic
def commendation_propose(*, commendation: Commendation, user) -> Commendation:
    if not can_do_affairs(user, commendation.unit):
        raise PermissionDenied(_("Chỉ Ban Nghiệp vụ và lãnh đạo, Ban Tổ chức đề nghị khen thưởng."))
    commendation.status = CommendationStatus.PROPOSED
    commendation.proposed_by = user
    return saved_by(commendation, user)


@transaction.atomic
def commendation_decide(*, commendation: Commendation, user, approve: bool, decision_number: str,
                        decision_date) -> Commendation:
    """The board approves or declines a proposal, with the decision's number and date; once only."""
    commendation = Commendation.objects.select_for_update().select_related("campaign__federation", "unit").get(
        pk=commendation.pk)
    if not can_decide(user, commendation.campaign.federation):
        raise PermissionDenied(_("Chỉ lãnh đạo (Ban Thường vụ) quyết định khen thưởng."))
    if commendation.status != CommendationStatus.PROPOSED:
        raise ValidationError(_("Đề nghị này đã được quyết định."))
    if not decision_number.strip() or decision_date is None:
        raise ValidationError(_("Quyết định phải có số và ngày."))
    commendation.status = CommendationStatus.APPROVED if approve else CommendationStatus.DECLINED
    commendation.decision_number = decision_number.strip()
    commendation.decision_date = decision_date
    commendation.decided_by = user
    return saved_by(commendation, user)


def commendations_of(campaign, root, *, status: str | None = None) -> list[Commendation]:
    """The proposals of ``campaign`` for the units at or under ``root``: collectives of direct-superior
    unions first, then grassroots unions, then people; in the order they were made."""
    proposals = Commendation.objects.filter(campaign=campaign, unit__path__startswith=root.path).select_related(
        "unit", "proposed_by", "decided_by")
    if status is not None:
        proposals = proposals.filter(status=status)
    order = {kind: index for index, kind in enumerate(CommendationKind.values)}
    return sorted(proposals, key=lambda c: (order[c.kind], c.pk))
