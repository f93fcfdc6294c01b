"""Site search on the cluster: with the backend portal.search.cluster.site_search_backend() builds
(the one settings use when SEARCH_ENGINE=opensearch and SEARCH_URL are set), /search/ finds Chinese
pages by whole and partial words through modelsearch's OpenSearch backend, with the same jieba
segmentation (and so the same results) as the database engine."""

from io import StringIO

import pytest
from django.core.management import call_command

from portal.home.factories import StandardPageFactory
from portal.search import cluster
from portal.search.results import searchable_pages
from portal.search.segment import site_query
from portal.search.testing import delete_indices, unique_prefix

pytestmark = [pytest.mark.opensearch, pytest.mark.django_db]

TITLE = "社会救助对象照料护理服务采购公告"
OTHER = "低保家庭经济状况核对工作通知"
NEARBY = "居家养老照料中心运营补助公示"
QUERIES = ["照料护理", "照料", "社会救助", "采购公告", "照料 护理", "料护", "护料", "象照料护", "火星殖民飞船", "养老"]


class SiteIndex:
    """The test's own indexes on the shared node: unique prefix, refreshed on demand, deleted after."""

    def __init__(self, client, prefix):
        self.client = client
        self.prefix = prefix

    def refresh(self):
        self.client.indices.refresh(index=self.prefix + "*")

    def page_index(self):
        """The name the page alias points at (modelsearch rebuilds into a new index, then swaps)."""
        alias = self.prefix + "wagtailcore_page"
        return sorted(self.client.indices.get_alias(name=alias).keys())

    def count(self):
        return self.client.count(index=self.prefix + "wagtailcore_page")["count"]


@pytest.fixture
def site_index(settings, opensearch_url, opensearch_client):
    """WAGTAILSEARCH_BACKENDS pointed at the node (default) plus the database engine (`database`),
    index schema created; both backends follow page publish/unpublish through Wagtail's signals."""
    prefix = unique_prefix("site")
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": cluster.site_search_backend("opensearch", opensearch_url, index_prefix=prefix),
        "database": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "simple"},
    }
    try:
        call_command("update_index", backend_name="default", schema_only=True, stdout=StringIO())
        yield SiteIndex(opensearch_client, prefix)
    finally:
        deleted = delete_indices(opensearch_client, prefix)
    assert any(name.startswith(prefix + "wagtailcore_page") for name in deleted)
    assert not opensearch_client.indices.exists_alias(name=prefix + "wagtailcore_page")


def _publish(home_page, title, slug, summary):
    page = StandardPageFactory(parent=home_page, title=title, slug=slug, summary=summary)
    page.save_revision().publish()
    return page


@pytest.fixture
def pages(site_index, home_page):
    target = _publish(home_page, TITLE, "notice-1", "杭州市西湖区民政局采购照料护理服务。")
    other = _publish(home_page, OTHER, "notice-2", "关于核对工作的通知。")
    nearby = _publish(home_page, NEARBY, "notice-3", "养老服务机构运营补助。")
    site_index.refresh()
    return target, other, nearby


def _titles(client, q):
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    return [r.title for r in response.context["page_obj"]], response


def _database_titles(q):
    results = searchable_pages().search(site_query(q), backend="database")
    return sorted(page.title for page in results)


def test_the_view_searches_the_cluster(client, pages, site_index):
    """Published pages are in the cluster index (put there by the publish signals)."""
    assert site_index.count() >= 3
    hits = site_index.client.search(
        index=site_index.prefix + "wagtailcore_page", body={"query": {"match": {"title": TITLE}}}
    )["hits"]["hits"]
    assert [hit["_source"]["title"] for hit in hits] == [TITLE]


@pytest.mark.parametrize("query", ["照料护理", "照料", "社会救助"])
def test_chinese_words_and_partial_words_find_the_page(client, pages, query):
    titles, response = _titles(client, query)
    assert TITLE in titles, query
    assert OTHER not in titles
    assert "<mark>" in response.content.decode()


def test_every_query_term_must_match(client, pages):
    assert sorted(_titles(client, "照料")[0]) == sorted([TITLE, NEARBY])
    assert _titles(client, "照料护理")[0] == [TITLE]
    assert _titles(client, "养老")[0] == [NEARBY]


def test_nonsense_and_non_words_find_nothing(client, pages):
    titles, response = _titles(client, "火星殖民飞船")
    assert titles == []
    assert "没有找到相关内容" in response.content.decode()
    # `料护` straddles two words, but it is a run of the title: the title's bigrams find it. The
    # same characters in another order are no run of it and find nothing.
    assert _titles(client, "料护")[0] == [TITLE]
    assert _titles(client, "护料")[0] == []


def test_cluster_and_database_engines_agree(client, pages):
    for query in QUERIES:
        assert sorted(_titles(client, query)[0]) == _database_titles(query), query


def test_unpublished_pages_leave_the_results(client, pages, site_index):
    pages[0].unpublish()
    site_index.refresh()
    assert _titles(client, "照料护理")[0] == []
    assert _titles(client, "照料")[0] == [NEARBY]


def test_update_index_rebuilds_into_a_new_index_and_swaps_the_alias(client, site_index, home_page, settings):
    before = site_index.page_index()
    settings.WAGTAILSEARCH_BACKENDS["default"]["AUTO_UPDATE"] = False  # signals no longer index
    _publish(home_page, TITLE, "notice-1", "杭州市西湖区民政局采购照料护理服务。")
    site_index.refresh()
    assert _titles(client, "照料护理")[0] == []
    call_command("update_index", backend_name="default", stdout=StringIO())
    site_index.refresh()
    after = site_index.page_index()
    assert len(after) == 1 and after != before
    assert _titles(client, "照料护理")[0] == [TITLE]
