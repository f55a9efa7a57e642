"""Who may see which job: its owner only. Anyone else's job is a 404 (no hint that it exists)."""

from django.db.models.functions import Length
from django.shortcuts import get_object_or_404

from .models import ExportJob


def own_jobs(user, *, with_file: bool = False):
    """The user's jobs, newest first; the file itself is read only ``with_file`` (its size always)."""
    jobs = ExportJob.objects.filter(requested_by=user).annotate(content_size=Length("content"))
    return jobs if with_file else jobs.defer("content")


def get_own_job_or_404(user, job_id: int, *, with_file: bool = False) -> ExportJob:
    return get_object_or_404(own_jobs(user, with_file=with_file), pk=job_id)
