"""Export jobs: asking for a file made outside the request, following it, downloading it.

Asking has the same rule as the page's download (figure readers: board, staff and
viewers; 403 for anyone else). A job is its owner's only: anyone else's is a 404.
"""

import datetime

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from campaign.models import Campaign
from reporting.access import BadDate, as_of_param, figures_scope, national_scope
from reporting.exports import Export
from reporting.views.common import bad_date, download
from unions.models import Unit

from .access import get_own_job_or_404, own_jobs
from .models import ExportKind, JobStatus
from .services import export_request

# The status page reloads itself this often while the file is being made.
REFRESH_SECONDS = 3
# A job still queued after this long probably has no worker to run it: the page says so.
WAITING_TOO_LONG = datetime.timedelta(minutes=5)


@require_POST
@login_required
def synthesis_request(request):
    """Queue the province's synthesis table as of a day (``campaign`` and ``as_of`` posted)."""
    scope = figures_scope(request)
    try:
        as_of = as_of_param(request)
    except BadDate:
        return bad_date()
    job = export_request(
        user=request.user,
        kind=ExportKind.SYNTHESIS_XLSX,
        params={"campaign": scope.campaign.pk, "root": scope.root.pk, "as_of": as_of.isoformat(), "format": "xlsx"},
    )
    return redirect("jobs:status", job.pk)


@require_POST
@login_required
def national_request(request):
    """Queue the national synthesis table as of a day (``national`` and ``as_of`` posted;
    404 for anyone who does not read the national figures)."""
    scope = national_scope(request)
    try:
        as_of = as_of_param(request)
    except BadDate:
        return bad_date()
    job = export_request(
        user=request.user,
        kind=ExportKind.NATIONAL_XLSX,
        params={"national": scope.national.pk, "as_of": as_of.isoformat(), "format": "xlsx"},
    )
    return redirect("jobs:status", job.pk)


def _subject(job) -> dict:
    """The campaign, unit and day a job is about (None for one deleted since)."""
    params = job.params
    as_of = params.get("as_of")
    return {
        "campaign": Campaign.objects.filter(pk=params.get("campaign")).first(),
        "root": Unit.objects.filter(pk=params.get("root")).first(),
        "as_of": datetime.date.fromisoformat(as_of) if as_of else None,
    }


@require_safe
@login_required
def job_status(request, job_id: int):
    """Where a job stands; reloads itself until the file is ready (or failed)."""
    job = get_own_job_or_404(request.user, job_id)
    waiting_long = job.status == JobStatus.QUEUED and timezone.now() - job.created_at > WAITING_TOO_LONG
    return render(
        request,
        "jobs/status.html",
        {
            "job": job,
            **_subject(job),
            "refresh": None if job.is_finished else REFRESH_SECONDS,
            "waiting_long": waiting_long,
            "size_kb": max(1, round(job.content_size / 1024)) if job.content_size else None,
        },
    )


@require_safe
@login_required
def job_download(request, job_id: int):
    """The job's file once it is made; until then, back to its status page."""
    job = get_own_job_or_404(request.user, job_id, with_file=True)
    if not job.is_done:
        return redirect("jobs:status", job.pk)
    return download(Export(filename=job.filename, content_type=job.content_type, content=bytes(job.content)))


@require_safe
@login_required
def job_list(request):
    """The user's own recent jobs, newest first."""
    return render(request, "jobs/list.html", {"jobs": own_jobs(request.user)[:30]})
