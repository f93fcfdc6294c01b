"""The notice listing: filters, keyword search on segmented text, facets with counts, sorting,
pagination, noindex, 400 on bad parameters and a pinned number of SQL queries; the Atom feed and
the CSV/XLSX downloads with the same filters; the read API."""

import csv
import datetime as dt
import io
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.disclosures.models import Method, NoticeKind

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
# Listing page: filter lookups, count, rows, five facet aggregates, site, nav, form choices, settings.
QUERY_LIMIT = 15


@pytest.fixture
def notices(make_project, publish_notice):
    today = timezone.localdate()
    deadline = timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=25), dt.time(9, 30)))
    care = make_project(
        region="330106", method=Method.OPEN, title="西湖区特困人员照料护理服务项目", budget=Decimal("900000")
    )
    publish_notice(
        care, NoticeKind.TENDER, title="西湖区特困人员照料护理服务招标公告", published_on=today, bid_deadline=deadline
    )
    survey = make_project(
        region="330203",
        method=Method.CONSULTATION,
        title="海曙区社会救助对象家境调查服务项目",
        service_items=("社会救助对象家境调查",),
        budget=Decimal("200000"),
    )
    publish_notice(
        survey,
        NoticeKind.RESULT,
        title="海曙区家境调查服务成交结果公告",
        published_on=today - dt.timedelta(days=3),
        decision_date=today - dt.timedelta(days=4),
        supplier_name="宁波市海曙区益民社工服务社",
        amount=Decimal("198000"),
    )
    return {"care": care, "survey": survey}


def _titles(response):
    return [n.title for n in response.context["notices"]]


def test_listing_and_noindex(client, notices):
    url = reverse("disclosures:notice_list")
    response = client.get(url)
    assert response.status_code == 200
    assert set(_titles(response)) == {"西湖区特困人员照料护理服务招标公告", "海曙区家境调查服务成交结果公告"}
    assert 'name="robots"' not in response.content.decode()
    filtered = client.get(url, {"kind": "result"})
    assert _titles(filtered) == ["海曙区家境调查服务成交结果公告"]
    assert '<meta name="robots" content="noindex">' in filtered.content.decode()


@pytest.mark.parametrize(
    "params,expected",
    [
        ({"q": "照料护理"}, ["西湖区特困人员照料护理服务招标公告"]),
        ({"q": "家境 调查"}, ["海曙区家境调查服务成交结果公告"]),
        ({"q": "益民"}, ["海曙区家境调查服务成交结果公告"]),
        ({"method": "consultation"}, ["海曙区家境调查服务成交结果公告"]),
        ({"stage": "open"}, ["西湖区特困人员照料护理服务招标公告"]),
        ({"stage": "awarded"}, ["海曙区家境调查服务成交结果公告"]),
        ({"region": "330100"}, ["西湖区特困人员照料护理服务招标公告"]),
        ({"region": "330203"}, ["海曙区家境调查服务成交结果公告"]),
        ({"purchaser": "海曙"}, ["海曙区家境调查服务成交结果公告"]),
        ({"budget_min": "500000"}, ["西湖区特困人员照料护理服务招标公告"]),
        ({"budget_max": "500000"}, ["海曙区家境调查服务成交结果公告"]),
        ({"sort": "budget_asc"}, ["海曙区家境调查服务成交结果公告", "西湖区特困人员照料护理服务招标公告"]),
        ({"sort": "budget_desc"}, ["西湖区特困人员照料护理服务招标公告", "海曙区家境调查服务成交结果公告"]),
    ],
)
def test_filters(client, notices, params, expected):
    assert _titles(client.get(reverse("disclosures:notice_list"), params)) == expected


def test_item_and_date_filters(client, notices, items):
    url = reverse("disclosures:notice_list")
    response = client.get(url, {"item": items["社会救助对象照料护理"].pk})
    assert _titles(response) == ["西湖区特困人员照料护理服务招标公告"]
    today = timezone.localdate()
    response = client.get(url, {"published_after": (today - dt.timedelta(days=1)).isoformat()})
    assert _titles(response) == ["西湖区特困人员照料护理服务招标公告"]


def test_facet_counts(client, notices):
    response = client.get(reverse("disclosures:notice_list"))
    groups = {
        key: {link["value"]: link["count"] for link in links}
        for key, links in ((g["key"], g["entries"]) for g in response.context["facet_groups"])
    }
    assert groups["kind"] == {"result": 1, "tender": 1}
    assert groups["stage"] == {"open": 1, "awarded": 1}
    assert groups["region"] == {"330100": 1, "330200": 1}
    assert groups["method"] == {"open_tender": 1, "consultation": 1}
    html = response.content.decode()
    assert "（1）" in html


@pytest.mark.parametrize(
    "params", [{"kind": "nonsense"}, {"region": "999999"}, {"published_after": "2026-13-40"}, {"budget_min": "abc"}]
)
def test_bad_parameters_give_400(client, notices, params):
    response = client.get(reverse("disclosures:notice_list"), params)
    assert response.status_code == 400
    assert "查询参数有误" in response.content.decode()


def test_query_count_is_bounded_whatever_the_page_size(
    client, make_project, publish_notice, django_assert_max_num_queries
):
    today = timezone.localdate()
    deadline = timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=25), dt.time(9, 30)))
    url = reverse("disclosures:notice_list")
    params = {"q": "照料护理", "region": "330200"}
    project = make_project(region="330203")
    publish_notice(project, NoticeKind.TENDER, published_on=today, bid_deadline=deadline)
    client.get(url)  # warm caches (site, calendar)
    with django_assert_max_num_queries(QUERY_LIMIT) as small:
        assert len(client.get(url, params).context["notices"]) == 1
    for _ in range(24):
        p = make_project(region="330203")
        publish_notice(p, NoticeKind.TENDER, published_on=today, bid_deadline=deadline)
    with django_assert_max_num_queries(QUERY_LIMIT) as large:
        response = client.get(url, params)
        assert len(response.context["notices"]) == 20
    # 1 vs 20 rows on the page: the same queries (the shared base template's navigation may add one
    # when its cache is cold).
    assert len(large.captured_queries) <= len(small.captured_queries) + 1
    with django_assert_max_num_queries(QUERY_LIMIT):
        assert client.get(url, {"page": 2}).status_code == 200


def test_atom_feed_with_filters(client, notices):
    url = reverse("disclosures:notice_feed")
    response = client.get(url, {"item": notices["care"].service_items.first().pk, "region": "330100"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    titles = [e.findtext(f"{ATOM}title") for e in root.findall(f"{ATOM}entry")]
    assert titles == ["【招标公告】西湖区特困人员照料护理服务招标公告"]
    assert "杭州市" in root.findtext(f"{ATOM}title")
    assert client.get(url, {"region": "nowhere"}).status_code == 400


def test_csv_and_xlsx_downloads(client, notices):
    from openpyxl import load_workbook

    response = client.get(reverse("disclosures:notice_csv"), {"kind": "result"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "公告编号" and len(rows) == 2
    assert rows[1][1] == "海曙区家境调查服务成交结果公告"
    assert rows[1][-1].startswith("http://testserver/")
    response = client.get(reverse("disclosures:notice_xlsx"), {"stage": "open"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert len(values) == 2 and values[1][1] == "西湖区特困人员照料护理服务招标公告"


def test_read_api(client, notices):
    response = client.get("/api/v1/notices/", {"kind": "result"})
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1
    item = data["items"][0]
    assert item["title"] == "海曙区家境调查服务成交结果公告"
    assert item["stage"] == "awarded" and item["ocid"].endswith(notices["survey"].project_number)
    assert client.get("/api/v1/notices/", {"kind": "bogus"}).status_code == 400
    schema = client.get("/api/v1/schema/").json()
    assert "/api/v1/notices/" in schema["paths"] and "/api/v1/deadlines/" in schema["paths"]


def test_region_facet_drills_down_from_city_to_county(client, notices):
    response = client.get(reverse("disclosures:notice_list"), {"region": "330100"})
    groups = {
        key: {link["value"]: link["count"] for link in links}
        for key, links in ((g["key"], g["entries"]) for g in response.context["facet_groups"])
    }
    # The chosen city as a whole (a link back to it, chosen) and its counties.
    assert groups["region"] == {"330100": 1, "330106": 1}
    region = next(g for g in response.context["facet_groups"] if g["key"] == "region")["entries"]
    assert [(e["label"], e["selected"]) for e in region] == [("杭州市（全市）", True), ("西湖区", False)]
    assert "杭州市西湖区" in response.content.decode()  # county options carry their city
    county = client.get(reverse("disclosures:notice_list"), {"region": "330106"})
    region = next(g for g in county.context["facet_groups"] if g["key"] == "region")["entries"]
    assert [(e["value"], e["count"], e["selected"]) for e in region] == [("330100", 1, False), ("330106", 1, True)]
    assert region[0]["url"] == "?region=330100" and region[1]["url"] == "?"  # widen; a second click removes


def _facet_counts(response):
    return {g["key"]: {e["value"]: e["count"] for e in g["entries"]} for g in response.context["facet_groups"]}


def test_facet_counts_are_disjunctive(client, notices):
    """Each facet is counted over the other filters, not its own: with 宁波 chosen, the region facet
    still shows 杭州's notices (what choosing it instead would give), and the kind facet counts
    only 宁波's."""
    everything = _facet_counts(client.get(reverse("disclosures:notice_list")))
    ningbo = client.get(reverse("disclosures:notice_list"), {"region": "330200"})
    counts = _facet_counts(ningbo)
    assert ningbo.context["page_obj"].paginator.count == counts["region"]["330200"]
    assert sum(counts["kind"].values()) == counts["region"]["330200"] < sum(everything["kind"].values())
    by_kind = client.get(reverse("disclosures:notice_list"), {"kind": "result"})
    kind_counts = _facet_counts(by_kind)
    assert kind_counts["kind"] == everything["kind"]  # the kind facet ignores the kind filter
    assert by_kind.context["page_obj"].paginator.count == everything["kind"]["result"]
    assert sum(kind_counts["region"].values()) == everything["kind"]["result"]


def test_feed_api_and_downloads_do_not_query_per_row(client, notices, django_assert_max_num_queries):
    # Each of these paths fetches rows with their project and region chain in one query; a query
    # per row (e.g. for the region's full name) would exceed the pins below.
    client.get(reverse("disclosures:notice_feed"))
    with django_assert_max_num_queries(5):
        client.get(reverse("disclosures:notice_feed"))
    with django_assert_max_num_queries(5):
        client.get("/api/v1/notices/")
    with django_assert_max_num_queries(5):
        b"".join(client.get(reverse("disclosures:notice_csv")).streaming_content)
