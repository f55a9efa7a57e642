from django.contrib import admin
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from unions.admin_scope import ScopedAdminMixin, ScopedChoicesMixin
from unions.forms import ConstraintMessageInlineFormSet

from .models import Campaign, NationalCampaign, Period, Target, Wave
from .services import periods_generate


class WaveInline(ScopedChoicesMixin, admin.TabularInline):
    model = Wave
    formset = ConstraintMessageInlineFormSet
    extra = 0
    fields = ["number", "theme", "start", "end"]


class PeriodInline(ScopedChoicesMixin, admin.TabularInline):
    model = Period
    extra = 0
    can_delete = False
    fields = ["kind", "wave", "number", "start", "end", "due_at", "closes_at"]
    readonly_fields = fields
    verbose_name_plural = _("kỳ báo cáo (tự sinh từ các đợt và hạn nộp)")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(NationalCampaign)
class NationalCampaignAdmin(SimpleHistoryAdmin):
    list_display = ["name", "year", "instruction_number", "confederation"]
    list_filter = ["year"]
    search_fields = ["name", "instruction_number"]
    autocomplete_fields = ["confederation"]

    # The confederation's own: its board and staff (and superusers), not a province's.
    def _confederation_manager(self, request) -> bool:
        from unions.access import managed_roots
        from unions.models import UnitKind

        user = request.user
        return user.is_superuser or any(u.kind == UnitKind.CONFEDERATION for u in managed_roots(user))

    def has_view_permission(self, request, obj=None):
        return self._confederation_manager(request) and super().has_view_permission(request, obj)

    def has_add_permission(self, request):
        return self._confederation_manager(request) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return self._confederation_manager(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._confederation_manager(request) and super().has_delete_permission(request, obj)


@admin.register(Campaign)
class CampaignAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    scope_path = "federation__path"
    list_display = ["name", "year", "plan_number", "federation", "final_report_due", "is_illustrative"]
    list_filter = ["year", "is_illustrative"]
    search_fields = ["name", "plan_number", "legal_basis"]
    autocomplete_fields = ["federation", "national"]
    inlines = [WaveInline, PeriodInline]
    fieldsets = [
        (None, {"fields": ["federation", "national", "name", "year", "plan_number", "plan_date", "legal_basis",
                           "is_illustrative"]}),
        (
            _("Hạn nộp và khóa nhập liệu"),
            {"fields": ["final_report_due", "report_due_days", "report_due_time", "closing_days"]},
        ),
    ]

    @transaction.atomic
    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Periods follow the waves and deadlines just saved.
        periods_generate(campaign=form.instance)


@admin.register(Wave)
class WaveAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    scope_path = "campaign__federation__path"
    list_display = ["__str__", "campaign", "theme", "start", "end"]
    list_filter = [("campaign", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["theme", "campaign__name"]

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        periods_generate(campaign=obj.campaign)

    @transaction.atomic
    def delete_model(self, request, obj):
        campaign = obj.campaign
        super().delete_model(request, obj)
        periods_generate(campaign=campaign)

    def delete_queryset(self, request, queryset):
        campaigns = {wave.campaign for wave in queryset.select_related("campaign")}
        with transaction.atomic():
            super().delete_queryset(request, queryset)
            for campaign in campaigns:
                periods_generate(campaign=campaign)


@admin.register(Target)
class TargetAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    scope_path = "campaign__federation__path"
    list_display = ["unit", "scope", "measure", "wave", "value", "campaign"]
    list_filter = [("campaign", admin.RelatedOnlyFieldListFilter), "measure", ("wave", admin.RelatedOnlyFieldListFilter),
                   "scope", "unit__kind"]
    search_fields = ["unit__name", "unit__code"]
    autocomplete_fields = ["unit"]
    list_select_related = ["unit", "wave", "campaign"]


@admin.register(Period)
class PeriodAdmin(ScopedAdminMixin, admin.ModelAdmin):
    scope_path = "campaign__federation__path"
    list_display = ["__str__", "kind", "start", "end", "due_at", "closes_at", "campaign"]
    list_filter = [("campaign", admin.RelatedOnlyFieldListFilter), "kind", ("wave", admin.RelatedOnlyFieldListFilter)]
    readonly_fields = ["campaign", "kind", "wave", "number", "start", "end", "due_at", "closes_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
