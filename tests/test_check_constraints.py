"""Check constraints validated in one query: the verdicts of Django's own
``validate_constraints``, for a fraction of the queries."""

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import connection, models
from django.test.utils import CaptureQueriesContext

from reporting.models import NON_NEGATIVE_MESSAGE, TOO_LARGE_MESSAGE, WOMEN_MESSAGE, ReportLine
from reporting.services import report_open
from unions.models import MAX_FIGURE

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(province):
    from campaign.models import Period

    return report_open(unit=province.tam_duong, period=Period.objects.filter(campaign=province.campaign).first())


def _errors(validate) -> dict:
    try:
        validate()
    except ValidationError as error:
        return {field: [str(m) for m in messages] for field, messages in error.message_dict.items()}
    return {}


@pytest.mark.parametrize(
    ("figures", "expected"),
    [
        ({"new_members": 3, "new_members_women": 3}, []),
        ({"new_members": 3, "new_members_women": 4}, [WOMEN_MESSAGE]),
        ({"party_admitted": -1}, [NON_NEGATIVE_MESSAGE]),
        ({"new_members": MAX_FIGURE + 1, "party_introduced": -2}, [NON_NEGATIVE_MESSAGE, TOO_LARGE_MESSAGE]),
        ({"new_members": 2, "new_members_women": MAX_FIGURE + 1}, [TOO_LARGE_MESSAGE, WOMEN_MESSAGE]),
    ],
    ids=["within", "more_women_than_members", "negative", "too_large_and_negative", "too_large_and_too_many_women"],
)
def test_a_line_gets_the_messages_django_gives_in_the_same_order(report, figures, expected):
    line = ReportLine(report=report, grassroots=None, **figures)
    ours = _errors(line.validate_constraints)
    djangos = _errors(lambda: models.Model.validate_constraints(line))
    assert ours == djangos
    assert ours.get(NON_FIELD_ERRORS, []) == [str(m) for m in expected]


def test_a_constraint_on_an_excluded_field_is_not_checked(report):
    line = ReportLine(report=report, new_members=1, new_members_women=5)
    assert _errors(lambda: line.validate_constraints(exclude={"new_members_women"})) == {}
    assert _errors(lambda: line.validate_constraints(exclude={"party_admitted"})) == {
        NON_FIELD_ERRORS: [str(WOMEN_MESSAGE)]
    }


def test_a_duplicate_direct_line_is_still_refused_by_its_unique_constraint(report):
    ReportLine.objects.create(report=report, grassroots=None, new_members=1)
    duplicate = ReportLine(report=report, grassroots=None, party_admitted=-1)
    assert _errors(duplicate.validate_constraints) == _errors(lambda: models.Model.validate_constraints(duplicate))
    assert len(_errors(duplicate.validate_constraints)[NON_FIELD_ERRORS]) == 2


def test_nine_check_constraints_cost_one_query_in_one_savepoint(report):
    line = ReportLine(report=report, grassroots=None, new_members=2)
    with CaptureQueriesContext(connection) as ours:
        line.validate_constraints()
    with CaptureQueriesContext(connection) as djangos:
        models.Model.validate_constraints(line)
    checks = [q for q in ours.captured_queries if '"_check_' in q["sql"]]
    assert len(checks) == 1 and checks[0]["sql"].count('"_check_') == 9
    # each verdict is a query between SAVEPOINT and RELEASE: the nine checks in one,
    # the direct line's unique constraint in another (the other one skips an empty union)
    assert len(ours.captured_queries) == 2 * 3
    assert len(djangos.captured_queries) == 10 * 3
