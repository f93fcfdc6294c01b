"""Site search while the cluster is down: the database index (kept up to date alongside the
cluster) answers, the page says so, and the stand-in answer is not cached."""

import socket

import pytest
from django.core.cache import cache

from portal.core.caching import HEADER
from portal.home.factories import StandardPageFactory
from portal.search.cluster import cluster_marked_down, reset_breaker, site_search_backend

pytestmark = pytest.mark.django_db


def _closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def down_cluster(settings):
    """Settings as production builds them for a cluster that refuses connections."""
    url = f"http://127.0.0.1:{_closed_port()}"
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": site_search_backend("opensearch", url, index_prefix="fallback_test_", timeout=1),
        "database": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "simple"},
    }
    settings.SEARCH_ENGINE, settings.SEARCH_URL = "opensearch", url
    reset_breaker()
    yield url
    reset_breaker()


@pytest.fixture
def indexed_pages(home_page):
    """Pages indexed into the database backend (created before the cluster settings apply)."""
    return [
        StandardPageFactory(parent=home_page, title="社会救助对象照料护理服务采购公告", slug="a"),
        StandardPageFactory(parent=home_page, title="低保家庭经济状况核对工作通知", slug="b"),
    ]


def test_down_cluster_answers_from_the_database(client, indexed_pages, down_cluster, settings):
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    response = client.get("/search/", {"q": "照料护理"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="/a/"' in html and 'href="/b/"' not in html
    assert "检索服务暂时不可用" in html
    assert "no-store" in response["Cache-Control"]
    assert cluster_marked_down()
    # The breaker skips the cluster for a while: the next query goes straight to the database.
    again = client.get("/search/", {"q": "低保"})
    assert 'href="/b/"' in again.content.decode()
    assert again.get(HEADER) != "hit"


def test_without_a_database_backend_the_error_is_not_hidden(client, indexed_pages, down_cluster, settings):
    settings.WAGTAILSEARCH_BACKENDS = {"default": settings.WAGTAILSEARCH_BACKENDS["default"]}
    from portal.search.cluster import cluster_errors

    with pytest.raises(cluster_errors()):
        client.get("/search/", {"q": "照料护理"})


def test_healthy_database_search_is_not_degraded(client, indexed_pages):
    response = client.get("/search/", {"q": "照料护理"})
    assert "检索服务暂时不可用" not in response.content.decode()
    assert "no-store" not in response.get("Cache-Control", "")


def test_cluster_failing_between_count_and_hits_is_caught(client, indexed_pages, down_cluster, monkeypatch):
    """The count answered, then the connection broke while fetching the hits (seen under load)."""
    from portal.search import views

    real = views._results
    calls = []

    def flaky(query, backend=None):
        results = real(query, backend="database")
        if backend is None:
            calls.append("cluster")

            class Broken:
                def count(self):
                    return results.count()

                def __len__(self):
                    return results.count()

                def __getitem__(self, item):
                    # Like search results: slicing is lazy, the hits are fetched on iteration.
                    class LazyHits:
                        def __iter__(self):
                            from portal.search.cluster import cluster_errors

                            raise cluster_errors()[1]("connection reset while fetching hits")

                        def __len__(self):
                            return 1

                    return LazyHits()

            return Broken()
        return results

    monkeypatch.setattr(views, "_results", flaky)
    response = client.get("/search/", {"q": "照料护理"})
    assert calls == ["cluster"]
    assert response.status_code == 200 and 'href="/a/"' in response.content.decode()
    assert "检索服务暂时不可用" in response.content.decode()
