"""Public register (consented, reviewed, redacted cases only) and statistics (charts, tables, CSV);
no personal data on any public page; bounded queries."""

import csv
import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from portal.oversight.factories import CaseFactory
from portal.oversight.services import handling

from .conftest import make_handler

pytestmark = pytest.mark.django_db

PII = ("张三", "13812345678", "zhangsan@example.com")


def answered_case(handler, **kwargs):
    case = CaseFactory(**kwargs)
    handling.change_status(case, "accepted", handler)
    handling.change_status(case, "answered", handler, answer="经核查属实，已责令服务机构整改。联系电话0571-87053100。")
    case.refresh_from_db()
    return case


@pytest.fixture
def handler(bodies):
    return make_handler("prov", view_all=True)


def test_only_consented_reviewed_cases_are_published(client, bodies, regions, handler):
    published = answered_case(
        handler, region=regions["330106"], description="我叫张三，手机13812345678，护工王小明不按时上门。"
    )
    suggestion = redact_text(published.description)
    handling.publish_summary(published, suggestion, handler)
    unreviewed = answered_case(handler, region=regions["330106"], subject_text="未审核的案件")
    no_consent = answered_case(handler, region=regions["330106"], consent_publish=False, subject_text="不同意公开")
    with pytest.raises(ValidationError):
        handling.publish_summary(no_consent, "摘要", handler)
    open_case = CaseFactory(region=regions["330106"])
    with pytest.raises(ValidationError):
        handling.publish_summary(open_case, "摘要", handler)

    response = client.get(reverse("oversight:register"))
    assert response.status_code == 200
    html = response.content.decode()
    assert published.reference in html
    assert unreviewed.reference not in html and no_consent.reference not in html and open_case.reference not in html
    for secret in (*PII, "王小明", "87053100"):
        assert secret not in html
    detail = client.get(reverse("oversight:register_detail", args=[published.reference]))
    assert detail.status_code == 200
    for secret in (*PII, "王小明", "87053100"):
        assert secret not in detail.content.decode()
    assert client.get(reverse("oversight:register_detail", args=[unreviewed.reference])).status_code == 404


def redact_text(text):
    from portal.oversight.redaction import redact

    return redact(text).text


def test_register_filters_and_keyword_search(client, bodies, regions, handler):
    a = answered_case(handler, region=regions["330106"], category="subcontracting", subject_text="甲服务站违规转包")
    b = answered_case(handler, region=regions["330203"], category="quality", subject_text="乙服务中心照料护理质量差")
    for case in (a, b):
        handling.publish_summary(case, redact_text(case.subject_text), handler)
    url = reverse("oversight:register")

    def refs(**params):
        html = client.get(url, params).content.decode()
        return {r for r in (a.reference, b.reference) if r in html}

    assert refs() == {a.reference, b.reference}
    assert refs(category="subcontracting") == {a.reference}
    assert refs(region="330200") == {b.reference}
    assert refs(year=str(timezone.localdate().year)) == {a.reference, b.reference}
    assert refs(year="2019") == set()
    assert refs(q="照料护理") == {b.reference}
    assert refs(q="转包") == {a.reference}
    response = client.get(url, {"category": "quality"})
    assert b'name="robots" content="noindex"' in response.content
    assert client.get(url, {"category": "nonsense"}).status_code == 400
    assert client.get(url, {"year": "abc"}).status_code == 400
    assert client.get(url, {"region": "999999"}).status_code == 400


def test_register_query_count_is_pinned(client, bodies, regions, handler, django_assert_max_num_queries):
    for i in range(25):
        case = answered_case(handler, region=regions["330106"], subject_text=f"服务站{i}")
        handling.publish_summary(case, "摘要", handler)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("oversight:register"))
    assert response.status_code == 200 and "第 1 页，共 2 页" in response.content.decode()


def test_statistics_page_charts_tables_and_csv(client, bodies, regions, handler):
    on_time = answered_case(handler, region=regions["330106"], category="quality")
    late = CaseFactory(region=regions["330203"], category="conduct", received_at=timezone.now() - dt.timedelta(days=60))
    handling.change_status(late, "accepted", handler)
    handling.change_status(late, "answered", handler, answer="已处理。")
    CaseFactory(region=regions["330203"], category="conduct", received_at=timezone.now() - dt.timedelta(days=60))
    response = client.get(reverse("oversight:statistics"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('role="img"') == 3 and "<title id=" in html and "<desc id=" in html
    assert html.count("<table") == 4
    assert "当前超期未答复" in html
    for secret in PII:
        assert secret not in html
    csv_response = client.get(reverse("oversight:statistics_csv"))
    assert csv_response["Content-Type"].startswith("text/csv")
    text = csv_response.getvalue().decode("utf-8-sig")
    for secret in PII:
        assert secret not in text
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "维度"
    by_body = {r[2]: r for r in rows if r[0] == "办理机构"}
    xihu = by_body["西湖区办理机构"]
    assert xihu[3:6] == ["1", "1", "1"] and xihu[6] == "1.000"
    ningbo = by_body["宁波市办理机构"]
    assert ningbo[3:6] == ["2", "1", "0"] and ningbo[8] == "1"  # one late answer, one overdue now
    by_category = {r[1]: r for r in rows if r[0] == "类别"}
    assert by_category["conduct"][3] == "2" and by_category["quality"][3] == "1"
    assert on_time.reference not in text


def test_statistics_query_count_is_bounded(client, bodies, regions, django_assert_max_num_queries):
    for i in range(40):
        CaseFactory(region=regions["330106" if i % 2 else "330203"])
    # Cases, cities, bodies, years, calendar (2) and the base template's site/settings/menu queries.
    with django_assert_max_num_queries(12):
        assert client.get(reverse("oversight:statistics")).status_code == 200
    for _ in range(40):
        CaseFactory(region=regions["330106"])
    from django.core.cache import cache

    cache.clear()
    with django_assert_max_num_queries(12):
        assert client.get(reverse("oversight:statistics")).status_code == 200


def test_home_section_shows_this_months_figures(client, bodies, regions, handler, home_page):
    answered_case(handler, region=regions["330106"])
    CaseFactory(region=regions["330106"])
    html = client.get("/").content.decode()
    assert "投诉办理情况" in html and reverse("oversight:statistics") in html


def test_public_pages_escape_user_text(client, bodies, regions, handler):
    case = answered_case(handler, region=regions["330106"])
    handling.publish_summary(case, "<script>alert(1)</script>摘要", handler, subject="<b>服务站</b>")
    html = client.get(reverse("oversight:register")).content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html and "<b>服务站" not in html


def test_api_statistics_and_register_without_personal_data(client, bodies, regions, handler):
    published = answered_case(handler, region=regions["330106"], description="我叫张三，手机13812345678。")
    handling.publish_summary(published, redact_text(published.description), handler)
    hidden = answered_case(handler, region=regions["330106"], subject_text="未公开案件")
    response = client.get("/api/v1/oversight/register")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1 and data["results"][0]["reference"] == published.reference
    assert data["results"][0]["summary"] == "我叫某某，手机[手机号已隐去]。"
    assert hidden.reference not in response.content.decode()
    stats_response = client.get("/api/v1/oversight/statistics")
    assert stats_response.status_code == 200 and stats_response.json()["total"] == 2
    import json

    # Compare on the decoded data: the JSON may escape Chinese characters.
    for body in (json.dumps(data, ensure_ascii=False), json.dumps(stats_response.json(), ensure_ascii=False)):
        for secret in (*PII, "87053100"):
            assert secret not in body
    assert client.get("/api/v1/oversight/register", {"category": "nope"}).status_code == 400
    assert client.get("/api/v1/oversight/statistics", {"year": "1900"}).status_code == 400
