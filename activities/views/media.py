"""The media work: the list with its filters and totals per channel and per wave, the item's form.
Seen with its unit; logged by the Professional Affairs Board and the managers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from activities.access import can_edit_media, get_editable_or_404, in_visible_units, units_in_charge
from activities.forms import MediaItemForm
from activities.models import MediaChannel, MediaItem
from activities.selectors import campaigns_for, media_summary
from activities.services import media_item_save
from activities.views.common import chosen_campaign, paged
from config.forms import add_service_errors

ITEMS = MediaItem.objects.select_related("unit", "wave", "campaign")


@login_required
@require_safe
def media_list(request):
    campaigns = campaigns_for(request.user)
    campaign = chosen_campaign(request, campaigns)
    items = in_visible_units(request.user, ITEMS.filter(campaign=campaign)) if campaign else ITEMS.none()
    channel = request.GET.get("channel", "")
    if channel in MediaChannel.values:
        items = items.filter(channel=channel)
    wave = request.GET.get("wave", "")
    if wave.isdigit():
        items = items.filter(wave__number=int(wave))
    page = paged(request, items.order_by("-published_on", "-pk"))
    editable = {item.pk for item in page if can_edit_media(request.user, item)}
    return render(request, "activities/media_list.html", {
        "campaign": campaign, "campaigns": campaigns, "page": page, "summary": media_summary(items),
        "channels": MediaChannel.choices, "channel": channel, "wave": wave,
        "waves": list(campaign.waves.order_by("number")) if campaign else [], "editable": editable,
        "can_add": bool(campaigns) and bool(units_in_charge(request.user, affairs=True)),
    })


def _form(request, item=None):
    units, campaigns = units_in_charge(request.user, affairs=True), campaigns_for(request.user)
    if not units or not campaigns:
        raise PermissionDenied(_("Chỉ Ban Nghiệp vụ và lãnh đạo, Ban Tổ chức ghi công tác truyền thông."))
    if item is not None and item.unit not in units:
        units = [item.unit, *units]
    form = MediaItemForm(request.POST or None, instance=item, units=units, campaigns=campaigns)
    if request.method == "POST" and form.is_valid():
        try:
            saved = media_item_save(item=form.instance, user=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu “%(title)s”.") % {"title": saved.title})
            return redirect("activities:media")
    return render(request, "activities/media_form.html", {"form": form, "item": item},
                  status=400 if form.errors else 200)


@login_required
def media_new(request):
    return _form(request)


@login_required
def media_edit(request, pk: int):
    return _form(request, get_editable_or_404(request.user, ITEMS, pk, may_edit=can_edit_media))
