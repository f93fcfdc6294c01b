"""Cached fragments of the statistics page and the public register: served without queries while
warm, and purged when what they show changes (a case handled or published, a handling body
renamed)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal.oversight.factories import CaseFactory
from portal.oversight.services import handling

from .conftest import make_handler
from .test_register import answered_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def fragments_on(settings):
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 300


@pytest.fixture
def handler(bodies):
    return make_handler("prov", view_all=True)


def _kpi(html, label):
    start = html.index(f"<dt>{label}</dt>")
    return html[html.index("<dd>", start) + 4 : html.index("</dd>", start)]


def test_statistics_are_served_from_the_cache_and_purged_when_a_case_is_handled(
    client, bodies, regions, handler, fragments_on
):
    case = CaseFactory(region=regions["330106"])
    url = reverse("oversight:statistics")
    html = client.get(url).content.decode()
    assert _kpi(html, "案件总数") == "1" and _kpi(html, "已答复") == "0"
    with CaptureQueriesContext(connection) as warm:
        assert client.get(url).content.decode() == html
    assert len(warm) == 0

    handling.change_status(case, "accepted", handler)
    handling.change_status(case, "answered", handler, answer="已处理。")
    html = client.get(url).content.decode()
    assert _kpi(html, "已答复") == "1"


def test_renaming_a_handling_body_purges_the_statistics(client, bodies, regions, handler, fragments_on):
    answered_case(handler, region=regions["330106"])
    url = reverse("oversight:statistics")
    assert "西湖区办理机构" in client.get(url).content.decode()
    body = bodies["330106"]
    body.name = "西湖区民政局投诉办理科"
    body.save()
    html = client.get(url).content.decode()
    assert "西湖区民政局投诉办理科" in html and "西湖区办理机构" not in html


def test_years_have_their_own_cached_statistics(client, bodies, regions, fragments_on):
    CaseFactory(region=regions["330106"])
    url = reverse("oversight:statistics")
    assert _kpi(client.get(url).content.decode(), "案件总数") == "1"
    html = client.get(url, {"year": "2019"}).content.decode()
    assert _kpi(html, "案件总数") == "0" and 'name="robots" content="noindex"' in html
    assert 'name="robots"' not in client.get(url).content.decode()


def test_register_is_served_from_the_cache_and_purged_when_a_case_is_published(
    client, bodies, regions, handler, fragments_on
):
    first = answered_case(handler, region=regions["330106"], subject_text="甲服务站")
    handling.publish_summary(first, "摘要甲", handler)
    second = answered_case(handler, region=regions["330203"], category="conduct", subject_text="乙服务中心")
    url = reverse("oversight:register")
    html = client.get(url).content.decode()
    assert first.reference in html and second.reference not in html
    with CaptureQueriesContext(connection) as warm:
        assert client.get(url).content.decode() == html
    assert len(warm) == 0

    handling.publish_summary(second, "摘要乙", handler)
    html = client.get(url).content.decode()
    assert first.reference in html and second.reference in html
    # Each filter set and page has its own entry.
    conduct = client.get(url, {"category": "conduct"}).content.decode()
    assert second.reference in conduct and first.reference not in conduct
    assert 'name="robots" content="noindex"' in conduct
    ningbo = client.get(url, {"region": "330200"}).content.decode()
    assert second.reference in ningbo and first.reference not in ningbo
    assert first.reference in client.get(url).content.decode()


def test_register_pages_are_cached_apart(client, bodies, regions, handler, fragments_on):
    for i in range(25):
        case = answered_case(handler, region=regions["330106"], subject_text=f"服务站{i}")
        handling.publish_summary(case, "摘要", handler)
    url = reverse("oversight:register")
    first = client.get(url).content.decode()
    second = client.get(url, {"page": "2"}).content.decode()
    assert "第 1 页，共 2 页" in first and "第 2 页，共 2 页" in second
    assert 'name="robots" content="noindex"' in second and 'name="robots"' not in first
    with CaptureQueriesContext(connection) as warm:
        assert client.get(url, {"page": "2"}).content.decode() == second
    assert len(warm) == 0
    # An out-of-range page shows the last page, also from the cache.
    assert "第 2 页，共 2 页" in client.get(url, {"page": "99"}).content.decode()


def _captcha_token(html):
    start = html.index('name="captcha_token"')
    tag = html[html.rindex("<input", 0, start) : html.index(">", start)]
    return tag.split('value="')[1].split('"')[0]


def test_complaint_form_fields_are_cached_but_not_the_captcha_or_csrf_token(client, bodies, regions, fragments_on):
    url = reverse("oversight:complaint_new")
    first = client.get(url).content.decode()
    second = client.get(url).content.decode()
    for html in (first, second):
        assert 'name="csrfmiddlewaretoken"' in html and 'name="description"' in html
        assert f'<option value="{regions["330106"].pk}">' in html
    assert _captcha_token(first) != _captcha_token(second)

    # The prefill from a provider link has its own entry, and does not leak into the plain form.
    prefilled = client.get(url, {"provider": "91330106MA27XY1234"}).content.decode()
    assert 'value="91330106MA27XY1234"' in prefilled
    assert "91330106MA27XY1234" not in client.get(url).content.decode()


def test_renaming_a_region_purges_the_cached_form_fields(client, bodies, regions, fragments_on):
    url = reverse("oversight:complaint_new")
    assert "西湖区" in client.get(url).content.decode()
    xihu = regions["330106"]
    xihu.name = "西湖新区"
    xihu.save()
    assert "西湖新区" in client.get(url).content.decode()


def test_a_form_with_errors_keeps_what_was_typed_with_fragments_on(client, bodies, regions, fragments_on):
    url = reverse("oversight:complaint_new")
    client.get(url)
    response = client.post(url, {"subject_text": "某机构甲", "description": "短"})
    html = response.content.decode()
    assert response.status_code == 400 and 'value="某机构甲"' in html and "ov-errors" in html
    assert 'value="某机构甲"' not in client.get(url).content.decode()


def test_register_detail_is_cached_and_purged_when_the_case_changes(client, bodies, regions, handler, fragments_on):
    case = answered_case(handler, region=regions["330106"])
    handling.publish_summary(case, "第一版摘要", handler, subject="甲服务站")
    url = reverse("oversight:register_detail", args=[case.reference])
    html = client.get(url).content.decode()
    assert "第一版摘要" in html and "<h1>甲服务站</h1>" in html and f"<title>甲服务站 {case.reference} -" in html
    with CaptureQueriesContext(connection) as warm:
        assert client.get(url).content.decode() == html
    assert len(warm) == 0

    handling.publish_summary(case, "第二版摘要", handler, subject="乙服务站")
    html = client.get(url).content.decode()
    assert "第二版摘要" in html and "<h1>乙服务站</h1>" in html and "第一版摘要" not in html
    handling.unpublish(case, handler)
    assert client.get(url).status_code == 404
