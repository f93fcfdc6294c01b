"""The statistics page's layout: charts first with their data tables behind a disclosure, and a
short handling-body table in a chosen order with a link to all bodies (the page was 8,800 px tall
with an unsorted 100-row table)."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.oversight.factories import CaseFactory
from portal.oversight.services import handling

from .conftest import make_handler

pytestmark = pytest.mark.django_db
URL = "/oversight/statistics/"


@pytest.fixture
def cases(bodies, regions):
    handler = make_handler("prov", view_all=True)
    long_ago = timezone.now() - dt.timedelta(days=60)
    # Ningbo: three cases, two overdue now; Xihu: two, answered on time; Hangzhou: one overdue.
    for _ in range(3):
        CaseFactory(region=regions["330203"], received_at=long_ago)
    answered = CaseFactory(region=regions["330203"])
    handling.change_status(answered, "accepted", handler)
    handling.change_status(answered, "answered", handler, answer="已处理。")
    for _ in range(2):
        case = CaseFactory(region=regions["330106"])
        handling.change_status(case, "accepted", handler)
        handling.change_status(case, "answered", handler, answer="已处理。")
    CaseFactory(region=regions["330102"], received_at=long_ago)
    return bodies


def body_rows(html):
    section = html[html.index('id="h-bodies"') :]
    return re.findall(r'<tr><th scope="row">([^<]+)</th><td data-label="案件数">(\d+)</td>', section)


def test_charts_come_first_and_their_tables_are_behind_a_disclosure(client, cases):
    html = client.get(URL).content.decode()
    charts = html[: html.index('id="h-bodies"')]
    assert charts.index('role="img"') < charts.index("<table")
    assert charts.count("<details") == 3 and charts.count("<table") == 3
    assert all(part.split("</details>")[0].count("<table") == 1 for part in charts.split("<details")[1:])


def test_handling_bodies_sorted_by_cases_and_cut_to_the_first_ones(client, cases, monkeypatch):
    from portal.oversight.views import register

    monkeypatch.setattr(register, "BODIES_SHOWN", 2)
    html = client.get(URL).content.decode()
    assert body_rows(html) == [("宁波市办理机构", "4"), ("西湖区办理机构", "2")]
    assert "前 2 个办理机构（共 3 个）" in html
    link = re.search(r'<a href="([^"]+)">显示全部 3 个办理机构</a>', html)
    assert link
    everything = client.get(URL + link[1].replace("&amp;", "&")).content.decode()
    assert [name for name, _n in body_rows(everything)] == ["宁波市办理机构", "西湖区办理机构", "杭州市办理机构"]
    assert "显示全部" not in everything


def test_other_orders_and_bad_parameters(client, cases):
    overdue = client.get(URL, {"order": "overdue"}).content.decode()
    assert [name for name, _n in body_rows(overdue)] == ["宁波市办理机构", "杭州市办理机构", "西湖区办理机构"]
    assert 'aria-current="true">当前超期（多到少）' in overdue
    on_time = client.get(URL, {"order": "on_time"}).content.decode()
    # 宁波 answered 1 of 4 on time (100% of the answered), 西湖 2 of 2; 杭州 answered none: last.
    assert [name for name, _n in body_rows(on_time)][-1] == "杭州市办理机构"
    for params in ({"order": "nonsense"}, {"bodies": "some"}, {"order": "cases'--"}):
        response = client.get(URL, params)
        assert response.status_code == 400, params


def test_statistics_url_name_is_the_page():
    assert reverse("oversight:statistics") == URL
