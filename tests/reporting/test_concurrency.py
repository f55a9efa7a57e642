"""Two requests at the same moment, on PostgreSQL (real row locks between connections)."""

import threading

import pytest
from django.db import connection, connections

from reporting.models import Report, ReportLine, ReportStatus
from reporting.services import ReportConflict, report_open, report_save, report_submit

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks between connections need PostgreSQL"),
]


@pytest.fixture
def province(live_province):
    """Committed: the threads' own connections must see it."""
    return live_province


ZERO = {"new_members": 0, "new_members_women": 0, "party_introduced": 0, "party_admitted": 0}


def run_together(*calls):
    """Run each call in its own thread (own database connection) at the same moment."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def worker(i, call):
        try:
            barrier.wait()
            outcomes[i] = call()
        except Exception as exc:  # noqa: BLE001 - the outcome is what the test checks
            outcomes[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, call)) for i, call in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return outcomes


@pytest.fixture
def report(province, july_week):
    report = report_open(unit=province.tan_phong, period=july_week)
    return report_save(report=report, user=province.reporter_tan_phong, version=1, figures={"CS0001": {**ZERO, "new_members": 3}})


def test_two_saves_from_the_same_version_at_once_one_wins_and_the_other_is_told(province, report):
    version = report.version
    outcomes = run_together(
        lambda: report_save(report=report, user=province.reporter_tan_phong, version=version,
                            figures={"CS0001": {**ZERO, "new_members": 4}}),
        lambda: report_save(report=report, user=province.staff, version=version,
                            figures={"CS0001": {**ZERO, "new_members": 5}}),
    )
    conflicts = [o for o in outcomes if isinstance(o, ReportConflict)]
    saved = [o for o in outcomes if isinstance(o, Report)]
    assert len(conflicts) == 1 and len(saved) == 1, outcomes
    stored = ReportLine.objects.get(report=report).new_members
    assert stored in (4, 5)
    # The loser is shown the winner's change.
    assert [(c.old, c.new) for c in conflicts[0].changes] == [(3, stored)]


def test_two_submits_at_once_submit_once(province, report):
    version = report.version
    outcomes = run_together(
        lambda: report_submit(report=report, user=province.reporter_tan_phong, version=version),
        lambda: report_submit(report=report, user=province.reporter_tan_phong, version=version),
    )
    assert all(isinstance(o, Report) for o in outcomes), outcomes
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert sum(1 for h in report.history.all() if h.status == ReportStatus.SUBMITTED) == 1
