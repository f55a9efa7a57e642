"""Missing reports and the board's "send reminders" button.

Board and staff only, each seeing the units they manage. The list is a GET
filtered by one period (the most recently due by default); the button POSTs
that period back and the reminders are recomputed on the server, never taken
from the page.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from campaign.models import Period
from reporting import reminders, services
from reporting.access import CAMPAIGN_PARAM, NoCampaign, figures_scope
from reporting.forms import PeriodFilterForm
from reporting.models import EntryRequest
from reporting.obligations import due_periods
from unions.access import managed_roots


def _selected_period(data, periods: list[Period]) -> tuple[PeriodFilterForm, Period | None]:
    """The period asked for in ``data`` (one of ``periods``), else the most recently due."""
    by_id = {p.pk: p for p in periods}
    default = periods[0] if periods else None
    if "period" not in data:
        return PeriodFilterForm(initial={"period": default.pk if default else None}, periods=periods), default
    form = PeriodFilterForm(data, periods=periods)
    if form.is_valid():
        return form, by_id[form.cleaned_data["period"]]
    return form, default


def _context(request):
    """Campaign, the periods due (most recent first) and the user's managed units; 403 for others."""
    try:
        scope = figures_scope(request, manage=True)
    except PermissionDenied:
        raise PermissionDenied(_("Chỉ lãnh đạo và cán bộ Ban Tổ chức - Kiểm tra xem được danh sách này.")) from None
    except NoCampaign:
        return timezone.now(), None, [], [], None
    now = timezone.now()
    campaign = scope.campaign
    roots = managed_roots(request.user, within=campaign.federation)
    periods = list(reversed(due_periods(campaign, now=now)))
    return now, campaign, roots, periods, scope


def _posted_period(request):
    """(now, campaign, roots, period, page to go back to) for the list's POST actions;
    ``period`` is None (and the user told) when no due period was chosen."""
    now, campaign, roots, periods, _scope = _context(request)
    form, period = _selected_period(request.POST, periods)
    target = reverse("reporting:missing")
    if period is None or not form.is_valid():
        messages.error(request, _("Hãy chọn một kỳ báo cáo đã đến hạn nộp."))
        return now, campaign, roots, None, target
    return now, campaign, roots, period, f"{target}?{urlencode({CAMPAIGN_PARAM: campaign.pk, 'period': period.pk})}"


@require_safe
@login_required
def missing_reports(request):
    now, campaign, roots, periods, scope = _context(request)
    form, period = _selected_period(request.GET, periods)
    missing = reminders.missing_reports(campaign, roots, now=now, period=period) if period and roots else []
    requests = {}
    if missing:
        for item in EntryRequest.objects.filter(
            period=period, unit__in=[m.unit for m in missing], resolved_at__isnull=True
        ).select_related("requested_by"):
            requests[item.unit_id] = item
    for item in missing:
        item.entry_request = requests.get(item.unit.pk)
    return render(
        request,
        "reporting/missing.html",
        {
            "campaign": campaign,
            "scope": scope,
            "periods": periods,
            "form": form,
            "period": period,
            "missing": missing,
            "now": now,
            "has_units": bool(roots),
            "is_closed": bool(period and now >= period.closes_at),
            "reachable": sum(1 for item in missing if item.emails),
        },
    )


@require_POST
@login_required
def send_missing_reminders(request):
    now, campaign, roots, period, target = _posted_period(request)
    if period is None:
        return redirect(target)
    missing = reminders.missing_reports(campaign, roots, now=now, period=period) if roots else []
    if not missing:
        messages.info(request, _("Không có báo cáo nào còn thiếu trong kỳ này."))
        return redirect(target)
    base_url = getattr(settings, "SITE_URL", "") or request.build_absolute_uri("/")
    result, recent = reminders.remind_missing(missing, sent_by=request.user, now=now, base_url=base_url)
    messages.success(
        request,
        ngettext("Đã gửi %(count)s thư nhắc nhở.", "Đã gửi %(count)s thư nhắc nhở.", int(result)) % {"count": int(result)},
    )
    if result.without_email:
        messages.warning(
            request,
            _("Chưa nhắc được các đơn vị chưa có cán bộ báo cáo có địa chỉ e-mail: %(units)s.")
            % {"units": ", ".join(item.unit.name for item in result.without_email)},
        )
    if recent:
        messages.info(
            request,
            ngettext(
                "%(count)s đơn vị vừa được nhắc trong %(minutes)s phút qua nên không gửi lại.",
                "%(count)s đơn vị vừa được nhắc trong %(minutes)s phút qua nên không gửi lại.",
                len(recent),
            )
            % {"count": len(recent), "minutes": int(reminders.RESEND_AFTER.total_seconds() // 60)},
        )
    if result.failed:
        messages.error(
            request,
            ngettext(
                "Máy chủ thư không nhận %(count)s thư; hãy thử lại sau.",
                "Máy chủ thư không nhận %(count)s thư; hãy thử lại sau.",
                len(result.failed),
            )
            % {"count": len(result.failed)},
        )
    return redirect(target)



@require_POST
@login_required
def open_missing_entry(request):
    """Open entry (a lock exception) for several missing reports of one period at once,
    with one reason: all of them, or none. Only units still missing the report are
    opened, whatever the page sent."""
    now, campaign, roots, period, target = _posted_period(request)
    if period is None:
        return redirect(target)
    reason = request.POST.get("reason", "").strip()
    chosen = set(request.POST.getlist("unit"))
    missing = reminders.missing_reports(campaign, roots, now=now, period=period) if roots else []
    selected = [m for m in missing if str(m.unit.pk) in chosen]
    if not selected:
        messages.error(request, _("Hãy chọn ít nhất một đơn vị còn thiếu báo cáo."))
        return redirect(target)
    if not reason:
        messages.error(request, _("Hãy ghi lý do mở nhập liệu."))
        return redirect(target)
    try:
        with transaction.atomic():
            for item in selected:
                services.entry_open(unit=item.unit, period=period, user=request.user, reason=reason, report=item.report)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        return redirect(target)
    messages.success(
        request,
        ngettext(
            "Đã mở nhập liệu cho %(count)s đơn vị.", "Đã mở nhập liệu cho %(count)s đơn vị.", len(selected)
        ) % {"count": len(selected)},
    )
    return redirect(target)
