"""The bookkeeping of slow jobs run outside the request: a file someone asked for.

The queue itself (what to run, by which worker) is django-tasks' (the database
backend's table, or Redis); an ``ExportJob`` is what the user sees of it: who
asked, for what, where it stands, the file or the reason it failed.

The file is kept in the database, not in MEDIA storage: with several app
servers and worker machines a file written to one machine's disk cannot be
served by another without shared storage, and the app has none (no MEDIA at
all). A synthesis table is tens of kilobytes, a national one well under a few
megabytes, and jobs older than a while are pruned (``prune_export_jobs``).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.constraints import CheckedModel


class ExportKind(models.TextChoices):
    SYNTHESIS_XLSX = "synthesis_xlsx", _("Bảng tổng hợp (Excel)")
    NATIONAL_XLSX = "national_xlsx", _("Bảng tổng hợp toàn quốc (Excel)")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ trong hàng đợi")
    RUNNING = "running", _("Đang tạo tệp")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Không tạo được")


FINISHED_STATUSES = (JobStatus.DONE, JobStatus.FAILED)


class ExportJob(CheckedModel):
    """A file asked for by a user, made by the worker."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người yêu cầu"), on_delete=models.CASCADE, related_name="export_jobs"
    )
    kind = models.CharField(_("loại tệp"), max_length=32, choices=ExportKind.choices)
    # What to make: {"campaign": id, "root": unit id, "as_of": "YYYY-MM-DD", "format": "xlsx"}.
    params = models.JSONField(_("tham số"), default=dict, blank=True)
    status = models.CharField(_("trạng thái"), max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED)
    task_id = models.CharField(_("mã việc trong hàng đợi"), max_length=64, blank=True)
    filename = models.CharField(_("tên tệp"), max_length=255, blank=True)
    content_type = models.CharField(_("kiểu tệp"), max_length=100, blank=True)
    content = models.BinaryField(_("nội dung tệp"), null=True, blank=True, editable=False)
    error = models.TextField(_("lý do không tạo được"), blank=True)
    created_at = models.DateTimeField(_("yêu cầu lúc"), default=timezone.now)
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("yêu cầu xuất tệp")
        verbose_name_plural = _("các yêu cầu xuất tệp")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["requested_by", "-created_at"], name="jobs_exportjob_user_created")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ExportKind.values),
                name="jobs_exportjob_kind_valid",
                violation_error_message=_("Loại tệp không hợp lệ."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=JobStatus.values),
                name="jobs_exportjob_status_valid",
                violation_error_message=_("Trạng thái không hợp lệ."),
            ),
            models.CheckConstraint(
                condition=~Q(status=JobStatus.DONE) | (Q(content__isnull=False) & ~Q(filename="")),
                name="jobs_exportjob_done_has_file",
                violation_error_message=_("Yêu cầu đã xong phải có tệp."),
            ),
            models.CheckConstraint(
                condition=~Q(status=JobStatus.FAILED) | ~Q(error=""),
                name="jobs_exportjob_failed_has_reason",
                violation_error_message=_("Yêu cầu không tạo được phải ghi lý do."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED_STATUSES

    @property
    def is_done(self) -> bool:
        return self.status == JobStatus.DONE

    @property
    def is_failed(self) -> bool:
        return self.status == JobStatus.FAILED
