"""Reports are read-only in the admin: their changes go through the workflow
(report pages), so the history stays whole."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from unions.admin_scope import ScopedAdminMixin

from .models import EntryRequest, Founding, Reminder, Report, ReportLine


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReportLineInline(ReadOnlyMixin, admin.TabularInline):
    model = ReportLine
    fields = ["grassroots", *ReportLine.FIGURES]
    readonly_fields = fields
    extra = 0


@admin.register(Report)
class ReportAdmin(ReadOnlyMixin, ScopedAdminMixin, SimpleHistoryAdmin):
    scope_path = "unit__path"
    list_display = ["unit", "period", "status", "first_submitted_at", "submitted_by", "reviewed_by"]
    list_filter = ["status", "period__kind", ("period__campaign", admin.RelatedOnlyFieldListFilter),
                   ("period__wave", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["unit__name", "unit__code"]
    list_select_related = ["unit", "period", "period__wave", "submitted_by", "reviewed_by"]
    inlines = [ReportLineInline]


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyMixin, ScopedAdminMixin, admin.ModelAdmin):
    scope_path = "unit__path"
    list_display = ["unit", "period", "sent_at", "sent_by"]
    list_filter = ["period__kind", ("period__campaign", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["unit__name", "unit__code", "recipients"]
    list_select_related = ["unit", "period", "period__wave", "sent_by"]


@admin.register(Founding)
class FoundingAdmin(ReadOnlyMixin, ScopedAdminMixin, SimpleHistoryAdmin):
    """Read-only: a union counts through its report, or is confirmed on the app's
    "CĐCS thành lập mới chưa qua báo cáo" page."""

    scope_path = "unit__path"
    list_display = ["grassroots", "unit", "report", "confirmed_at", "confirmed_by", "campaign"]
    list_filter = [("campaign", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["grassroots__name", "grassroots__code", "unit__name"]
    list_select_related = ["grassroots", "unit", "report__period", "report__unit", "confirmed_by", "campaign"]


@admin.register(EntryRequest)
class EntryRequestAdmin(ReadOnlyMixin, ScopedAdminMixin, admin.ModelAdmin):
    scope_path = "unit__path"
    list_display = ["unit", "period", "requested_by", "created_at", "resolved_at", "resolved_by"]
    list_filter = [("period__campaign", admin.RelatedOnlyFieldListFilter), "period__kind"]
    search_fields = ["unit__name", "unit__code", "reason"]
    list_select_related = ["unit", "period", "period__wave", "requested_by", "resolved_by"]
