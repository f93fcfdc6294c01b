"""Public pages: project page (timeline, stage, countdown, single-source publicity), notice page
(late mark, winner, challenge deadline), index page and home page sections."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from portal.disclosures.models import Method, NoticeKind

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def open_project(make_project, publish_notice):
    today = timezone.localdate()
    project = make_project(method=Method.NEGOTIATION, title="西湖区特困人员照料护理服务项目")
    publish_notice(
        project,
        NoticeKind.INTENTION,
        published_on=today - dt.timedelta(days=60),
        planned_start=today - dt.timedelta(days=20),
    )
    deadline = timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=12), dt.time(9, 30)))
    publish_notice(
        project,
        NoticeKind.TENDER,
        title="西湖区特困人员照料护理服务竞争性谈判公告",
        published_on=today,
        bid_deadline=deadline,
    )
    project.refresh_from_db()
    return project


def test_project_page_shows_timeline_stage_and_countdown(client, open_project):
    response = client.get(open_project.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "正在招标" in html
    assert "还有 <strong>12</strong> 天" in html
    assert html.index("采购意向") < html.index("竞争性谈判公告")
    assert open_project.ocid in html


def test_single_source_project_shows_publicity_period(client, make_project, publish_notice):
    project = make_project(method=Method.SINGLE_SOURCE, service_items=("罕见病对象跟踪",))
    today = timezone.localdate()
    notice = publish_notice(
        project,
        NoticeKind.SINGLE_SOURCE,
        published_on=today,
        publicity_end=today + dt.timedelta(days=14),
        supplier_name="浙江省罕见病关爱中心",
        single_source_reason="唯一具备罕见病跟踪服务能力",
    )
    html = client.get(project.url).content.decode()
    assert "单一来源采购公示期" in html
    assert notice.publicity_end.isoformat() in html
    assert "浙江省罕见病关爱中心" in html


def test_late_result_is_marked_publicly(client, make_project, publish_notice):
    project = make_project()
    notice = publish_notice(
        project,
        NoticeKind.RESULT,
        published_on=D(2026, 10, 14),
        decision_date=D(2026, 9, 29),
        supplier_name="杭州市西湖区阳光社会工作服务中心",
        supplier_credit_code="52330106MJ0000000X",
        amount=Decimal("480000"),
        evaluation_panel="张三\n李四\n王五",
    )
    html = client.get(notice.url).content.decode()
    assert "逾期发布" in html and "5 个工作日" in html
    assert "李四" in html
    assert "52330106MJ0000000X" in html
    # The challenge period runs from the end of the 1-working-day display (Thu 15 Oct), then 7
    # working days: 16, 19, 20, 21, 22, 23, 26 Oct.
    assert "2026-10-26" in html
    assert "逾期发布" in client.get(project.url).content.decode()


def test_eligibility_scope(open_project, items):
    region, service_items = open_project.eligibility_scope()
    assert region.code == "330106"
    assert list(service_items) == [items["社会救助对象照料护理"]]
    notice = open_project.notices.get(kind=NoticeKind.TENDER)
    assert notice.eligibility_scope()[0] == region


def test_home_page_sections(client, open_project, publish_notice, make_project):
    other = make_project(region="330203")
    publish_notice(
        other,
        NoticeKind.RESULT,
        title="海曙区家境调查服务成交结果公告",
        published_on=timezone.localdate(),
        decision_date=timezone.localdate(),
        supplier_name="宁波市海曙区益民社工服务社",
        amount=Decimal("300000"),
    )
    html = client.get("/").content.decode()
    assert "正在招标" in html and "西湖区特困人员照料护理服务竞争性谈判公告" in html
    assert "最新结果" in html and "海曙区家境调查服务成交结果公告" in html


def test_index_page_lists_open_projects(client, open_project, notice_index):
    html = client.get(notice_index.url).content.decode()
    assert open_project.title in html


def test_winner_links_to_provider_registry_when_listed(make_project, publish_notice):
    from django.apps import apps

    project = make_project()
    notice = publish_notice(
        project,
        NoticeKind.RESULT,
        published_on=D(2026, 10, 9),
        decision_date=D(2026, 10, 8),
        supplier_name="杭州市西湖区阳光社会工作服务中心",
        supplier_credit_code="52330106MJ0000000X",
        amount=Decimal("480000"),
    )
    try:
        provider_model = apps.get_model("providers", "Provider")
    except LookupError:
        assert notice.winner_provider() is None
        return
    if not any(f.name == "credit_code" for f in provider_model._meta.get_fields()):
        assert notice.winner_provider() is None
        return
    assert notice.winner_provider() is None  # not listed in the registry yet


def test_republished_project_reindexes_its_notices(client, open_project):
    from django.urls import reverse

    open_project.title = "西湖区困难群众心理疏导服务项目"
    open_project.save_revision().publish()
    response = client.get(reverse("disclosures:notice_list"), {"q": "心理疏导"})
    assert len(response.context["notices"]) == 2


def test_open_data_page_describes_datasets(client, open_project):
    from django.urls import reverse

    response = client.get(reverse("disclosures:open_data"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "CC BY 4.0" in html and "releases.json" in html and open_project.ocid in html
    assert "/api/v1/notices/" in html and "/feeds/notices.atom" in html
    # The main navigation shows the open-data and notices entries once their URL names resolve.
    assert 'href="/open-data/"' in html and 'href="/disclosures/notices/"' in html


def test_home_sections_are_cached_and_refreshed_on_publish(client, open_project, publish_notice, make_project):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    assert not any("disclosures_noticepage" in q["sql"] for q in queries.captured_queries)
    other = make_project(region="330203")
    publish_notice(
        other,
        NoticeKind.RESULT,
        title="海曙区资源链接服务成交结果公告",
        published_on=timezone.localdate(),
        decision_date=timezone.localdate(),
        supplier_name="宁波市海曙区益民社工服务社",
        amount=Decimal("300000"),
    )
    assert "海曙区资源链接服务成交结果公告" in client.get("/").content.decode()
