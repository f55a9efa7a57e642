"""A restructuring as one dated move list, through the staff's page: pasted or uploaded, shown
before anything is written (old and new parents, units left without a parent, the people whose
scope changes, the targets passing to successors), then applied in one transaction with history.

The tree (30 units): the province LC; districts D1 (10 unions U01–U10) and D2 (8 unions V01–V08),
both from 2010; communes C1, C2, C3 from 01/07/2025. The 2025 campaign's targets: D1 100 new
members in May and 50 in July, D2 40 in July, C1 10 in July. The reform of 01/07/2025: U01–U06 to
C1, U07–U10 to C2, V01–V08 to C3; D1 ends on 30/06 (successor C1), D2 too (successor C3).
"""

import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from campaign.models import Measure, Target
from campaign.services import target_set
from tests.factories import make_campaign_2025, make_federation, make_grassroots, make_superior, make_user
from unions.models import Placement, RoleKind, Unit, UnitKind
from unions.selectors import parent_on

D = datetime.date
URL = reverse("campaign:restructuring")
REFORM = D(2025, 7, 1)


@pytest.fixture
def tree(db):
    lc = make_federation(name="Liên đoàn Lao động tỉnh Lai Châu", code="LC")
    d1 = make_superior(lc, name="LĐLĐ huyện Một", code="D1", active_from=D(2010, 1, 1))
    d2 = make_superior(lc, name="LĐLĐ huyện Hai", code="D2", active_from=D(2010, 1, 1))
    communes = [make_superior(lc, name=f"Công đoàn xã {n}", code=f"C{n}", active_from=REFORM) for n in (1, 2, 3)]
    for n in range(1, 11):
        make_grassroots(d1, name=f"CĐCS U{n:02}", code=f"U{n:02}")
    for n in range(1, 9):
        make_grassroots(d2, name=f"CĐCS V{n:02}", code=f"V{n:02}")
    campaign = make_campaign_2025(lc)
    may, july = campaign.waves.order_by("number")
    target_set(campaign=campaign, unit=d1, measure=Measure.NEW_MEMBERS, value=100, wave=may)
    target_set(campaign=campaign, unit=d1, measure=Measure.NEW_MEMBERS, value=50, wave=july)
    target_set(campaign=campaign, unit=d2, measure=Measure.NEW_MEMBERS, value=40, wave=july)
    target_set(campaign=campaign, unit=communes[0], measure=Measure.NEW_MEMBERS, value=10, wave=july)
    staff = make_user("bob", unit=lc, role=RoleKind.STAFF, is_staff=True)
    make_user("charlie", unit=d1, role=RoleKind.REPORTER, first_name="Charlie")
    make_user("dung", unit=communes[0], role=RoleKind.REPORTER, first_name="Dũng")
    return {"lc": lc, "d1": d1, "d2": d2, "c": communes, "campaign": campaign, "staff": staff, "july": july, "may": may}


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def reform_lines() -> str:
    lines = [f"U{n:02};C1;01/07/2025;" for n in range(1, 7)]
    lines += [f"U{n:02};C2;01/07/2025;" for n in range(7, 11)]
    lines += [f"V{n:02};C3;01/07/2025;" for n in range(1, 9)]
    lines += ["D1;;30/06/2025;C1", "D2;;30/06/2025;C3"]
    return "\n".join(lines)


def targets(tree) -> set[tuple]:
    return {(t.unit.code, t.wave.number, t.scope, t.value)
            for t in Target.objects.filter(campaign=tree["campaign"]).select_related("unit", "wave")}


def snapshot() -> tuple:
    return (list(Placement.objects.order_by("pk").values_list("unit_id", "parent_id", "valid_from", "valid_to")),
            list(Unit.objects.order_by("pk").values_list("code", "parent_id", "active_to", "successor_id")),
            sorted(Target.objects.values_list("unit_id", "wave_id", "value")))


def test_the_preview_shows_the_whole_reform_and_writes_nothing(tree):
    before = snapshot()
    response = client_of(tree["staff"]).post(URL, {"lines": reform_lines()})
    assert response.status_code == 200
    html = response.content.decode()
    plan = response.context["plan"]
    assert plan.valid and len(plan.steps) == 20
    moves = {s.unit.code: (s.old_parent.code, s.new_parent.code) for s in plan.steps if not s.ends}
    assert moves["U01"] == ("D1", "C1") and moves["U10"] == ("D1", "C2") and moves["V08"] == ("D2", "C3")
    assert sum(1 for old, new in moves.values() if (old, new) == ("D1", "C1")) == 6
    assert sum(1 for old, new in moves.values() if (old, new) == ("D1", "C2")) == 4
    assert sum(1 for old, new in moves.values() if (old, new) == ("D2", "C3")) == 8
    assert plan.left_without_parent == []
    # The targets of July pass to the successors; May's stay with the districts.
    assert sorted((h.target.unit.code, h.successor.code, h.target.value) for h in plan.handovers) == [
        ("D1", "C1", 50), ("D2", "C3", 40)]
    # The people whose scope changes: D1's reporter (loses 10 unions, the unit ends), C1's (gains 6).
    people = {(user.username, unit.code): what for user, unit, what in plan.people}
    assert people[("charlie", "D1")].count("bớt") == 10 and "đơn vị ngừng hoạt động sau ngày 30/06/2025" in people[("charlie", "D1")]
    assert people[("dung", "C1")].count("thêm") == 6
    assert "Áp dụng 20 thay đổi" in html
    assert snapshot() == before  # tried and rolled back


def test_the_confirmed_reform_is_applied_with_history_and_the_targets_handed_over(tree):
    staff = client_of(tree["staff"])
    preview = staff.post(URL, {"lines": reform_lines()})
    confirmed = staff.post(URL, {"lines": preview.context["plan"].text, "confirm": "1"})
    assert confirmed.status_code == 302
    u01, u10, v08 = (Unit.objects.get(code=c) for c in ("U01", "U10", "V08"))
    assert (parent_on(u01, D(2025, 6, 30)).code, parent_on(u01, REFORM).code) == ("D1", "C1")
    assert parent_on(u10, REFORM).code == "C2" and parent_on(v08, REFORM).code == "C3"
    d1 = Unit.objects.get(code="D1")
    assert (d1.active_to, d1.successor.code) == (D(2025, 6, 30), "C1")
    assert targets(tree) == {("D1", 1, "total", 100), ("C1", 2, "total", 60), ("C3", 2, "total", 40)}
    assert u01.history.count() == 2 and d1.history.count() == 2
    assert Target.history.filter(unit_id=tree["d1"].pk, history_type="-").count() == 1


def test_a_dissolved_districts_targets_pass_to_the_provinces_own_row(tree):
    lines = "\n".join([*(f"V{n:02};LC;01/07/2025;" for n in range(1, 9)), "D2;;30/06/2025;LC"])
    staff = client_of(tree["staff"])
    assert staff.post(URL, {"lines": lines, "confirm": "1"}).status_code == 302
    assert ("LC", 2, "own", 40) in targets(tree)


def test_a_sheet_is_read_like_the_pasted_lines(tree):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Mã đơn vị", "Mã đơn vị cấp trên mới", "Ngày", "Mã đơn vị kế thừa"])
    sheet.append(["U01", "C1", datetime.datetime(2025, 7, 1), None])
    sheet.append(["U02", "C2", "01/07/2025", None])
    out = io.BytesIO()
    workbook.save(out)
    response = client_of(tree["staff"]).post(URL, {"file": SimpleUploadedFile("chuyen.xlsx", out.getvalue())})
    assert response.status_code == 200
    assert [s.unit.code for s in response.context["plan"].steps] == ["U01", "U02"]
    assert response.context["plan"].text == "U01;C1;01/07/2025;\nU02;C2;01/07/2025;"


@pytest.mark.parametrize("lines, error", [
    ("KHONG;C1;01/07/2025;", "không có đơn vị mã KHONG."),
    ("U01;KHONG;01/07/2025;", "không có đơn vị cấp trên mới mã KHONG."),
    ("U01;C1;1/7/25;", "ngày “1/7/25” không đúng dạng dd/mm/yyyy."),
    ("U01;U02;01/07/2025;", "Công đoàn cơ sở không thể là đơn vị cấp trên."),
    ("C1;C2;01/08/2025;\nC2;C1;02/08/2025;", "Không thể chuyển đơn vị vào dưới một đơn vị trực thuộc nó."),
    ("U01;C1;01/01/2009;", "Đơn vị không hoạt động vào ngày 01/01/2009 nên không thể chuyển."),
    ("U01;C1;01/06/2025;", "Đơn vị cấp trên mới không hoạt động vào ngày 01/06/2025."),
    ("U01;C1;01/07/2025;\nU01;C2;01/07/2025;", "đơn vị U01 đã có một thay đổi cùng ngày ở dòng 1."),
    ("U01;C1;01/07/2025;C2", "cần đúng một trong hai"),
    ("D2;;30/06/2025;C3", "Còn 8 đơn vị trực thuộc sau ngày 30/06/2025"),
])
def test_a_wrong_line_is_named_and_nothing_is_written_even_when_confirmed(tree, lines, error):
    before = snapshot()
    response = client_of(tree["staff"]).post(URL, {"lines": lines + "\nU05;C1;01/07/2025;", "confirm": "1"})
    assert response.status_code == 400
    assert error in response.content.decode()
    assert snapshot() == before


def test_a_district_ended_with_its_unions_left_lists_them(tree):
    response = client_of(tree["staff"]).post(URL, {"lines": "D2;;30/06/2025;C3"})
    left = response.context["plan"].left_without_parent
    assert sorted(unit.code for unit, _step in left) == [f"V{n:02}" for n in range(1, 9)]
    assert "Đơn vị sẽ không còn cấp trên" in response.content.decode()


def test_only_the_provinces_managers_restructure_and_only_within_it(tree):
    other = make_federation(name="Liên đoàn Lao động tỉnh Điện Biên", code="DB")
    outsider = make_superior(other, name="LĐLĐ huyện Mường Nhé", code="DB-MN", active_from=D(2010, 1, 1))
    reporter = make_user("em", unit=tree["d1"], role=RoleKind.REPORTER)
    assert client_of(reporter).get(URL).status_code == 403
    assert client_of(reporter).post(URL, {"lines": "U01;C1;01/07/2025;", "confirm": "1"}).status_code == 403
    response = client_of(tree["staff"]).post(URL, {"lines": "U01;DB-MN;01/07/2025;", "confirm": "1"})
    assert response.status_code == 400
    assert "đơn vị cấp trên mới DB-MN không thuộc phạm vi bạn quản lý." in response.content.decode()
    assert parent_on(Unit.objects.get(code="U01"), REFORM).code == "D1" and outsider.kind == UnitKind.SUPERIOR


def test_the_unit_page_opens_the_list_for_that_unit(tree):
    page = client_of(tree["staff"]).get(reverse("unions:unit_detail", args=[tree["d1"].pk]))
    assert f'{URL}?unit=D1' in page.content.decode()
    form = client_of(tree["staff"]).get(URL, {"unit": "D1"}).content.decode()
    assert "D1;;" in form


def test_a_csv_file_is_read_and_one_in_another_encoding_refused(tree):
    staff = client_of(tree["staff"])
    good = SimpleUploadedFile("chuyen.csv", "\ufeffMã đơn vị;Mã đơn vị cấp trên mới;Ngày\nU01;C1;01/07/2025\n".encode())
    assert [s.unit.code for s in staff.post(URL, {"file": good}).context["plan"].steps] == ["U01"]
    other = SimpleUploadedFile("chuyen.csv", "Mã đơn vị;Ngày\nU01;01/07/2025\n".encode("utf-16"))
    response = staff.post(URL, {"file": other})
    assert response.status_code == 400 and "Tệp CSV phải lưu với bảng mã UTF-8." in response.content.decode()
