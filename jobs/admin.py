"""Export jobs read-only in the admin (they change only through the worker).

django-tasks' own table of queued tasks is left out of the admin: its pages are in
English only and show the queue's internals; an export's outcome is in its job, a
task's in the worker's log.
"""

from django.contrib import admin
from django_tasks_db.models import DBTaskResult

from .models import ExportJob

if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)


@admin.register(ExportJob)
class ExportJobAdmin(admin.ModelAdmin):
    list_display = ["pk", "kind", "status", "requested_by", "created_at", "finished_at"]
    list_filter = ["kind", "status"]
    search_fields = ["requested_by__username", "filename"]
    list_select_related = ["requested_by"]
    fields = ["requested_by", "kind", "params", "status", "task_id", "filename", "content_type", "error",
              "created_at", "started_at", "finished_at"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).defer("content")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
