"""The tasks the worker runs for export jobs (``manage.py db_worker``, docs/operations.md).

A task gets the job's id only (task arguments travel as JSON through the queue)
and reads everything else from the job, so the file is made from what was asked
at the moment it was asked, by the same builder as the page's download.
"""

import datetime
import logging

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from campaign.models import Campaign, NationalCampaign
from reporting.exports import Export
from reporting.exports.national import national_export
from reporting.exports.synthesis import synthesis_export
from reporting.fingerprint import fingerprint_of
from reporting.national import national_stats
from reporting.stats import campaign_stats
from unions.models import Unit

from .models import ExportKind
from .services import job_fail, job_finish, job_start

logger = logging.getLogger(__name__)


def synthesis_file(params: dict) -> Export:
    """The synthesis table exactly as ``reporting:synthesis_xlsx`` sends it, for the job's scope and day."""
    campaign = Campaign.objects.get(pk=params["campaign"])
    root = Unit.objects.get(pk=params["root"])
    stats = campaign_stats(campaign, root, as_of=datetime.date.fromisoformat(params["as_of"]))
    return synthesis_export(stats, fingerprint=fingerprint_of(stats))


def national_file(params: dict) -> Export:
    """The national synthesis table exactly as ``reporting:national_xlsx`` sends it."""
    national = NationalCampaign.objects.select_related("confederation").get(pk=params["national"])
    return national_export(national_stats(national, as_of=datetime.date.fromisoformat(params["as_of"])))


EXPORTERS = {ExportKind.SYNTHESIS_XLSX: synthesis_file, ExportKind.NATIONAL_XLSX: national_file}


def failure_message(exc: BaseException) -> str:
    """What the user is told when the file could not be made (in Vietnamese, the site's language)."""
    with translation.override(settings.LANGUAGE_CODE):
        if isinstance(exc, (Campaign.DoesNotExist, NationalCampaign.DoesNotExist, Unit.DoesNotExist)):
            return _("Không tạo được tệp: chiến dịch hoặc đơn vị của yêu cầu không còn trong hệ thống.")
        return _("Không tạo được tệp do lỗi của hệ thống. Hãy thử lại; nếu vẫn lỗi, hãy báo quản trị viên.")


@task()
def build_export(job_id: int) -> str:
    """Make the file of export job ``job_id`` and store it in the job; a failure is recorded
    in the job (and raised again, so the queue marks the task failed and logs why)."""
    job = job_start(job_id=job_id)
    if job is None:
        return "skipped"  # taken by another worker, or deleted, since it was queued
    try:
        export = EXPORTERS[job.kind](job.params)
    except Exception as exc:
        logger.exception("Export job %s failed", job.pk)
        job_fail(job=job, error=failure_message(exc))
        raise
    job_finish(job=job, export=export)
    return "done"
