import datetime

import pytest
from django.utils import timezone

from campaign.models import Period, PeriodKind


def open_for_entry(period: Period) -> Period:
    """Make ``period`` due tomorrow and close in a week, as if it were this week."""
    now = timezone.now()
    period.due_at = now + datetime.timedelta(days=1)
    period.closes_at = now + datetime.timedelta(days=8)
    period.save(update_fields=["due_at", "closes_at"])
    return period


@pytest.fixture
def july_week(province):
    """The week 07–13/07/2025 of the ward Tân Phong, still open for entry."""
    return open_for_entry(Period.objects.get(campaign=province.campaign, kind=PeriodKind.WEEK, start=datetime.date(2025, 7, 7)))


@pytest.fixture
def may_week(province):
    """The week 05–11/05/2025 of the district Tam Đường, still open for entry."""
    return open_for_entry(Period.objects.get(campaign=province.campaign, kind=PeriodKind.WEEK, start=datetime.date(2025, 5, 5)))
