from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.messages.views import SuccessMessageMixin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from workbooks.archive import UploadRejected
from workbooks.cells import submitted_rows

from .access import can_manage, get_visible_unit_or_404, managed_roots, roles_of
from .forms import AccountForm
from .invitations import (
    INVITED_ROLES,
    MAX_INVITES,
    InviteList,
    invitations_send,
    invite_headers,
    read_invites,
    units_without_reporter,
)
from .models import RoleKind
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


# --- users and roles in bulk ----------------------------------------------------------------------------


@login_required
def invitations(request):
    """Staff invite people for many units at once: a sheet or pasted lines, checked and shown,
    then confirmed; the units in their charge with no reporter are listed."""
    if not managed_roots(request.user) and not request.user.is_superuser:
        raise PermissionDenied(_("Chỉ lãnh đạo và Ban Tổ chức mời người dùng."))
    listed, status = None, 200
    if request.method == "POST":
        try:
            rows = submitted_rows(request, MAX_INVITES, max_text=500_000)
        except UploadRejected as exc:
            listed = InviteList(errors=[str(exc)])
        else:
            listed = read_invites(rows, inviter=request.user)
        if listed.valid and request.POST.get("confirm") == "1":
            created, given = invitations_send(listed, inviter=request.user,
                                              base_url=request.build_absolute_uri("/").rstrip("/"))
            messages.success(request, _("Đã giao %(given)s vai trò; %(created)s người dùng mới nhận thư mời đặt mật khẩu.")
                             % {"given": given, "created": created})
            return redirect("unions:invitations")
        status = 200 if listed.valid else 400
    return render(request, "unions/invitations.html", {
        "listed": listed, "headers": invite_headers(), "box": listed.text if listed and not listed.valid else "", "without_reporter": units_without_reporter(request.user),
        "roles": [RoleKind(r) for r in INVITED_ROLES],
    }, status=status)


class PasswordSetView(auth_views.PasswordResetConfirmView):
    """The link of an invitation (or of a reset): the user sets their own password."""

    template_name = "registration/password_set.html"
    success_url = reverse_lazy("login")

    def form_valid(self, form):
        messages.success(self.request, _("Đã đặt mật khẩu. Hãy đăng nhập."))
        return super().form_valid(form)
