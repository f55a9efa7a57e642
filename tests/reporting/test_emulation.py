"""The emulation score on the small hand-computed data set (``builders.hand_computed``), every
score written here by hand from the published formula; the formula's form; commendations proposed,
decided by the board, listed in Excel and in the final report."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from reporting import services
from reporting.models import Commendation, CommendationStatus, EmulationFormula, Report
from tests.factories import make_user
from tests.reporting.builders import hand_computed, week
from unions.models import RoleKind

D = datetime.date


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def tomorrow() -> str:
    return (timezone.localdate() + datetime.timedelta(days=1)).strftime("%d/%m/%Y")


FORMULA = {"weight_new_members": "50", "weight_new_grassroots": "10", "weight_party_introduced": "10",
           "weight_party_admitted": "0", "weight_discipline": "20", "weight_quality": "10", "cap_percent": "100",
           "late_credit": "50", "points_per_member": "1", "points_per_party_introduced": "5"}


@pytest.fixture
def scored(province):
    """``hand_computed``, Phong Thổ's late week returned once and sent again, and the formula
    above saved by staff through its form."""
    hand_computed(province)
    late = Report.objects.get(unit=province.phong_tho, period=week(province, D(2025, 5, 20)))
    late = services.report_return(report=late, user=province.staff, reason="Sai số nữ")
    services.report_submit(report=late, user=province.staff, version=late.version)
    response = client_of(province.staff).post(reverse("reporting:emulation_formula"), FORMULA)
    assert response.status_code == 302
    return province


def test_the_scores_are_the_formula_applied_by_hand(scored):
    response = client_of(scored.viewer).get(reverse("reporting:emulation"), {"as_of": tomorrow()})
    assert response.status_code == 200
    units = {s.unit.name: s for s in response.context["result"].units}
    # Tam Đường: members 18/120 = 15 % → 50 × 15 / 100 = 7.50; unions 0/2 = 0 % → 0.00; no Party target → 0.00;
    # discipline 2 on time of 7 due = 28.6 % → 20 × 28.6 / 100 = 5.72; quality 2 in, no fault → 10.00.
    tam_duong = units["LĐLĐ huyện Tam Đường"]
    assert [p.points for p in tam_duong.parts] == [Decimal("7.50"), Decimal("0.00"), Decimal("0.00"), Decimal("5.72"),
                                                   Decimal("10.00")]
    assert (tam_duong.total, tam_duong.rank) == (Decimal("23.22"), 1)
    # Tân Phong: 9/60 = 15 % → 7.50; 1 on time of 8 = 12.5 % → 2.50; quality 10.00.
    assert (units["Công đoàn phường Tân Phong"].total, units["Công đoàn phường Tân Phong"].rank) == (Decimal("20.00"), 2)
    # The federation's own row: no target; 1 of 8 → 2.50; quality 10.00.
    assert units["Liên đoàn Lao động tỉnh Lai Châu"].total == Decimal("12.50")
    # Phong Thổ: 6/80 = 7.5 % → 3.75; 1 late of 7, counted for half: 0.5 / 7 = 7.1 % → 1.42;
    # its one report in was returned once: quality 0 % → 0.00.
    phong_tho = units["LĐLĐ huyện Phong Thổ"]
    assert [p.points for p in phong_tho.parts] == [Decimal("3.75"), Decimal("0.00"), Decimal("0.00"), Decimal("1.42"),
                                                   Decimal("0.00")]
    assert (phong_tho.total, phong_tho.rank) == (Decimal("5.17"), 4)
    assert "1 lần trả lại, 0 báo cáo có cảnh báo / 1 báo cáo đã nộp" in response.content.decode()
    # Grassroots unions: 1 point a new member, 5 a member introduced to the Party.
    # Chè: 10 + 3 + 7 = 20 members, 2 introduced → 30.00; Thủy điện: 6 + 4 = 10, 1 + 2 = 3 → 25.00; Trường: 5 → 5.00.
    assert [(g.union.name, g.points, g.rank) for g in response.context["result"].grassroots] == [
        ("CĐCS Công ty Chè Tam Đường", Decimal("30.00"), 1),
        ("CĐCS Công ty Thủy điện Nậm Na", Decimal("25.00"), 2),
        ("CĐCS Trường THCS Bình Lư", Decimal("5.00"), 3),
    ]


def test_the_formula_is_set_by_managers_with_its_limits(province):
    staff = client_of(province.staff)
    bad = staff.post(reverse("reporting:emulation_formula"), FORMULA | {"weight_quality": "150", "cap_percent": "90"})
    assert bad.status_code == 400
    errors = bad.context["form"].errors
    assert "Trọng số phải từ 0 đến 100." in errors["weight_quality"] and "Phải từ 100 đến 200." in errors["cap_percent"]
    assert not EmulationFormula.objects.exists()
    assert client_of(province.viewer).post(reverse("reporting:emulation_formula"), FORMULA).status_code == 403
    assert client_of(province.reporter_tan_phong).get(reverse("reporting:emulation")).status_code == 403


def test_a_proposal_is_made_decided_by_the_board_listed_and_printed(client, scored, tmp_path):
    affairs = make_user("nghiepvu", unit=scored.federation, role=RoleKind.AFFAIRS)
    board_page = client_of(affairs)
    assert board_page.get(reverse("reporting:emulation")).status_code == 200
    proposals = [
        {"kind": "unit", "unit_code": "lc-tduong", "person_name": "", "position": "",
         "achievement": "Dẫn đầu tỉnh về kết nạp đoàn viên đợt 1."},
        {"kind": "person", "unit_code": "LC-X-TPHONG", "person_name": "Lò Thị Mai", "position": "Chủ tịch công đoàn phường",
         "achievement": "Trực tiếp vận động thành lập 2 công đoàn cơ sở."},
        {"kind": "grassroots", "unit_code": "CS0002", "person_name": "", "position": "", "achievement": "Kết nạp 5 đoàn viên."},
    ]
    for data in proposals:
        assert board_page.post(reverse("reporting:commendation_new"), data).status_code == 302
    # Bad input: a person without a name, a unit outside the scope, a collective of the wrong kind.
    for bad, field in (({"kind": "person", "unit_code": "LC-X-TPHONG", "achievement": "x"}, "person_name"),
                       ({"kind": "unit", "unit_code": "KHONG-CO", "achievement": "x"}, "unit_code"),
                       ({"kind": "grassroots", "unit_code": "LC-PTHO", "achievement": "x"}, "unit_code")):
        response = board_page.post(reverse("reporting:commendation_new"), bad)
        assert response.status_code == 400 and field in response.context["form"].errors, response.context["form"].errors
    assert Commendation.objects.count() == 3
    # Only the board decides; a decision needs its number and date.
    unit_proposal, person, union = Commendation.objects.order_by("pk")
    decide = reverse("reporting:commendation_decision", args=[unit_proposal.pk])
    assert board_page.post(decide, {"action": "approve", "decision_number": "45/QĐ-LĐLĐ",
                                    "decision_date": "01/08/2025"}).status_code == 403
    board = client_of(scored.board)
    board.post(decide, {"action": "approve", "decision_number": "", "decision_date": "01/08/2025"})
    assert Commendation.objects.get(pk=unit_proposal.pk).status == CommendationStatus.PROPOSED
    for proposal, action in ((unit_proposal, "approve"), (person, "approve"), (union, "decline")):
        board.post(reverse("reporting:commendation_decision", args=[proposal.pk]),
                   {"action": action, "decision_number": "45/QĐ-LĐLĐ", "decision_date": "01/08/2025"})
    assert list(Commendation.objects.order_by("pk").values_list("status", flat=True)) == [
        CommendationStatus.APPROVED, CommendationStatus.APPROVED, CommendationStatus.DECLINED]
    # Decided once: a second decision is refused.
    again = board.post(decide, {"action": "decline", "decision_number": "46/QĐ-LĐLĐ", "decision_date": "02/08/2025"},
                       follow=True)
    assert "Đề nghị này đã được quyết định." in again.content.decode()

    # The council's list: every proposal, a collective with its score.
    xlsx = board.get(reverse("reporting:commendations_xlsx"), {"as_of": tomorrow()})
    rows = list(openpyxl.load_workbook(io.BytesIO(xlsx.content))["Đề nghị khen thưởng"].iter_rows(min_row=6, values_only=True))
    assert [(r[2], r[6], r[7], r[8]) for r in rows] == [
        ("LĐLĐ huyện Tam Đường", 23.22, "Đã khen thưởng", "45/QĐ-LĐLĐ"),
        ("CĐCS Trường THCS Bình Lư", 5, "Không khen thưởng", "45/QĐ-LĐLĐ"),
        ("Lò Thị Mai", None, "Đã khen thưởng", "45/QĐ-LĐLĐ"),
    ]

    # The final report's section 8: the approved ones.
    from tests.reporting.test_pdf import flat, text_of

    client.force_login(scored.board)
    pdf = client.get(reverse("reporting:final_pdf"), {"as_of": tomorrow()})
    path = tmp_path / "report.pdf"
    path.write_bytes(b"".join(pdf.streaming_content) if pdf.streaming else pdf.content)
    body = flat(text_of(path))
    assert "8. Thi đua, khen thưởng" in body
    assert "Khen thưởng 1 tập thể và 1 cá nhân có thành tích xuất sắc:" in body
    assert "LĐLĐ huyện Tam Đường — Quyết định số 45/QĐ-LĐLĐ ngày 01/08/2025." in body
    assert "Lò Thị Mai, Chủ tịch công đoàn phường (Công đoàn phường Tân Phong)" in body


def test_a_report_sent_with_a_warning_lowers_the_quality_part(province):
    """Tam Đường's third May week: Chè 40 new members, more than 3 × its highest earlier week (10),
    sent with the reporter's explanation: one warned report among its three in."""
    from tests.reporting.builders import ZERO
    from tests.reporting.conftest import open_for_entry

    hand_computed(province)
    period = open_for_entry(week(province, D(2025, 5, 13)))
    report = services.report_save(unit=province.tam_duong, period=period, user=province.staff, version=1,
                                  figures={"CS0001": {**ZERO, "new_members": 40}}, warning_comment="Đã xác minh.")
    services.report_submit(report=report, user=province.staff, version=report.version)
    response = client_of(province.staff).get(reverse("reporting:emulation"), {"as_of": tomorrow()})
    tam_duong = next(s for s in response.context["result"].units if s.unit.name == "LĐLĐ huyện Tam Đường")
    quality = tam_duong.parts[-1]
    # The default formula: quality weighs 10; (1 − 1 / 3) = 66.7 % → 10 × 66.7 / 100 = 6.67.
    assert (quality.rate, quality.points) == (Decimal("66.7"), Decimal("6.67"))
    assert quality.detail == "0 lần trả lại, 1 báo cáo có cảnh báo / 3 báo cáo đã nộp"
