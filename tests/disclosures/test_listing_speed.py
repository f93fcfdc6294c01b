"""The speed-ups of the disclosures pages: pinned query counts (cold and with the cached
fragments), cached facet counts and filter sidebars purged when content changes, the reference
lookups of the filters, the listing cards built in Python, and a cached notice PDF that costs no
queries beyond finding the page."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from portal.disclosures.models import Method, NoticeKind
from tests.evaluations.evaluation_fixtures import make_result, scheme  # noqa: F401

pytestmark = pytest.mark.django_db

NOTICES = "/disclosures/notices/"
EVALUATIONS = "/disclosures/evaluations/"
# One listing request with nothing cached (before the speed-up: 13 for the notices, 11 for the
# evaluations on the benchmark data): the rows, the grouped facet counts, the filters' reference
# lookups and the form's choices, and what the shared base template reads.
NOTICE_LIMIT = 8
EVALUATION_LIMIT = 6
# With the facet counts, the filter sidebar and the reference lookups cached: the page's rows (and
# one query of slack for the shared base template).
WARM_LIMIT = 2
# A notice page with its article cached: what finding the page costs (routing, view restrictions)
# and the shared base template.
ROUTING_LIMIT = 5


@pytest.fixture
def listed(make_project, publish_notice):
    today = timezone.localdate()
    deadline = timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=20), dt.time(9, 30)))
    tender = make_project(region="330106", method=Method.INQUIRY, budget=Decimal("300000"))
    publish_notice(
        tender, NoticeKind.TENDER, title="西湖区<照料>护理询价公告", published_on=today, bid_deadline=deadline
    )
    single = make_project(region="330106", method=Method.SINGLE_SOURCE)
    publish_notice(
        single,
        NoticeKind.SINGLE_SOURCE,
        title="西湖区心理疏导单一来源公示",
        published_on=today,
        publicity_start=today,
        publicity_end=today + dt.timedelta(days=10),
        single_source_reason="唯一具备资质的机构",
        supplier_name="西湖区心语社工服务社",
    )
    awarded = make_project(region="330203", method=Method.CONSULTATION)
    publish_notice(
        awarded,
        NoticeKind.RESULT,
        title="海曙区家境调查成交结果公告",
        published_on=today - dt.timedelta(days=2),
        decision_date=today - dt.timedelta(days=3),
        supplier_name="海曙区益民社工服务社",
        amount=Decimal("198000"),
    )
    return {"tender": tender, "single": single, "awarded": awarded}


def _counts(response):
    return {
        key: {link["value"]: link["count"] for link in links}
        for key, links in ((g["key"], g["entries"]) for g in response.context["facet_groups"])
    }


def test_notice_listing_query_budget(client, listed, django_assert_max_num_queries):
    params = {"region": "330100", "kind": "tender", "sort": "budget_desc"}
    client.get(NOTICES, params)  # warm the per-process caches (site, navigation)
    with django_assert_max_num_queries(NOTICE_LIMIT):
        response = client.get(NOTICES, params)
    assert [n.title for n in response.context["notices"]] == ["西湖区<照料>护理询价公告"]


def test_notice_listing_with_warm_fragments_reads_only_the_page(
    client, listed, fragment_cache, django_assert_max_num_queries
):
    params = {"region": "330100", "stage": "open"}
    first = client.get(NOTICES, params)
    # At most what the shared base template reads: the counts, the sidebar, the region lookup, the
    # page's ids and its cards all come from the cache.
    with django_assert_max_num_queries(WARM_LIMIT) as captured:
        second = client.get(NOTICES, params)
    sql = [q["sql"] for q in captured.captured_queries]
    assert sum('FROM "disclosures_noticepage"' in q for q in sql) == 0
    assert not [q for q in sql if "GROUP BY" in q or 'FROM "disclosures_region"' in q]
    assert second.content == first.content
    assert _counts(second)["kind"] == {"tender": 1, "single_source": 1}


def test_cached_notice_facets_are_purged_when_a_notice_is_published(
    client, listed, fragment_cache, make_project, publish_notice
):
    assert client.get(NOTICES).context["page_obj"].paginator.count == 3
    assert _counts(client.get(NOTICES))["kind"] == {"tender": 1, "single_source": 1, "result": 1}
    project = make_project(region="330203", method=Method.OPEN)
    publish_notice(project, NoticeKind.TERMINATION, title="海曙区终止公告", termination_reason="预算调整")
    response = client.get(NOTICES)
    assert response.context["page_obj"].paginator.count == 4
    assert _counts(response)["kind"]["termination"] == 1
    assert "终止公告" in response.content.decode()  # the cached sidebar was purged too


def test_region_lookup_is_cached_and_follows_changes(client, listed, fragment_cache, regions):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(NOTICES, {"region": "330106"})
    with CaptureQueriesContext(connection) as captured:
        client.get(NOTICES, {"region": "330106", "page": "1"})
    assert not [q for q in captured.captured_queries if 'FROM "disclosures_region"' in q["sql"]]
    xihu = regions["330106"]
    xihu.name = "西湖区（新）"
    xihu.save()
    response = client.get(NOTICES, {"region": "330106"})
    assert "杭州市西湖区（新）" in response.content.decode()  # the select's label comes from the new index
    assert client.get(NOTICES, {"region": "339999"}).status_code == 400


def test_cards(client, listed):
    html = client.get(NOTICES, {"q": "照料"}).content.decode()
    assert "西湖区&lt;<mark>照料</mark>&gt;护理询价公告" in html  # escaped, then highlighted
    html = client.get(NOTICES).content.decode()
    assert "投标（响应）截止：<time" in html
    assert "公示截止：<time" in html
    assert '<span class="tag tag-tender">询价公告</span>' in html
    assert "<span>询价</span>" in html and "<span>单一来源</span>" in html
    assert "供应商：海曙区益民社工服务社，198,000.00 元</p>" in html
    assert "供应商：西湖区心语社工服务社</p>" in html
    assert "<span>预算 300,000.00 元</span>" in html


def test_late_badge_on_card(client, make_project, publish_notice):
    project = make_project()
    today = timezone.localdate()
    notice = publish_notice(
        project,
        NoticeKind.RESULT,
        title="迟到的结果公告",
        published_on=today,
        decision_date=today - dt.timedelta(days=30),
        supplier_name="某社工服务社",
        amount=Decimal("1000"),
    )
    assert notice.late_working_days
    html = client.get(NOTICES).content.decode()
    assert f'<strong class="late-badge">逾期发布 {notice.late_working_days} 个工作日</strong>' in html


def test_evaluation_index_query_budget_and_fragments(
    client,
    make_project,
    make_result,  # noqa: F811
    fragment_cache,
    django_assert_max_num_queries,
):
    project = make_project()
    make_result(project)
    client.get(EVALUATIONS)  # warm the per-process caches; the filtered index below is not cached yet
    with django_assert_max_num_queries(EVALUATION_LIMIT):
        first = client.get(EVALUATIONS, {"region": "330100"})
    with django_assert_max_num_queries(WARM_LIMIT) as captured:
        second = client.get(EVALUATIONS, {"region": "330100"})
    assert not [q for q in captured.captured_queries if "GROUP BY" in q["sql"]]
    assert second.content == first.content
    assert first.context["page_obj"].paginator.count == 1
    make_result(project, year=2024)
    response = client.get(EVALUATIONS, {"region": "330100"})
    assert response.context["page_obj"].paginator.count == 2
    years = {key: links for key, links in ((g["key"], g["entries"]) for g in response.context["facet_groups"])}["year"]
    assert [(link["label"], link["count"]) for link in years] == [("2025", 1), ("2024", 1)]
    assert "2024" in response.content.decode()


def test_cached_pdf_costs_only_finding_the_page(client, listed, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    notice = listed["awarded"].get_children().live().first()
    url = notice.url + "pdf/"
    assert client.get(url).status_code == 200  # renders and caches the PDF
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    sql = " ".join(q["sql"] for q in captured.captured_queries)
    for table in ("disclosures_serviceitem", "disclosures_noticedocument", "home_portalsettings"):
        assert table not in sql


def test_cached_cards_follow_edits(client, listed, fragment_cache):
    notice = listed["awarded"].get_children().live().specific().first()
    assert "海曙区家境调查成交结果公告" in client.get(NOTICES).content.decode()
    notice.title = "海曙区家境调查成交结果公告（更正后）"
    notice.save_revision().publish()
    html = client.get(NOTICES).content.decode()
    assert "海曙区家境调查成交结果公告（更正后）" in html
    # The warm page shows the same cards as a cold one.
    assert client.get(NOTICES).content.decode() == html


def test_notice_article_is_cached_purged_on_publish_and_never_from_a_preview(
    client, listed, fragment_cache, django_assert_max_num_queries, rf
):
    notice = listed["awarded"].get_children().live().specific().first()
    first = client.get(notice.url)
    assert "海曙区益民社工服务社" in first.content.decode()
    with django_assert_max_num_queries(ROUTING_LIMIT) as captured:
        assert client.get(notice.url).content == first.content
    assert not [q for q in captured.captured_queries if "disclosures_noticedocument" in q["sql"]]
    # A draft shown in the admin preview is rendered, not read from (or written to) the cache.
    notice.supplier_name = "草稿中的供应商"
    draft = notice.save_revision().as_object()
    request = rf.get(notice.url)
    request.is_preview = True
    assert "草稿中的供应商" in draft.get_context(request)["article_html"]
    assert "草稿中的供应商" not in client.get(notice.url).content.decode()
    notice.get_latest_revision().publish()
    assert "草稿中的供应商" in client.get(notice.url).content.decode()
