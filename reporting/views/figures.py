"""Where a figure comes from and whether a printed copy still holds: the report
lines behind any number of the dashboard, the check of an output's
fingerprint, and the board's confirmation of new grassroots unions recorded
without a report."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from reporting.access import CAMPAIGN_PARAM, BadDate, as_of_param, campaign_of_unit, figures_scope
from reporting.fingerprint import check
from reporting.forms import CheckForm
from reporting.foundings import founding_confirm, founding_revoke
from reporting.models import Founding
from reporting.selectors import DIRECT_KEY, FIGURES
from reporting.stats import traced_lines
from unions.access import can_manage, get_visible_unit_or_404
from unions.models import Sector, Unit, UnitKind

LINES_PAGE_SIZE = 100


def _scope_of(request):
    """(campaign, root, own_row, campaigns): a reporting unit's own row when ``?unit=`` is
    given (anyone who may see it), else the user's whole scope (board, staff, viewers)."""
    unit_id = request.GET.get("unit", "").strip()
    if unit_id:
        if not unit_id.isdigit():
            raise Http404("bad unit")
        unit = get_visible_unit_or_404(request.user, pk=int(unit_id), kind__in=[UnitKind.SUPERIOR, UnitKind.FEDERATION])
        campaign, campaigns = campaign_of_unit(request, unit)
        return campaign, unit, True, campaigns
    scope = figures_scope(request)
    return scope.campaign, scope.root, False, scope.campaigns


@login_required
@require_safe
def figure_lines(request):
    """The counted report lines behind a figure, as of a day: of a unit's own row
    (``?unit=``), one grassroots union (``?grassroots=<code>`` or the direct row),
    one wave, one sector. Each line links to its report and the report's history."""
    campaign, root, own_row, _campaigns = _scope_of(request)
    try:
        as_of = as_of_param(request)
    except BadDate:
        messages.error(request, _("Ngày không hợp lệ: hãy nhập theo dạng dd/mm/yyyy."))
        as_of = timezone.localdate()
    waves = {str(w.pk): w for w in campaign.waves.order_by("number")}
    wave = waves.get(request.GET.get("wave", ""))
    grassroots = request.GET.get("grassroots", "").strip() or None
    sector = request.GET.get("sector")
    if sector is not None and sector not in (*Sector.values, ""):
        sector = None
    lines = traced_lines(
        campaign, root, as_of=as_of, own_row=own_row, grassroots=grassroots,
        wave_id=wave.pk if wave else None, sector=sector,
    )
    totals = {name: sum(line.values[name] for line in lines) for name in FIGURES}
    page = Paginator(lines, LINES_PAGE_SIZE).get_page(request.GET.get("page"))
    union = None
    if grassroots and grassroots != DIRECT_KEY:
        union = Unit.objects.filter(code=grassroots).first()
    query = {k: v for k, v in request.GET.items() if k != "page"}
    return render(
        request,
        "reporting/figure_lines.html",
        {
            "campaign": campaign,
            "root": root,
            "own_row": own_row,
            "as_of": as_of,
            "wave": wave,
            "union": union,
            "direct": grassroots == DIRECT_KEY,
            "sector_label": dict(Sector.choices).get(sector, _("Kết nạp trực tiếp")) if sector is not None else "",
            "page": page,
            "lines": page.object_list,
            "count": len(lines),
            "totals": totals,
            "query": urlencode(query),
        },
    )


@login_required
@require_safe
def fingerprint_check(request):
    """Take the fingerprint and cut-off printed on a PDF or Excel output and say whether
    its figures are still the same, and if not which reports (and new unions, targets)
    changed since. Nothing is written."""
    campaign, root, own_row, campaigns = _scope_of(request)
    form = CheckForm(request.GET if "code" in request.GET else None)
    result = None
    if form.is_bound and form.is_valid():
        result = check(campaign, root, own_row=own_row, code=form.cleaned_data["code"], as_of=form.cleaned_data["as_of"])
    return render(
        request,
        "reporting/fingerprint_check.html",
        {"campaign": campaign, "campaigns": campaigns, "root": root, "own_row": own_row, "form": form, "result": result},
        status=400 if form.is_bound and form.errors else 200,
    )


def _unconfirmed(campaign, root: Unit):
    """Grassroots unions below ``root`` recognised during the campaign that count
    nowhere yet: recorded without a report (in the admin), never confirmed."""
    waves = list(campaign.waves.all())
    if not waves:
        return Unit.objects.none()
    first, last = min(w.start for w in waves), max(w.end for w in waves)
    return (
        Unit.objects.filter(
            Q(path__startswith=root.path) | Q(placements__parent__path__startswith=root.path),
            kind=UnitKind.GRASSROOTS,
            recognition_date__gte=first,
            recognition_date__lte=last,
            founding__isnull=True,
        )
        .select_related("parent", "enterprise")
        .distinct()
        .order_by("recognition_date", "code")
    )


@login_required
def foundings(request):
    """The board's list of new grassroots unions recorded without a report: confirm one
    to count it (for the unit it stood under on its recognition day, with its founding
    members), or withdraw a confirmation."""
    scope = figures_scope(request, manage=True)
    campaign = scope.campaign
    target = f"{reverse('reporting:foundings')}?{urlencode({CAMPAIGN_PARAM: campaign.pk})}"
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "confirm":
                union = get_object_or_404(_unconfirmed(campaign, scope.root), pk=request.POST.get("grassroots"))
                founding_confirm(campaign=campaign, union=union, user=request.user)
                messages.success(request, _("Đã xác nhận %(name)s: từ nay được tính là công đoàn cơ sở thành lập mới.")
                                 % {"name": union.name})
            elif action == "revoke":
                founding = get_object_or_404(
                    Founding.objects.select_related("grassroots", "unit"),
                    pk=request.POST.get("founding"), campaign=campaign, report__isnull=True,
                    unit__path__startswith=scope.root.path,
                )
                founding_revoke(founding=founding, user=request.user)
                messages.success(request, _("Đã bỏ xác nhận %(name)s.") % {"name": founding.grassroots.name})
            else:
                messages.error(request, _("Thao tác không hợp lệ."))
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        return redirect(target)
    confirmed = (
        Founding.objects.filter(campaign=campaign, report__isnull=True, unit__path__startswith=scope.root.path)
        .select_related("grassroots", "unit", "confirmed_by")
        .order_by("grassroots__recognition_date")
    )
    return render(
        request,
        "reporting/foundings.html",
        {
            "campaign": campaign,
            "scope": scope,
            "pending": _unconfirmed(campaign, scope.root),
            "confirmed": confirmed,
            "can_manage": can_manage(request.user, scope.root),
        },
    )

