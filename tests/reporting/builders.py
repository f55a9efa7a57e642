"""Reports built through the services, for the tests of numbers and exports."""

import datetime

from django.utils import timezone

from campaign.models import Period, PeriodKind
from reporting.models import Report
from reporting.services import report_open, report_save, report_submit

from .conftest import open_for_entry

ZERO = {"new_members": 0, "new_members_women": 0, "party_introduced": 0, "party_admitted": 0}


def week(province, day: datetime.date) -> Period:
    return Period.objects.get(campaign=province.campaign, kind=PeriodKind.WEEK, start__lte=day, end__gte=day)


def file_week(province, unit, day, user, *, submit=True, late=False, **rows) -> Report:
    """The unit's report for the week containing ``day``, with ``rows`` as
    {grassroots code or "TRUC-TIEP": {figure: value}}, submitted unless told not to.

    Afterwards the week is due an hour from now (an hour ago if ``late``), so it is
    due by tomorrow and the submission was on time (or late)."""
    period = open_for_entry(week(province, day))
    report = report_open(unit=unit, period=period)
    figures = {key: {**ZERO, **values} for key, values in rows.items()}
    report = report_save(report=report, user=user, version=report.version, figures=figures)
    if submit:
        report = report_submit(report=report, user=user, version=report.version)
    now = timezone.now()
    period.due_at = now + datetime.timedelta(hours=-1 if late else 1)
    period.closes_at = period.due_at + datetime.timedelta(days=7)
    period.save(update_fields=["due_at", "closes_at"])
    return report


def hand_computed(province):
    """The small data set whose numbers the tests compute by hand.

    May (wave 1): Tam Đường week 1: Chè 10 (4 women, 2 introduced, 1 admitted),
    Trường 5 (5 women); week 2: Chè 3. Phong Thổ week 4: Thủy điện 6 (1 introduced).
    Phong Thổ week 3: a draft with 50 (never counts). Phong Thổ's week 4 came in late;
    every other one on time. Read the numbers as of tomorrow: every week is then due.
    July (wave 2): Tân Phong week 2: Chè 7 (3 women), direct 2; the federation
    week 2: Thủy điện 4 (2 introduced, 2 admitted).
    New members: wave 1 = 24, wave 2 = 13, whole = 37; women 12.
    """
    D = datetime.date
    staff = province.staff
    file_week(province, province.tam_duong, D(2025, 5, 2), staff,
              CS0001={"new_members": 10, "new_members_women": 4, "party_introduced": 2, "party_admitted": 1},
              CS0002={"new_members": 5, "new_members_women": 5})
    file_week(province, province.tam_duong, D(2025, 5, 6), staff, CS0001={"new_members": 3})
    file_week(province, province.phong_tho, D(2025, 5, 20), staff, late=True,
              CS0003={"new_members": 6, "party_introduced": 1})
    file_week(province, province.phong_tho, D(2025, 5, 13), staff, submit=False, CS0003={"new_members": 50})
    file_week(province, province.tan_phong, D(2025, 7, 8), staff,
              CS0001={"new_members": 7, "new_members_women": 3}, **{"TRUC-TIEP": {"new_members": 2}})
    file_week(province, province.federation, D(2025, 7, 8), staff,
              CS0003={"new_members": 4, "party_introduced": 2, "party_admitted": 2})


def hand_computed_province():
    """The small province of ``tests.personas`` with ``hand_computed``'s reports: the data
    of a module whose tests all read those numbers, built once for it (``module_data``)."""
    from tests.personas import build_province

    province = build_province()
    hand_computed(province)
    return province

