from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.messages.views import SuccessMessageMixin
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .access import can_manage, get_visible_unit_or_404, roles_of
from .forms import AccountForm
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


@login_required
def account(request):
    """The user's own name and e-mail address, and the roles they hold."""
    if request.method == "POST":
        form = AccountForm(request.POST, instance=request.user)
        if form.is_valid():
            with transaction.atomic():
                form.save()
            messages.success(request, _("Đã lưu thông tin tài khoản."))
            return redirect("account")
    else:
        form = AccountForm(instance=request.user)
    roles = sorted(roles_of(request.user), key=lambda r: (r.unit.path, r.role))
    return render(request, "unions/account.html", {"form": form, "roles": roles})


class PasswordChangeView(SuccessMessageMixin, auth_views.PasswordChangeView):
    """Django's password change (old password, new twice, the validators), in the app's layout."""

    template_name = "unions/password_change.html"
    success_url = reverse_lazy("account")
    success_message = gettext_lazy("Đã đổi mật khẩu.")
