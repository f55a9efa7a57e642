"""The enterprise pages over HTTP: the list and its scope, the form and its errors, the visits,
the Excel template and import (all or nothing, errors by cell, a LibreOffice-saved file),
and the recruitment targets across a registration."""

import datetime
import io
import pathlib

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from activities.models import SurveyVisit
from activities.workbook import template_workbook
from reporting import foundings
from tests.reporting.conftest import open_for_entry
from unions.models import Enterprise, Sector, Unit

FIXTURES = pathlib.Path(__file__).parent / "fixtures"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def enterprises(province):
    tp = province.tan_phong
    return {
        "stone": Enterprise.objects.create(tax_code="6200200001", name="Công ty Đá Tân Phong", sector=Sector.NON_STATE,
                                           employees=60, unit=tp, commune="Tân Phong"),
        "tiny": Enterprise.objects.create(tax_code="6200200002", name="Tiệm May Hoa", sector=Sector.NON_STATE,
                                          employees=8, unit=tp),
        "tea": Enterprise.objects.create(tax_code="6200200003", name="Công ty Chè Tam Đường", sector=Sector.NON_STATE,
                                         employees=180, unit=tp),
        "province": Enterprise.objects.create(tax_code="6200200004", name="Công ty Điện lực Lai Châu",
                                              sector=Sector.STATE, employees=300, unit=province.federation),
    }


def link(enterprise, union):
    Unit.objects.filter(pk=union.pk).update(enterprise=enterprise)


def test_a_reporter_sees_the_unit_s_enterprises_only_and_others_are_404(province, enterprises):
    reporter = client_of(province.reporter_tan_phong)
    page = reporter.get(reverse("activities:enterprises")).content.decode()
    assert "Công ty Đá Tân Phong" in page and "Tiệm May Hoa" in page
    assert "Công ty Điện lực Lai Châu" not in page
    assert reporter.get(reverse("activities:enterprise", args=[enterprises["province"].pk])).status_code == 404
    other = client_of(province.reporter_tam_duong)
    assert "Công ty Đá Tân Phong" not in other.get(reverse("activities:enterprises")).content.decode()
    assert other.get(reverse("activities:enterprise", args=[enterprises["stone"].pk])).status_code == 404
    staff = client_of(province.staff).get(reverse("activities:enterprises")).content.decode()
    assert "Công ty Điện lực Lai Châu" in staff and "Công ty Đá Tân Phong" in staff


def test_the_list_filters_by_union_and_searches_by_tax_code(province, enterprises):
    link(enterprises["tea"], province.tea)
    staff = client_of(province.staff)
    without = staff.get(reverse("activities:enterprises"), {"union": "chua"}).content.decode()
    assert "Công ty Chè Tam Đường" not in without and "Tiệm May Hoa" in without
    assert "3 chưa có" in without
    found = staff.get(reverse("activities:enterprises"), {"q": "6200200004"}).content.decode()
    assert "Công ty Điện lực Lai Châu" in found and "Tiệm May Hoa" not in found


def test_a_reporter_adds_an_enterprise_and_it_is_in_the_history(province):
    reporter = client_of(province.reporter_tan_phong)
    response = reporter.post(reverse("activities:enterprise_new"), {
        "tax_code": " 6200300001 ", "name": "Công ty Gạch Tân Phong", "sector": Sector.NON_STATE, "commune": "Tân Phong",
        "employees": "45", "unit": province.tan_phong.pk, "union": "",
    })
    assert response.status_code == 302
    enterprise = Enterprise.objects.get(tax_code="6200300001")
    assert enterprise.unit == province.tan_phong and enterprise.employees == 45
    assert enterprise.history.get().history_user == province.reporter_tan_phong


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"tax_code": "62003"}, "tax_code", "Mã số thuế gồm 10 chữ số"),
        ({"tax_code": "6200200001"}, "tax_code", "Đã có doanh nghiệp với mã số thuế này."),
        ({"employees": "-3"}, "employees", "Số lao động không được âm."),
        ({"employees": "2000000"}, "employees", "Số lao động quá lớn"),
        ({"name": ""}, "name", "Trường này là bắt buộc."),
        ({"sector": "private"}, "sector", "Hãy chọn một lựa chọn hợp lệ"),
    ],
)
def test_bad_input_is_refused_next_to_the_field_and_nothing_is_saved(province, enterprises, changes, field, message):
    count = Enterprise.objects.count()
    data = {"tax_code": "6200300002", "name": "Công ty Gạch", "sector": Sector.NON_STATE, "commune": "",
            "employees": "45", "unit": province.tan_phong.pk, "union": ""} | changes
    response = client_of(province.reporter_tan_phong).post(reverse("activities:enterprise_new"), data)
    assert response.status_code == 400
    assert any(message in str(e) for e in response.context["form"].errors[field]), response.context["form"].errors
    assert Enterprise.objects.count() == count


def test_a_reporter_cannot_put_an_enterprise_in_another_unit_s_charge(province):
    response = client_of(province.reporter_tan_phong).post(reverse("activities:enterprise_new"), {
        "tax_code": "6200300003", "name": "Công ty X", "sector": Sector.NON_STATE, "employees": "5",
        "unit": province.federation.pk,
    })
    assert response.status_code == 400 and "unit" in response.context["form"].errors
    assert not Enterprise.objects.filter(tax_code="6200300003").exists()


def test_a_viewer_reads_but_may_not_edit_or_record_a_visit(province, enterprises):
    viewer = client_of(province.viewer)
    stone = enterprises["stone"]
    assert viewer.get(reverse("activities:enterprise", args=[stone.pk])).status_code == 200
    assert viewer.get(reverse("activities:enterprise_edit", args=[stone.pk])).status_code == 403
    assert viewer.post(reverse("activities:visit_new", args=[stone.pk]), {
        "visited_on": "10/07/2025", "visitors": "A"}).status_code == 403
    assert viewer.get(reverse("activities:enterprise_new")).status_code == 403
    assert not SurveyVisit.objects.exists()


def test_a_visit_is_recorded_and_a_future_date_is_refused(province, enterprises):
    reporter = client_of(province.reporter_tan_phong)
    stone = enterprises["stone"]
    url = reverse("activities:visit_new", args=[stone.pk])
    bad = reporter.post(url, {"visited_on": (datetime.date.today() + datetime.timedelta(days=3)).strftime("%d/%m/%Y"),
                              "visitors": "Lò Văn A"})
    assert bad.status_code == 400 and "Ngày khảo sát không được sau hôm nay." in bad.content.decode()
    ok = reporter.post(url, {"visited_on": "10/07/2025", "visitors": "Lò Văn A, Tòng Thị B",
                             "findings": "Có 60 lao động, chủ doanh nghiệp đồng ý thành lập."})
    assert ok.status_code == 302
    page = reporter.get(reverse("activities:enterprise", args=[stone.pk])).content.decode()
    assert "10/07/2025" in page and "Lò Văn A, Tòng Thị B" in page and "đồng ý thành lập" in page


def test_the_recruitment_targets_follow_the_threshold_and_a_registration_takes_one_off(province, enterprises):
    staff = client_of(province.staff)
    page = staff.get(reverse("activities:targets")).content.decode()
    # 25 workers by default: the quarry, the tea company and the power company; the tailor's shop is too small.
    assert "Công ty Đá Tân Phong" in page and "Công ty Điện lực Lai Châu" in page and "Tiệm May Hoa" not in page
    assert "3 doanh nghiệp mục tiêu, 540 lao động." in page
    province.campaign.recruitment_min_workers = 100
    province.campaign.save()
    page = staff.get(reverse("activities:targets")).content.decode()
    assert "Công ty Đá Tân Phong" not in page and "2 doanh nghiệp mục tiêu, 480 lao động." in page

    # A union registered in a weekly report for the quarry: it is unionised, the survey shows the result.
    province.campaign.recruitment_min_workers = 25
    province.campaign.save()
    from campaign.models import Period, PeriodKind

    week = open_for_entry(Period.objects.get(campaign=province.campaign, kind=PeriodKind.WEEK,
                                             start=datetime.date(2025, 7, 7)))
    union = foundings.grassroots_register(
        unit=province.tan_phong, period=week, user=province.reporter_tan_phong, name="CĐCS Công ty Đá Tân Phong",
        sector=Sector.NON_STATE, recognition_decision="9/QĐ-CĐ", recognition_date=datetime.date(2025, 7, 8),
        founding_members=12, enterprise_tax_code="6200200001",
    )
    assert union.enterprise == enterprises["stone"]
    page = staff.get(reverse("activities:targets")).content.decode()
    assert "Công ty Đá Tân Phong" not in page and "2 doanh nghiệp mục tiêu, 480 lao động." in page
    detail = staff.get(reverse("activities:enterprise", args=[enterprises["stone"].pk])).content.decode()
    assert "CĐCS Công ty Đá Tân Phong" in detail and "9/QĐ-CĐ" in detail and "08/07/2025" in detail


def test_linking_a_union_from_the_form_and_taking_the_link_back(province, enterprises):
    staff = client_of(province.staff)
    stone = enterprises["stone"]
    data = {"tax_code": stone.tax_code, "name": stone.name, "sector": stone.sector, "commune": stone.commune,
            "employees": "60", "unit": province.tan_phong.pk, "union": province.school.pk}
    assert staff.post(reverse("activities:enterprise_edit", args=[stone.pk]), data).status_code == 302
    assert Unit.objects.get(pk=province.school.pk).enterprise == stone
    data["union"] = ""
    assert staff.post(reverse("activities:enterprise_edit", args=[stone.pk]), data).status_code == 302
    assert Unit.objects.get(pk=province.school.pk).enterprise is None


# --- Excel --------------------------------------------------------------------------------------


def upload(client, unit, content: bytes, name="doanh-nghiep.xlsx"):
    return client.post(reverse("activities:enterprise_import"), {
        "unit": unit.pk, "file": SimpleUploadedFile(name, content, content_type=XLSX)})


def filled(unit, rows: list[tuple], enterprises=()) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(template_workbook(unit=unit, enterprises=list(enterprises))))
    ws = wb["Doanh nghiep"]
    for offset, values in enumerate(rows, start=len(enterprises) + 6):
        for column, value in enumerate(values, start=2):
            ws.cell(offset, column, value)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_the_template_lists_the_unit_s_enterprises_and_reads_back_unchanged(province, enterprises):
    reporter = client_of(province.reporter_tan_phong)
    link(enterprises["tea"], province.tea)
    response = reporter.get(reverse("activities:enterprise_template"), {"unit": province.tan_phong.pk})
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    ws = openpyxl.load_workbook(io.BytesIO(response.content))["Doanh nghiep"]
    assert ws["B2"].value == "LC-X-TPHONG"
    rows = {ws.cell(r, 2).value: (ws.cell(r, 3).value, ws.cell(r, 4).value, ws.cell(r, 7).value) for r in range(6, 9)}
    assert rows["6200200003"] == ("Công ty Chè Tam Đường", "Doanh nghiệp ngoài nhà nước", "CS0001")
    assert "6200200004" not in rows  # the federation's own
    again = upload(reporter, province.tan_phong, response.content)
    assert again.status_code == 302, again.context["errors"] or again.context["form"].errors
    assert "0 doanh nghiệp mới, 0 được cập nhật" in reporter.get(again["Location"]).content.decode()


def test_an_import_creates_and_updates_in_one_go(province, enterprises):
    reporter = client_of(province.reporter_tan_phong)
    content = filled(province.tan_phong, [
        ("6200400001", "Hợp tác xã Chè Sơn Bình", "Hợp tác xã", "Sơn Bình", 32, None),
        ("6200200002", "Tiệm May Hoa", "doanh nghiệp ngoài nhà nước", "", "1.200", "CS0002"),
    ])
    response = upload(reporter, province.tan_phong, content)
    assert response.status_code == 302, response.context["errors"] if response.context else response
    assert "1 doanh nghiệp mới, 1 được cập nhật" in reporter.get(response["Location"]).content.decode()
    new = Enterprise.objects.get(tax_code="6200400001")
    assert (new.sector, new.employees, new.unit) == (Sector.COOPERATIVE, 32, province.tan_phong)
    assert Enterprise.objects.get(tax_code="6200200002").employees == 1200
    assert Unit.objects.get(code="CS0002").enterprise.tax_code == "6200200002"


def test_an_import_with_any_bad_row_saves_nothing_and_names_each_cell(province, enterprises):
    reporter = client_of(province.reporter_tan_phong)
    content = filled(province.tan_phong, [
        ("6200400001", "Hợp tác xã Chè Sơn Bình", "Hợp tác xã", "", 32, None),  # fine, but not saved
        ("620040", "Công ty Sai Mã", "Hợp tác xã", "", 10, None),
        ("6200400003", "Công ty Sai Khu Vực", "Tư nhân", "", 10, None),
        ("6200400004", "Công ty Âm", "Hợp tác xã", "", -4, None),
        ("6200400001", "Trùng mã", "Hợp tác xã", "", 5, None),
        ("6200200004", "Của tỉnh", "Hợp tác xã", "", 5, None),
        ("6200400006", "", "Hợp tác xã", "", 5, "CS0003"),
    ])
    response = upload(reporter, province.tan_phong, content)
    assert response.status_code == 400
    errors = {(e.cell, e.message) for e in response.context["errors"]}
    assert ("B7", "Mã số thuế gồm 10 chữ số, chi nhánh thêm “-” và 3 chữ số (vd. 6200123456-001).") in errors
    assert ("D8", "Khu vực không hợp lệ: hãy chọn trong danh sách.") in errors
    assert ("F9", "Không được là số âm.") in errors
    assert ("B10", "Mã số thuế trùng với dòng 6.") in errors
    assert ("B11", "Mã số thuế đã có trong danh sách của đơn vị khác.") in errors
    assert ("C12", "Trường này không được để trắng.") in errors
    assert ("G12", "Không có công đoàn cơ sở mã CS0003 trực thuộc đơn vị.") in errors
    assert "Ô B7: Mã số thuế gồm 10 chữ số" in response.content.decode()
    assert not Enterprise.objects.filter(tax_code__startswith="62004").exists()


def test_another_unit_s_list_and_a_file_that_is_not_xlsx_are_refused(province, enterprises):
    staff = client_of(province.staff)
    content = filled(province.federation, [("6200400001", "Hợp tác xã A", "Hợp tác xã", "", 32, None)])
    response = upload(staff, province.tan_phong, content)
    assert response.status_code == 400
    assert "Tệp là danh sách của đơn vị mã LC, không phải của Công đoàn phường Tân Phong" in response.content.decode()
    response = upload(staff, province.tan_phong, b"tax_code,name\n", name="ds.csv")
    assert response.status_code == 400 and "xlsx" in response.content.decode()
    assert not Enterprise.objects.filter(tax_code="6200400001").exists()


def test_a_reporter_cannot_import_into_another_unit(province, enterprises):
    content = filled(province.federation, [("6200400001", "Hợp tác xã A", "Hợp tác xã", "", 32, None)])
    response = upload(client_of(province.reporter_tan_phong), province.federation, content)
    assert response.status_code == 400 and "unit" in response.context["form"].errors
    assert client_of(province.reporter_tan_phong).get(
        reverse("activities:enterprise_template"), {"unit": province.federation.pk}).status_code == 404


def test_a_list_saved_by_libreoffice_is_imported(province, enterprises):
    content = (FIXTURES / "tan-phong-enterprises-libreoffice.xlsx").read_bytes()
    reporter = client_of(province.reporter_tan_phong)
    response = upload(reporter, province.tan_phong, content)
    assert response.status_code == 302, response.context["errors"] if response.context else response
    saved = {e.tax_code: (e.name, e.sector, e.employees) for e in Enterprise.objects.filter(tax_code__startswith="62005")}
    assert saved == {
        "6200500001": ("Công ty TNHH Xây dựng Bình Lư", Sector.NON_STATE, 1250),
        "6200500002-001": ("Chi nhánh Thủy điện Nậm Na", Sector.STATE, 40),
    }


def test_a_long_list_is_paged_and_the_next_page_keeps_the_filters(province):
    Enterprise.objects.bulk_create(
        Enterprise(tax_code=f"62006{n:05d}", name=f"Công ty Số {n:02d}", sector=Sector.NON_STATE, employees=30,
                   unit=province.tan_phong) for n in range(55)
    )
    staff = client_of(province.staff)
    first = staff.get(reverse("activities:enterprises"), {"sector": Sector.NON_STATE}).content.decode()
    assert "Trang 1/2 (1–50/55)" in first
    assert "?sector=non_state&amp;page=2" in first
    second = staff.get(reverse("activities:enterprises"), {"sector": Sector.NON_STATE, "page": 2}).content.decode()
    assert "Trang 2/2 (51–55/55)" in second and "Công ty Số 54" in second


def test_an_import_takes_the_same_queries_for_few_rows_and_many_and_links_new_enterprises(province):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    reporter = client_of(province.reporter_tan_phong)

    def rows(first, count, union=None):
        return [(f"62007{first + n:05d}", f"Công ty Số {first + n}", "Hợp tác xã", "", 30 + n, union if n == 0 else None)
                for n in range(count)]

    def queries(content):
        with CaptureQueriesContext(connection) as captured:
            assert upload(reporter, province.tan_phong, content).status_code == 302
        return len(captured)

    few = queries(filled(province.tan_phong, rows(0, 2, union="CS0001")))
    many = queries(filled(province.tan_phong, rows(100, 40, union="CS0002")))
    assert few == many
    assert Enterprise.objects.filter(tax_code__startswith="62007").count() == 42
    assert Unit.objects.get(code="CS0002").enterprise.tax_code == "6200700100"
    assert Enterprise.objects.get(tax_code="6200700139").history.get().history_user == province.reporter_tan_phong


@pytest.mark.parametrize(("typed", "saved"), [("1.200", 1200), ("1 200", 1200), ("45", 45)])
def test_a_number_of_workers_is_read_with_vietnamese_grouping(province, typed, saved):
    response = client_of(province.staff).post(reverse("activities:enterprise_new"), {
        "tax_code": "6200300009", "name": "Công ty May", "sector": Sector.NON_STATE, "employees": typed,
        "unit": province.tan_phong.pk, "union": ""})
    assert response.status_code == 302
    assert Enterprise.objects.get(tax_code="6200300009").employees == saved
