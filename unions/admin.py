from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, SetUnusablePasswordMixin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .admin_scope import ScopedAdminMixin, ScopedChoicesMixin, within_q
from .forms import ConstraintMessageInlineFormSet
from .models import Enterprise, Placement, Role, Unit
from .selectors import enterprises_with_union
from .services import placement_open, unit_move, unit_move_check


class PlacementInline(ScopedChoicesMixin, admin.TabularInline):
    model = Placement
    fk_name = "unit"
    extra = 0
    can_delete = False
    fields = ["parent", "valid_from", "valid_to"]
    readonly_fields = fields
    verbose_name_plural = _("quá trình trực thuộc (chuyển đơn vị cấp trên qua ô “đơn vị cấp trên” và “ngày chuyển”)")

    def has_add_permission(self, request, obj=None):
        return False


class RoleInline(ScopedChoicesMixin, admin.TabularInline):
    model = Role
    formset = ConstraintMessageInlineFormSet
    extra = 0
    autocomplete_fields = ["user"]


class UnitAdminForm(forms.ModelForm):
    moved_on = forms.DateField(
        label=_("ngày chuyển đơn vị cấp trên"),
        required=False,
        help_text=_("Khi đổi đơn vị cấp trên: ngày bắt đầu trực thuộc đơn vị mới (mặc định hôm nay)."),
    )

    class Meta:
        model = Unit
        fields = [
            "code", "name", "kind", "parent", "active_from", "active_to", "successor",
            "sector", "enterprise", "recognition_decision", "recognition_date", "founding_members",
        ]

    def clean(self):
        cleaned = super().clean()
        new_parent = cleaned.get("parent")
        if self.instance.pk and "parent" in self.changed_data and new_parent is not None:
            cleaned["moved_on"] = cleaned.get("moved_on") or timezone.localdate()
            current = Unit.objects.get(pk=self.instance.pk)
            try:
                unit_move_check(unit=current, new_parent=new_parent, on=cleaned["moved_on"])
            except ValidationError as exc:
                self.add_error(None, exc)
        return cleaned


@admin.register(Unit)
class UnitAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    scope_path = "path"
    form = UnitAdminForm
    list_display = ["code", "name", "kind", "parent", "sector", "active_from", "active_to"]
    list_filter = ["kind", "sector", "active_to", ("parent", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["code", "name", "recognition_decision", "enterprise__name", "enterprise__tax_code"]
    autocomplete_fields = ["parent", "successor", "enterprise"]
    list_select_related = ["parent"]
    inlines = [PlacementInline, RoleInline]
    fieldsets = [
        (None, {"fields": ["code", "name", "kind", "parent", "moved_on", "active_from", "active_to", "successor"]}),
        (
            _("Công đoàn cơ sở"),
            {"fields": ["sector", "enterprise", "recognition_decision", "recognition_date", "founding_members"]},
        ),
    ]

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        # A change of parent is a dated move, made by the service so that the
        # placement history stays whole (validated in the form's clean()).
        if change and "parent" in form.changed_data:
            new_parent = obj.parent
            obj.parent = Unit.objects.get(pk=obj.pk).parent
            super().save_model(request, obj, form, change)
            unit_move(unit=obj, new_parent=new_parent, on=form.cleaned_data["moved_on"])
            obj.refresh_from_db()
            return
        super().save_model(request, obj, form, change)
        if not change and obj.parent_id:
            placement_open(unit=obj, parent=obj.parent, valid_from=obj.active_from)
        if obj.active_to:
            # An ended unit stands nowhere after its last day.
            obj.placements.filter(valid_to__isnull=True, valid_from__lte=obj.active_to).update(valid_to=obj.active_to)


@admin.register(Enterprise)
class EnterpriseAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    scope_path = "unit__path"
    list_display = ["tax_code", "name", "sector", "unit", "commune", "employees", "is_unionised"]
    list_filter = ["sector"]
    search_fields = ["tax_code", "name", "commune"]
    autocomplete_fields = ["unit"]
    list_select_related = ["unit"]

    @admin.display(boolean=True, description=_("đã có công đoàn"))
    def is_unionised(self, obj):
        return obj.unionised

    def get_queryset(self, request):
        return enterprises_with_union(super().get_queryset(request), day=timezone.localdate())


@admin.register(Role)
class RoleAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    scope_path = "unit__path"
    list_display = ["user", "role", "unit"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "unit__name", "unit__code"]
    autocomplete_fields = ["user", "unit"]
    list_select_related = ["user", "unit"]


class UserRoleInline(ScopedChoicesMixin, admin.TabularInline):
    model = Role
    formset = ConstraintMessageInlineFormSet
    extra = 0
    autocomplete_fields = ["unit"]
    verbose_name_plural = _("vai trò ở các đơn vị")

    def get_queryset(self, request):
        # A person's roles in another province stay out of sight (and out of the formset).
        return super().get_queryset(request).filter(within_q(request.user, "unit__path"))


class UserPasswordChangeForm(AdminPasswordChangeForm):
    """Django's admin password form, with its warning translated.

    Django 5.2 appends "If disabled, the current password for this user will
    be lost." to the help text of "password-based authentication" without
    marking it for translation, and joins the two when its module is imported,
    which freezes the first sentence in the language active then. Here the
    warning is translated and the whole is joined when shown. The markup stays
    Django's: the admin's unusable_password_field.js shows and hides the
    warning by its id."""

    usable_password_help_text = format_lazy(
        '{}<ul id="id_unusable_warning" class="messagelist"><li class="warning">{}</li></ul>',
        SetUnusablePasswordMixin.usable_password_help_text,
        _("Nếu tắt, mật khẩu hiện tại của người dùng này sẽ bị mất."),
    )


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class UserWithRolesAdmin(ScopedAdminMixin, UserAdmin):
    """Django's user admin, with the user's roles on units beside it.

    Its add_form (AdminUserCreationForm) has no untranslated text; only the
    password form needs replacing."""

    change_password_form = UserPasswordChangeForm
    inlines = [*UserAdmin.inlines, UserRoleInline]

    # A province's managers see the people holding a role in their province, and the
    # accounts not yet given any (a superuser creates them; they place them).
    scope_distinct = True

    def scope_q(self, request):
        if request.user.is_superuser:
            return Q()
        return within_q(request.user, "union_roles__unit__path") | Q(union_roles__isnull=True)

