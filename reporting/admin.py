"""Reports are read-only in the admin: their changes go through the workflow
(report pages), so the history stays whole."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Reminder, Report, ReportLine


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
class ReportAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    list_display = ["unit", "period", "status", "first_submitted_at", "submitted_by", "reviewed_by"]
    list_filter = ["status", "period__kind", "period__campaign", "period__wave"]
    search_fields = ["unit__name", "unit__code"]
    list_select_related = ["unit", "period", "period__wave", "submitted_by", "reviewed_by"]
    inlines = [ReportLineInline]


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["unit", "period", "sent_at", "sent_by"]
    list_filter = ["period__kind", "period__campaign"]
    search_fields = ["unit__name", "unit__code", "recipients"]
    list_select_related = ["unit", "period", "period__wave", "sent_by"]
