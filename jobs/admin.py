"""Export jobs read-only in the admin (they change only through the worker).

django-tasks' own table of queued tasks is left out of the admin: its pages are in
English only and show the queue's internals; an export's outcome is in its job, a
task's in the worker's log.
"""

from django.contrib import admin
from django.db.models import Q
from django_tasks_db.models import DBTaskResult

from unions.admin_scope import ScopedAdminMixin, within_q

from .models import ExportJob

if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)


@admin.register(ExportJob)
class ExportJobAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["pk", "kind", "status", "requested_by", "created_at", "finished_at"]
    list_filter = ["kind", "status"]
    search_fields = ["requested_by__username", "filename"]
    list_select_related = ["requested_by"]
    fields = ["requested_by", "kind", "params", "status", "task_id", "filename", "content_type", "error",
              "created_at", "started_at", "finished_at"]
    readonly_fields = fields

    # A province's managers see the jobs of the people of their province (their own too).
    scope_distinct = True

    def scope_q(self, request):
        if request.user.is_superuser:
            return Q()
        return Q(requested_by=request.user) | within_q(request.user, "requested_by__union_roles__unit__path")

    def get_queryset(self, request):
        return super().get_queryset(request).defer("content")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
