"""Every write to an export job: asked for (and queued), started, finished, failed.

Asking creates the job, then queues its task: outside any transaction, so that a
worker on another machine (the Redis backend) finds the job committed when it
starts. A queue that refuses the task fails the job with a message, rather than
leaving it waiting for a worker that will never hear of it.
"""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from reporting.exports import Export

from .models import ExportJob, ExportKind, JobStatus

logger = logging.getLogger(__name__)


def export_request(*, user, kind: ExportKind, params: dict) -> ExportJob:
    """A new job for ``user``, queued for the worker (failed at once when the queue does not answer)."""
    from .tasks import build_export  # the task module imports this one

    with transaction.atomic():
        job = ExportJob(requested_by=user, kind=kind, params=params)
        job.full_clean()
        job.save()
    try:
        result = build_export.enqueue(job.pk)
    except Exception:
        logger.exception("Export job %s could not be queued", job.pk)
        with translation.override(settings.LANGUAGE_CODE):
            message = _("Chưa đưa được yêu cầu vào hàng đợi: hệ thống xử lý nền không trả lời. Hãy thử lại sau ít phút.")
        return job_fail(job=job, error=message)
    ExportJob.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])
    job.refresh_from_db()
    return job


def job_start(*, job_id: int) -> ExportJob | None:
    """Mark a queued job running; None when it is not queued (already taken, or gone)."""
    if not ExportJob.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=timezone.now()
    ):
        return None
    return ExportJob.objects.get(pk=job_id)


def job_finish(*, job: ExportJob, export: Export) -> ExportJob:
    """Store the file made for ``job`` (the database refuses a finished job without one)."""
    ExportJob.objects.filter(pk=job.pk).update(
        status=JobStatus.DONE,
        filename=export.filename,
        content_type=export.content_type,
        content=export.content,
        error="",
        finished_at=timezone.now(),
    )
    job.refresh_from_db()
    return job


def job_fail(*, job: ExportJob, error: str) -> ExportJob:
    """Record why ``job`` could not be made (a message in Vietnamese, for the user who asked)."""
    ExportJob.objects.filter(pk=job.pk).update(status=JobStatus.FAILED, error=error, finished_at=timezone.now())
    job.refresh_from_db()
    return job


def jobs_prune(*, older_than: datetime.timedelta) -> int:
    """Delete the finished jobs (and their files) older than ``older_than``; returns how many."""
    cutoff = timezone.now() - older_than
    deleted, _by_model = ExportJob.objects.filter(
        status__in=[JobStatus.DONE, JobStatus.FAILED], created_at__lt=cutoff
    ).delete()
    return deleted
