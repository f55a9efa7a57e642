"""A failure in the middle of a save or an import leaves nothing half-written: the last write of
each fails at the database (an IntegrityError raised by the database layer once the rows before
it are in), and afterwards nothing of the attempt is stored — neither the rows before it nor
their history — while the user gets the app's error page."""

import datetime
from unittest import mock

from django.db import IntegrityError
from django.test import Client

from reporting import services
from reporting.models import Report, ReportLine
from tests.reporting.test_report_entry import post
from unions.models import Unit
from unions.setup import read_tree, tree_import


def _fails_after(real):
    """``real`` run (its rows written), then the database refusing the end of the write."""
    def write(*args, **kwargs):
        real(*args, **kwargs)
        raise IntegrityError("the last row refused by the database")
    return write


def test_a_report_save_that_fails_at_its_last_write_leaves_no_report_no_line_no_history(province, july_week):
    client = Client(raise_request_exception=False)
    client.force_login(province.reporter_tan_phong)
    history = (Report.history.count(), ReportLine.history.count())
    with mock.patch.object(services, "bulk_create_with_history", _fails_after(services.bulk_create_with_history)):
        response = post(client, province.tan_phong, july_week, CS0001={"new_members": 5},
                        **{"TRUC-TIEP": {"new_members": 2}})
    assert response.status_code == 500 and "không có gì bị ghi dở" in response.content.decode()
    assert not Report.objects.filter(unit=province.tan_phong, period=july_week).exists()
    assert not ReportLine.objects.filter(report__unit=province.tan_phong, report__period=july_week).exists()
    assert (Report.history.count(), ReportLine.history.count()) == history
    # The same save, the database answering: it is all there.
    assert post(client, province.tan_phong, july_week, CS0001={"new_members": 5}).status_code == 302
    assert ReportLine.objects.filter(report__unit=province.tan_phong, report__period=july_week).count() == 1


def test_a_tree_import_that_fails_at_its_last_unit_leaves_none_of_them(province):
    tree = ("code,name,kind,parent,sector,active_from,active_to\n"
            "X1,Công đoàn X1,superior,LC,,01/07/2025,\n"
            "X2,CĐCS X2,grassroots,X1,fdi,01/07/2025,\n"
            "X3,CĐCS X3,grassroots,X1,fdi,01/07/2025,\n").encode()
    result = read_tree(tree, "cay.csv")
    assert result.errors == []
    import unions.setup as setup

    real, made = setup.unit_create, []

    def create(**fields):
        if fields["code"] == "X3":
            raise IntegrityError("the last row refused by the database")
        made.append(real(**fields))
        return made[-1]

    units = Unit.objects.count()
    with mock.patch.object(setup, "unit_create", create):
        try:
            tree_import(result.rows)
        except IntegrityError:
            pass
        else:
            raise AssertionError("the import went through")
    assert [u.code for u in made] == ["X1", "X2"]  # written before the failure…
    assert Unit.objects.count() == units and not Unit.objects.filter(code__in=["X1", "X2"]).exists()  # …and gone
    assert not Unit.history.filter(code__in=["X1", "X2"]).exists()
    assert tree_import(result.rows) == 3 and datetime.date(2025, 7, 1) == Unit.objects.get(code="X3").active_from
