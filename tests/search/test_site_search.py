"""Site search finds Chinese pages by whole and partial words, on SQLite and PostgreSQL alike
(make test runs this file on both databases)."""

import pytest
from django.db import connection

from portal.home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

TITLE = "社会救助对象照料护理服务采购公告"


@pytest.fixture
def pages(home_page):
    target = StandardPageFactory(
        parent=home_page, title=TITLE, slug="notice-1", summary="杭州市西湖区民政局采购照料护理服务。"
    )
    other = StandardPageFactory(
        parent=home_page, title="低保家庭经济状况核对工作通知", slug="notice-2", summary="关于核对工作的通知。"
    )
    for page in (target, other):
        page.save_revision().publish()
    return target, other


def _titles(client, q):
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    return [r.title for r in response.context["page_obj"]], response


@pytest.mark.parametrize("query", ["照料护理", "照料", "社会救助", "采购公告", "照料 护理"])
def test_chinese_queries_find_the_page(client, pages, query):
    titles, _ = _titles(client, query)
    assert TITLE in titles, f"{query!r} on {connection.vendor}"
    assert "低保家庭经济状况核对工作通知" not in titles


def test_nonsense_finds_nothing(client, pages):
    titles, response = _titles(client, "火星殖民飞船")
    assert titles == []
    assert "没有找到相关内容" in response.content.decode()


def test_part_of_a_title_across_words_finds_it(client, pages):
    """`料护` straddles jieba's words 照料|护理, but it is a run of the title; the same characters in
    another order are not."""
    assert _titles(client, "料护")[0] == [TITLE]
    assert _titles(client, "象照料护")[0] == [TITLE]
    assert _titles(client, "护料")[0] == []


def test_sections_and_the_home_page_are_not_results(client, pages, section):
    section.save_revision().publish()
    titles, response = _titles(client, section.title)
    assert titles == []
    home_titles, _ = _titles(client, "首页")
    assert home_titles == []
    titles, response = _titles(client, "照料护理")
    assert '<span class="result-type">栏目页</span>' in response.content.decode()
    assert "普通页面" not in response.content.decode()


def test_terms_are_highlighted_and_escaped(client, pages):
    _, response = _titles(client, "照料护理")
    html = response.content.decode()
    assert "<mark>照料护理</mark>" in html
    _, response = _titles(client, "<script>alert(1)</script>")
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_unpublished_pages_are_not_found(client, pages):
    pages[0].unpublish()
    titles, _ = _titles(client, "照料护理")
    assert titles == []


def test_pagination_and_bad_parameters(client, home_page):
    for n in range(12):
        StandardPageFactory(parent=home_page, title=f"照料护理服务项目{n}", slug=f"p{n}").save_revision().publish()
    response = client.get("/search/", {"q": "照料护理"})
    assert response.context["page_obj"].paginator.count == 12
    assert len(response.context["page_obj"].object_list) == 10
    response = client.get("/search/", {"q": "照料护理", "page": 2})
    assert len(response.context["page_obj"].object_list) == 2
    assert client.get("/search/", {"q": "照料护理", "page": "abc"}).status_code == 400
    assert client.get("/search/", {"q": "照" * 101}).status_code == 400
    assert client.get("/search/", {"q": "照料护理", "page": 99}).status_code == 200


def test_search_page_is_noindex(client, pages):
    _, response = _titles(client, "照料")
    assert '<meta name="robots" content="noindex">' in response.content.decode()
