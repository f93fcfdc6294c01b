"""Site search results are cached as rendered markup per query and page: a warm query costs no
SQL, publishing or unpublishing pages purges them, and a stand-in answer from the database while
the cluster is down is never cached."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.home.factories import StandardPageFactory

from .test_site_search_fallback import down_cluster, indexed_pages  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

TITLE = "社会救助对象照料护理服务采购公告"


@pytest.fixture(autouse=True)
def fragments_on(settings):
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def page(home_page):
    page = StandardPageFactory(parent=home_page, title=TITLE, slug="notice-1", summary="采购照料护理服务。")
    page.save_revision().publish()
    return page


def test_warm_query_is_served_without_sql(client, page):
    html = client.get("/search/", {"q": "照料护理"}).content.decode()
    assert "<mark>照料护理</mark>" in html and "找到 1 条结果" in html
    with CaptureQueriesContext(connection) as warm:
        again = client.get("/search/", {"q": "照料护理"}).content.decode()
    assert again == html and len(warm) == 0


def test_publishing_and_unpublishing_purge_the_results(client, page, home_page):
    assert "找到 1 条结果" in client.get("/search/", {"q": "照料护理"}).content.decode()
    other = StandardPageFactory(parent=home_page, title="照料护理服务项目验收公示", slug="notice-2")
    other.save_revision().publish()
    html = client.get("/search/", {"q": "照料护理"}).content.decode()
    assert "找到 2 条结果" in html and other.url in html
    page.unpublish()
    html = client.get("/search/", {"q": "照料护理"}).content.decode()
    assert "找到 1 条结果" in html and f'href="{page.url}"' not in html


def test_queries_and_pages_are_cached_apart(client, home_page):
    for n in range(12):
        StandardPageFactory(parent=home_page, title=f"照料护理服务项目{n}", slug=f"p{n}").save_revision().publish()
    first = client.get("/search/", {"q": "照料护理"}).content.decode()
    second = client.get("/search/", {"q": "照料护理", "page": "2"}).content.decode()
    assert first.count("<h3>") == 10 and second.count("<h3>") == 2
    assert "第 2 页，共 2 页" in second
    assert "找到 0 条结果" in client.get("/search/", {"q": "低保"}).content.decode()
    assert client.get("/search/", {"q": "照料护理", "page": "abc"}).status_code == 400


def test_answers_of_the_fallback_are_not_cached(client, indexed_pages, down_cluster, monkeypatch):  # noqa: F811
    from django.core.cache import cache

    stored = []
    real_set = cache.set
    monkeypatch.setattr(cache, "set", lambda key, *a, **kw: (stored.append(key), real_set(key, *a, **kw)))
    html = client.get("/search/", {"q": "照料护理"}).content.decode()
    assert "检索服务暂时不可用" in html
    assert not [key for key in stored if key.startswith("fragment:search:results")]
    # The same answer with the cluster up is kept (the check above can fail).
    with monkeypatch.context() as m:
        m.setattr("portal.search.views._search_page", lambda query, number: (_page_of_nothing(), False))
        m.setattr("portal.search.views.results_preview", lambda raw_query: None)
        client.get("/search/", {"q": "照料护理 其他"})
    assert [key for key in stored if key.startswith("fragment:search:results")]


def _page_of_nothing():
    from django.core.paginator import Paginator

    return Paginator([], 10).get_page(1)
