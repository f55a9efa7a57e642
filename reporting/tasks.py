"""Reporting's work that runs in the worker (``manage.py db_worker``): a batch of reminder mail.

``manage.py send_reminders --queue`` queues it instead of sending in the command.
Arguments travel as JSON: ids and an ISO moment. The missing reports are worked
out again when the batch runs, so a report submitted meanwhile is not reminded.
"""

import datetime
import logging

from django_tasks import task

from campaign.models import Campaign, Period

from .reminders import reminders_due, send_reminders

logger = logging.getLogger(__name__)


@task()
def send_reminders_batch(
    campaign_id: int, now: str, period_id: int | None = None, include_closed: bool = False, site_url: str = ""
) -> dict:
    """``send_reminders`` for the reports missing at ``now`` (ISO), as the command would;
    returns how many mails were sent, skipped (no address) and refused by the mail server."""
    campaign = Campaign.objects.get(pk=campaign_id)
    period = Period.objects.get(pk=period_id, campaign=campaign) if period_id is not None else None
    moment = datetime.datetime.fromisoformat(now)
    missing = reminders_due(campaign, now=moment, period=period, include_closed=include_closed)
    result = send_reminders(missing, now=moment, base_url=site_url)
    if result.failed:
        logger.error("The mail server refused %s reminder(s)", len(result.failed))
    return {"sent": int(result), "without_email": len(result.without_email), "failed": len(result.failed)}
