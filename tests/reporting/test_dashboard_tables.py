"""The dashboard's long per-unit tables at a size beyond one page: a page at a time,
the units that need the board's attention first in the discipline tables, pagers
that keep the rest of the page as it was, a link in each cell of the matrix."""

import datetime
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from campaign.models import Measure
from campaign.services import target_set
from reporting.views.dashboard import PAGE_SIZE
from tests.conftest import module_data
from tests.factories import make_superior

from .builders import hand_computed_province

EXTRA_UNITS = PAGE_SIZE + 10
TOMORROW = (timezone.localdate() + datetime.timedelta(days=1)).strftime("%d/%m/%Y")


def _bigger_province():
    """The hand-computed province with more district unions than a page holds: they owe
    every report and have filed none."""
    province = hand_computed_province()
    wave1 = province.campaign.waves.get(number=1)
    for i in range(EXTRA_UNITS):
        unit = make_superior(province.federation, name=f"LĐLĐ thử {i:03d}")
        target_set(campaign=province.campaign, unit=unit, measure=Measure.NEW_MEMBERS, value=10, wave=wave1)
    return province


_province_data = module_data(_bigger_province, "_province_data")


@pytest.fixture
def board(client, province):
    client.force_login(province.board)
    return client


def get(client, **params):
    response = client.get(reverse("reporting:dashboard"), {"as_of": TOMORROW, **params})
    assert response.status_code == 200
    return response


def pager_links(response, anchor: str) -> list[dict]:
    """The query of each link of the pager of the table at ``#anchor``."""
    page = response.content.decode()
    links = re.findall(r'<a href="([^"]*#' + anchor + r')">', page)
    return [parse_qs(urlsplit(link.replace("&amp;", "&")).query) for link in links]


def test_a_long_table_shows_one_page_and_a_pager_to_the_next(board, province):
    response = get(board)
    discipline = response.context["discipline"]
    assert len(discipline.object_list) == PAGE_SIZE
    assert discipline.paginator.count == EXTRA_UNITS + 4
    assert len(response.context["matrix"]) == PAGE_SIZE
    page = response.content.decode()
    assert "Trang 1/2" in page
    [following] = pager_links(response, "chap-hanh")
    assert following == {"campaign": [str(province.campaign.pk)], "as_of": [TOMORROW], "page_discipline": ["2"]}
    second = get(board, page_discipline="2")
    assert len(second.context["discipline"].object_list) == 14
    assert "Trang 2/2" in second.content.decode()


def test_the_units_needing_attention_come_first_in_both_discipline_tables(board, province):
    first = get(board)
    # The matrix shows the units of the table above it, in its order.
    assert [d.unit for d, _cells in first.context["matrix"]] == [d.unit for d in first.context["discipline"]]
    rows = [*first.context["discipline"], *get(board, page_discipline="2").context["discipline"]]
    assert [(d.rate, -d.late) for d in rows] == sorted((d.rate, -d.late) for d in rows)
    names = [d.unit.name for d in rows]
    # Phong Thổ left a week missing and was late once; Tam Đường and Tân Phong filed all on time.
    assert names.index("LĐLĐ huyện Phong Thổ") < names.index("LĐLĐ huyện Tam Đường")
    assert names[0].startswith("LĐLĐ thử")  # nothing filed at all


def test_the_pagers_keep_the_day_the_unit_and_the_other_tables_pages(board, province):
    response = get(board, page_wave1="2")
    assert response.context["wave_tables"][0][1].number == 2
    [following] = pager_links(response, "chap-hanh")
    assert following["page_wave1"] == ["2"] and following["page_discipline"] == ["2"]
    assert following["as_of"] == [TOMORROW]
    [back] = pager_links(response, "dot-1")
    assert "page_wave1" not in back  # page 1 is the page without the parameter
    assert pager_links(response, "dot-2")[0]["page_wave2"] == ["2"]


def test_a_page_past_the_last_shows_the_last(board):
    assert get(board, page_discipline="99").context["discipline"].number == 2


def test_each_cell_of_the_matrix_links_to_its_report(board):
    response = get(board, page_discipline="2")
    linked = 0
    for row, cells in response.context["matrix"]:
        for cell in cells:
            period, standing = cell
            if standing:
                assert cell.url == reverse("reporting:report", args=[row.unit.pk, period.pk])
                assert f'<a href="{cell.url}">{standing.symbol}</a>' in response.content.decode()
                linked += 1
    assert linked > 0
