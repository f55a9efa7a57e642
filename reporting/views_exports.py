"""Excel downloads of the campaign's figures: the province's synthesis table
(board and staff) and a reporting unit's table by grassroots union (anyone who
may see the unit, its reporters included)."""


from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from campaign.selectors import campaign_current
from unions.access import get_visible_unit_or_404
from unions.models import UnitKind

from .access import BadDate, as_of_param, managed_scope
from .exports.xlsx import CONTENT_TYPE, synthesis_workbook, unit_workbook
from .stats import campaign_stats


def _bad_date() -> HttpResponseBadRequest:
    return HttpResponseBadRequest(
        _("Ngày không hợp lệ: hãy ghi theo dạng dd/mm/yyyy (ví dụ 31/07/2025)."), content_type="text/plain; charset=utf-8"
    )


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_safe
def synthesis_xlsx(request):
    """The synthesis table of the province, as of a day."""
    campaign, root = managed_scope(request.user)
    try:
        as_of = as_of_param(request)
    except BadDate:
        return _bad_date()
    stats = campaign_stats(campaign, root, as_of=as_of)
    return _xlsx(synthesis_workbook(stats), f"tong-hop-thang-cao-diem-{campaign.year}-den-{as_of:%d-%m-%Y}.xlsx")


@login_required
@require_safe
def unit_synthesis_xlsx(request, unit_id: int):
    """A reporting unit's figures by grassroots union, as of a day (404 for a unit the user may not see)."""
    unit = get_visible_unit_or_404(request.user, pk=unit_id, kind__in=[UnitKind.SUPERIOR, UnitKind.FEDERATION])
    try:
        as_of = as_of_param(request)
    except BadDate:
        return _bad_date()
    campaign = campaign_current()
    if campaign is None:
        raise Http404("no campaign")
    stats = campaign_stats(campaign, unit, as_of=as_of)
    filename = f"tong-hop-{slugify(unit.code)}-thang-cao-diem-{campaign.year}-den-{as_of:%d-%m-%Y}.xlsx"
    return _xlsx(unit_workbook(unit=unit, stats=stats), filename)
