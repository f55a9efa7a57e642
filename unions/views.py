from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from .access import can_manage, get_visible_unit_or_404
from .selectors import children_on


@login_required
def unit_detail(request, pk: int):
    """A unit, the units under it today, and where it stood over time."""
    unit = get_visible_unit_or_404(request.user, pk=pk)
    today = timezone.localdate()
    day = min(today, unit.active_to) if unit.active_to else today
    return render(
        request,
        "unions/unit_detail.html",
        {
            "unit": unit,
            "as_of": day,
            "placements": unit.placements.select_related("parent").order_by("valid_from"),
            "children": children_on(unit, day).select_related("enterprise"),
            "can_manage": can_manage(request.user, unit),
        },
    )
