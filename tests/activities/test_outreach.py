"""Outreach teams over HTTP: a team and its roster, its visits and their rules, the scope,
and the dashboard's outreach part beside the figures (kept fresh by the figures' stamp)."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse

from activities.models import OutreachTeam, OutreachVisit, TeamMember
from campaign.models import Period, PeriodKind
from reporting import foundings, services
from tests.reporting.conftest import open_for_entry
from unions.models import Enterprise, Sector, Unit


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def team_data(province, **changes):
    data = {"campaign": province.campaign.pk, "unit": province.tan_phong.pk, "wave": "", "name": "Đoàn vận động số 1",
            "purpose": "Vận động công nhân khu mỏ đá", "tv-TOTAL_FORMS": "3", "tv-INITIAL_FORMS": "0",
            "tv-MIN_NUM_FORMS": "0", "tv-MAX_NUM_FORMS": "50",
            "tv-0-name": "Lò Văn An", "tv-0-role": "Trưởng đoàn", "tv-1-name": "Tòng Thị Bích", "tv-1-role": "Thành viên"}
    return data | changes


@pytest.fixture
def team(province):
    return OutreachTeam.objects.create(campaign=province.campaign, unit=province.tan_phong, name="Đoàn Tân Phong")


@pytest.fixture
def quarry(province):
    return Enterprise.objects.create(tax_code="6200200001", name="Công ty Đá Tân Phong", sector=Sector.NON_STATE,
                                     employees=60, unit=province.tan_phong)


def visit(client, team, **data):
    return client.post(reverse("activities:outreach_visit_new", args=[team.pk]), {
        "visited_on": "08/07/2025", "enterprise": "", "place": "", "workers_reached": "40", "members_recruited": "6",
        "founded": "", "notes": ""} | data)


def test_a_reporter_forms_a_team_with_its_roster(province):
    response = client_of(province.reporter_tan_phong).post(reverse("activities:team_new"), team_data(province))
    assert response.status_code == 302
    team = OutreachTeam.objects.get()
    assert (team.unit, team.wave, team.name) == (province.tan_phong, None, "Đoàn vận động số 1")
    assert list(team.members.values_list("name", "role")) == [("Lò Văn An", "Trưởng đoàn"), ("Tòng Thị Bích", "Thành viên")]
    assert team.history.get().history_user == province.reporter_tan_phong
    page = client_of(province.reporter_tan_phong).get(response["Location"]).content.decode()
    assert "Lò Văn An — Trưởng đoàn" in page and "Vận động công nhân khu mỏ đá" in page


@pytest.mark.parametrize(
    ("changes", "where", "message"),
    [
        ({"name": ""}, "name", "Trường này là bắt buộc."),
        ({"unit": "PROVINCE"}, "unit", "Hãy chọn một lựa chọn hợp lệ"),
        ({"tv-1-role": "x" * 101}, "members", "Giá trị này chỉ có tối đa 100 kí tự"),
    ],
)
def test_a_bad_team_is_refused_next_to_the_field_and_nothing_is_saved(province, changes, where, message):
    if changes.get("unit") == "PROVINCE":
        changes = {"unit": province.federation.pk}  # not in a reporter's charge
    response = client_of(province.reporter_tan_phong).post(reverse("activities:team_new"), team_data(province, **changes))
    assert response.status_code == 400
    errors = response.context["members"].errors if where == "members" else response.context["form"].errors[where]
    assert message in str(errors)
    assert not OutreachTeam.objects.exists() and not TeamMember.objects.exists()


def test_editing_the_roster_removes_and_adds_members(province, team):
    member = TeamMember.objects.create(team=team, name="Lò Văn An", role="Trưởng đoàn")
    data = team_data(province, name="Đoàn Tân Phong") | {
        "tv-TOTAL_FORMS": "2", "tv-INITIAL_FORMS": "1", "tv-0-id": member.pk, "tv-0-team": team.pk,
        "tv-0-name": "Lò Văn An", "tv-0-role": "Trưởng đoàn", "tv-0-DELETE": "on",
        "tv-1-name": "Vàng Văn Chư", "tv-1-role": "Thành viên"}
    response = client_of(province.staff).post(reverse("activities:team_edit", args=[team.pk]), data)
    assert response.status_code == 302
    assert list(team.members.values_list("name", flat=True)) == ["Vàng Văn Chư"]


def test_another_unit_sees_nothing_of_the_team_and_a_viewer_only_reads(province, team):
    other = client_of(province.reporter_tam_duong)
    assert "Đoàn Tân Phong" not in other.get(reverse("activities:teams")).content.decode()
    assert other.get(reverse("activities:team", args=[team.pk])).status_code == 404
    assert visit(other, team).status_code == 404
    viewer = client_of(province.viewer)
    assert "Đoàn Tân Phong" in viewer.get(reverse("activities:teams")).content.decode()
    assert visit(viewer, team).status_code == 403
    assert not OutreachVisit.objects.exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"members_recruited": "41"}, "members_recruited", "Số đoàn viên kết nạp được phải từ 0 đến số người được tuyên truyền."),
        ({"workers_reached": "-1"}, "workers_reached", "Số người được tuyên truyền phải từ 0 đến 100.000."),
        ({"visited_on": "31/12/2099"}, "visited_on", "Ngày không được sau hôm nay."),
        ({"visited_on": "31/02/2025"}, "visited_on", "Nhập một ngày hợp lệ."),
        ({"members_recruited": "ba"}, "members_recruited", "Nhập một số nguyên."),
        ({"place": ""}, None, "Hãy chọn doanh nghiệp hoặc ghi nơi đến."),
    ],
)
def test_a_bad_visit_is_refused_with_its_reason_and_nothing_is_saved(province, team, data, field, message):
    data = {"place": "Chợ Tân Phong"} | data
    response = visit(client_of(province.reporter_tan_phong), team, **data)
    assert response.status_code == 400
    errors = response.context["visit_form"].errors
    assert message in str(errors.get(field or "__all__")), errors
    assert not OutreachVisit.objects.exists()


def test_an_enterprise_of_another_area_cannot_be_chosen(province, team):
    elsewhere = Enterprise.objects.create(tax_code="6200200009", name="Công ty Điện lực", sector=Sector.STATE,
                                          employees=300, unit=province.federation)
    response = visit(client_of(province.staff), team, enterprise=elsewhere.pk)
    assert response.status_code == 400 and "enterprise" in response.context["visit_form"].errors


def _registered(province, name="CĐCS Công ty Đá Tân Phong", members=12):
    week = open_for_entry(Period.objects.get(campaign=province.campaign, kind=PeriodKind.WEEK,
                                             start=datetime.date(2025, 7, 7)))
    union = foundings.grassroots_register(
        unit=province.tan_phong, period=week, user=province.reporter_tan_phong, name=name, sector=Sector.NON_STATE,
        recognition_decision="9/QĐ-CĐ", recognition_date=datetime.date(2025, 7, 8), founding_members=members,
    )
    return week, union


def test_a_visit_that_founded_a_union_links_it_to_the_enterprise_and_is_offered_once(province, team, quarry):
    _week, union = _registered(province)
    reporter = client_of(province.reporter_tan_phong)
    response = visit(reporter, team, enterprise=quarry.pk, founded=union.pk)
    assert response.status_code == 302
    assert Unit.objects.get(pk=union.pk).enterprise == quarry  # the enterprise is unionised now
    page = reporter.get(reverse("activities:team", args=[team.pk])).content.decode()
    assert "1 buổi · 40 người lao động được tuyên truyền · 6 đoàn viên kết nạp · 1 công đoàn cơ sở thành lập" in page
    # The union is not offered to a second visit.
    offered = reporter.get(reverse("activities:team", args=[team.pk])).context["visit_form"].fields["founded"].queryset
    assert union.pk not in {u.pk for u in offered}
    assert visit(reporter, team, place="Chợ", founded=union.pk).status_code == 400


def test_the_dashboard_shows_the_teams_beside_the_figures_and_counts_the_union_once_submitted(province, team, quarry):
    week, union = _registered(province)
    reporter = client_of(province.reporter_tan_phong)
    visit(reporter, team, enterprise=quarry.pk, founded=union.pk)
    visit(reporter, team, visited_on="15/07/2025", place="Chợ phiên", workers_reached="25", members_recruited="3")
    board = client_of(province.board)
    url = reverse("reporting:dashboard")
    params = {"campaign": province.campaign.pk}  # today: the report counts from its submission on
    page = board.get(url, params).content.decode()
    assert "1 đoàn, 2 buổi; 9 đoàn viên kết nạp trong các buổi; 1 công đoàn cơ sở thành lập, 0 đã được tính." in page
    report = services.report_submit(report=week.reports.get(unit=province.tan_phong), user=province.reporter_tan_phong,
                                    version=week.reports.get(unit=province.tan_phong).version)
    assert report.status == "submitted"
    page = board.get(url, params).content.decode()
    assert "1 công đoàn cơ sở thành lập, 1 đã được tính." in page
    # The drilled unit: recruited on visits beside the reported new members, week by week.
    drilled = board.get(url, params | {"unit": province.tan_phong.pk})
    teams = drilled.content.decode().split("Từng đoàn")[1].split("</table>")[0]
    assert re.findall(r"<td[^>]*>([^<]*)</td>", teams) == ["Đoàn Tân Phong", "2", "65", "9", "1"]
    weeks = _weeks(drilled)
    assert weeks[datetime.date(2025, 7, 7)] == (6, 12) and weeks[datetime.date(2025, 7, 14)] == (3, 0)


def _weeks(response) -> dict[datetime.date, tuple[int, int]]:
    """The drilled unit's weeks as the page shows them: {week start: (recruited on visits, reported)}."""
    html = response.content.decode()
    rows = {}
    section = html.split('id="van-dong"')[1].split("</section>")[0].split("Theo tuần")[1]
    for row in section.split("<tr>")[2:]:
        cells = [c.split("</td>")[0] for c in row.split("<td")[1:]]
        label = cells[0].split(">", 1)[1]
        start = datetime.datetime.strptime(label.split("(")[1].split(" ")[0], "%d/%m/%Y").date()
        rows[start] = (int(cells[1].split(">", 1)[1]), int(cells[2].split(">", 1)[1]))
    return rows


def test_a_new_visit_refreshes_the_cached_dashboard(province, team):
    board = client_of(province.board)
    params = {"campaign": province.campaign.pk, "as_of": "31/07/2025"}
    visit(client_of(province.staff), team, place="Chợ", workers_reached="10", members_recruited="2")
    assert "2 đoàn viên kết nạp trong các buổi" in board.get(reverse("reporting:dashboard"), params).content.decode()
    visit(client_of(province.staff), team, place="Chợ", workers_reached="10", members_recruited="5", visited_on="09/07/2025")
    assert "7 đoàn viên kết nạp trong các buổi" in board.get(reverse("reporting:dashboard"), params).content.decode()
