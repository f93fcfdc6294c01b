"""Search on the seeded small demo itself (issue "What a new user hits", items 1 and 9), not only on
pages built inside a test: what the demo's bulk paths create must be found like what an editor
creates.

Site search finds every live content page by its exact title (notices, evaluation results,
projects, campaigns, materials, courses, standard pages), labels each result with its type in words,
never lists structural pages (home, sections, region folders), and shows the providers whose name
matches with a link to the directory; the registry's engines find a provider by any run of two or
more characters of its name. The database engines run always; the cluster engines (marker
`opensearch`) on a node, from indexes built out of the same seeded demo.

The demo is seeded once for the module (clock pinned like every test) inside a transaction rolled
back at the end."""

import io
import random
import re
from collections import Counter

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from portal.providers.search import RegistryParams, sync
from portal.providers.search.cluster import ClusterEngine
from portal.providers.search.database import DatabaseEngine
from portal.search import cluster
from portal.search.segment import tokens_for_index
from portal.search.testing import delete_indices, unique_prefix
from portal.search.views import PAGE_SIZE
from tests.conftest import PINNED_NOW

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

EXPECTED_TYPES = {
    "NoticePage",
    "EvaluationResultPage",
    "ProcurementProjectPage",
    "StandardPage",
    "CampaignPage",
    "MaterialPage",
    "TrainingCoursePage",
}
CJK_RUN = re.compile(r"[\u4e00-\u9fff]{3,}")
NONSENSE = ["火星殖民飞船", "不存在的机构名称", "量子纠缠"]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The small demo, seeded as `make run` seeds it, kept for the module and rolled back after."""
    with django_db_blocker.unblock(), time_machine.travel(PINNED_NOW, tick=True):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("seed_demo", "--size", "small", "--no-progress", "--skip-reference", stdout=io.StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            cache.clear()


def structural():
    from portal.home.models import HomePage, RegionSectionPage, SectionPage

    return (HomePage, SectionPage, RegionSectionPage)


def live_pages():
    """Every live, public content page (not the root, not structural), as specific pages."""
    from wagtail.models import Page

    pages = Page.objects.live().public().filter(depth__gt=1).specific().order_by("path")
    return [page for page in pages if not isinstance(page, structural())]


def found(client, q):
    """The pks of the first page of site-search results for `q`, through the view."""
    return {page.pk for page in get(client, q).context["page_obj"].object_list}


def titles_not_found_by_the_view(client, pages):
    return [(type(p).__name__, p.title) for p in pages if p.pk not in found(client, p.title)]


def search(query, backend=None):
    """Site search's query for `query` on `backend` (all results), as the view asks it."""
    from portal.search.results import searchable_pages
    from portal.search.segment import site_query

    pages = searchable_pages()
    return pages.search(site_query(query), backend=backend) if backend else pages.search(site_query(query))


def first_page(query, backend=None):
    """The first page of site-search results for `query`, as the view asks the backend."""
    return list(search(query, backend)[:PAGE_SIZE])


def titles_not_found(pages, backend=None):
    return [(type(p).__name__, p.title) for p in pages if p.pk not in {r.pk for r in first_page(p.title, backend)}]


def get(client, q):
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200, q
    return response


def page_rows(response):
    return response.context["rows"] or []


def name_runs(name, rng, count=4):
    """Runs of two or more characters of `name`: the start of it, and others chosen at random,
    among them runs that straddle the boundary between two of jieba's words."""
    runs = {name[:3], name[-4:]}
    words = [w for w in tokens_for_index(name) if len(w) >= 2]
    for word in words:
        at = name.find(word)
        if at > 0:
            runs.add(name[at - 1 : at + 1])  # last character of the word before, first of this one
    while len(runs) < count + 2:
        start = rng.randrange(0, len(name) - 1)
        runs.add(name[start : rng.randrange(start + 2, len(name) + 1)])
    return sorted(runs)


# Site search, database engine ------------------------------------------------------------------


def test_every_live_content_page_is_found_by_its_exact_title(demo, client):
    """Every page through the query the view runs, and a dozen of each type through the view
    itself, on the first page of results."""
    pages = live_pages()
    types = Counter(type(page).__name__ for page in pages)
    assert EXPECTED_TYPES <= set(types), types
    # Evaluations exist only for services that have run (mid-term and final, within the service period).
    assert types["NoticePage"] > 100 and types["EvaluationResultPage"] > 40
    rng = random.Random(1)
    by_type = {}
    for page in pages:
        by_type.setdefault(type(page), []).append(page)
    sample = [page for group in by_type.values() for page in rng.sample(group, min(len(group), 12))]
    assert titles_not_found_by_the_view(client, sample) == []
    assert titles_not_found(pages) == []


def test_the_demo_index_is_what_an_editor_save_indexes(demo):
    """The demo's bulk paths (add_child, importer) leave every content page indexed as saving it
    again indexes it (the signal handler's insert_or_update_object), which is what an editor's
    publish does."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.search import index
    from wagtail.search.models import IndexEntry

    pages = live_pages()
    keys = {(ContentType.objects.get_for_model(type(p)).pk, str(p.pk)) for p in pages}

    def entries():
        rows = IndexEntry.objects.values_list("content_type_id", "object_id", "title", "body")
        return {(ct, pk): (str(title), str(body)) for ct, pk, title, body in rows if (ct, pk) in keys}

    before = entries()
    assert set(before) == keys  # every content page has its entry
    for page in pages:
        index.insert_or_update_object(page)
    after = entries()
    assert [key for key in keys if before[key] != after[key]] == []
    # A notice's entry holds what its listing is searched by, and its number.
    notice = next(p for p in pages if type(p).__name__ == "NoticePage")
    body = before[(ContentType.objects.get_for_model(type(notice)).pk, str(notice.pk))][1]
    for token in [notice.number.split("-")[0].lower(), *tokens_for_index(notice.project.purchaser)]:
        assert token in body, token


def test_structural_pages_are_never_listed(demo, client):
    from wagtail.models import Page

    titles = set(Page.objects.type(*structural()).live().values_list("title", flat=True))
    assert {"首页", "工作动态", "政策文件", "采购公告", "西湖区"} <= titles
    for q in ["首页", "工作动态", "政策文件", "采购公告", "政策宣传", "西湖区", "杭州市", "社会救助"]:
        listed = get(client, q).context["page_obj"].object_list
        assert not [page.title for page in listed if isinstance(page, structural())], q
        assert all(page.depth > 1 for page in listed), q


def test_results_say_what_they_are(demo, client):
    from portal.disclosures.models import NoticePage
    from portal.home.models import StandardPage

    # One page of every type by its title (it comes first), and some words.
    titles = {}
    for page in live_pages():
        titles.setdefault(type(page), page.title)
    labels = Counter()
    for q in ["公开招标公告", "结果公告", "绩效评价", "照料护理", "政策宣传", "推进会", "关于", *titles.values()]:
        for row in page_rows(get(client, q)):
            assert row.label and row.label != "普通页面", (q, row.page.title)
            if isinstance(row.page, NoticePage):
                assert row.label == row.page.kind_label
            if isinstance(row.page, StandardPage):
                assert row.label in {"工作动态", "政策文件", "栏目页"}
            labels[row.label] += 1
    for label in ["招标公告", "采购项目", "绩效评价结果", "宣传活动", "宣传资料", "培训课程", "工作动态", "栏目页"]:
        assert labels[label], (label, labels)
    html = get(client, "公开招标公告").content.decode()
    assert '<span class="result-type">招标公告</span>' in html and "普通页面" not in html


def test_phrase_queries_find_notices(demo, client):
    response = get(client, "公开招标公告")
    rows = page_rows(response)
    assert response.context["page_obj"].paginator.count >= PAGE_SIZE
    assert all(row.label == "招标公告" and "公开招标公告" in row.page.title for row in rows)


def test_a_provider_name_finds_the_provider_and_the_directory(demo, client):
    from portal.providers.models import Provider

    provider = Provider.objects.filter(name__contains="西湖区").order_by("name").first()
    response = get(client, provider.name)
    group = response.context["providers"]["result"]
    assert [p.pk for p in group.providers][:1] == [provider.pk]
    html = response.content.decode()
    assert f'href="{provider.get_absolute_url()}"' in html
    assert "在承接主体名录中查看全部 " in html and 'href="/providers/?q=' in html
    directory = client.get(response.context["providers"]["directory_url"])
    assert provider.name in directory.content.decode()


def test_region_and_service_words_find_providers_and_pages(demo, client):
    """`西湖区 心理疏导`: providers of the district offering counselling, and the district's pages
    about it (if the demo has any): each word matches, in any field."""
    from portal.providers.models import Provider

    response = get(client, "西湖区 心理疏导")
    group = response.context["providers"]["result"]
    expected = set(
        Provider.objects.filter(
            region__code__startswith="330106", service_items__name__contains="心理疏导"
        ).values_list("pk", flat=True)
    )
    assert expected and group.total >= len(expected)
    assert {p.pk for p in group.providers} <= set(DatabaseEngine().matching_ids(RegistryParams(q="西湖区 心理疏导")))
    for row in page_rows(response):
        assert "西湖" in row.page.segmented_text() and "心理" in row.page.segmented_text()
    assert "没有找到相关内容" not in response.content.decode()


def test_part_of_a_title_finds_it(demo, client):
    """Runs of characters across jieba's word boundaries (the user types part of a title)."""
    rng = random.Random(5)
    for page in rng.sample(live_pages(), 40):
        run = max(CJK_RUN.findall(page.title), key=len)
        start = rng.randrange(0, len(run) - 2)
        part = run[start : start + rng.randrange(2, 6)]
        response = get(client, part)
        assert page.pk in {p.pk for p in response.context["page_obj"].paginator.object_list}, (part, page.title)


def test_nonsense_finds_nothing(demo, client):
    for q in NONSENSE:
        response = get(client, q)
        assert response.context["page_obj"].paginator.count == 0, q
        assert not response.context["providers"]["result"].total, q
        assert "没有找到相关内容" in response.content.decode()


# Registry, database engine ----------------------------------------------------------------------


def test_registry_finds_every_provider_by_runs_of_its_name(demo):
    from portal.providers.models import Provider

    rng = random.Random(9)
    engine = DatabaseEngine()
    providers = list(Provider.objects.order_by("pk"))
    assert len(providers) >= 300
    missing = []
    for provider in providers:
        for run in name_runs(provider.name, rng, count=2):
            if provider.pk not in engine.matching_ids(RegistryParams(q=run)):
                missing.append((run, provider.name))
    assert missing == []
    for q in NONSENSE:
        assert engine.matching_ids(RegistryParams(q=q)) == [], q


# Cluster engines --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cluster_indexes(demo, opensearch_url, django_db_blocker):
    """The demo's pages (update_index) and providers (rebuild) indexed on the node under a unique
    prefix; settings for the module point site search's backend `cluster` at them."""
    prefix = unique_prefix("demo")
    client = cluster.make_client("opensearch", opensearch_url, timeout=30)
    backends = {
        "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "simple"},
        "cluster": {
            **cluster.site_search_backend("opensearch", opensearch_url, index_prefix=prefix + "site_", timeout=30),
            "AUTO_UPDATE": False,
        },
    }
    try:
        with django_db_blocker.unblock(), override_settings(WAGTAILSEARCH_BACKENDS=backends):
            call_command("update_index", backend_name="cluster", stdout=io.StringIO())
            sync.rebuild(client=client, alias=prefix + "providers", chunk_size=500)
            client.indices.refresh(index=prefix + "*")
            yield {"prefix": prefix, "url": opensearch_url, "client": client, "backends": backends}
    finally:
        delete_indices(client, prefix)
        client.close()


def cluster_settings(settings, indexes):
    """Settings as production builds them for the node: site search and the registry on the cluster."""
    backends = dict(indexes["backends"])
    settings.WAGTAILSEARCH_BACKENDS = {"default": backends["cluster"], "database": backends["default"]}
    settings.SEARCH_ENGINE, settings.SEARCH_URL = "opensearch", indexes["url"]
    settings.SEARCH_INDEX_PREFIX = indexes["prefix"].rstrip("_")
    settings.REGISTRY_SEARCH_ENGINE = "cluster"


@pytest.mark.opensearch
def test_cluster_finds_every_live_content_page_by_its_exact_title(cluster_indexes):
    pages = live_pages()
    assert EXPECTED_TYPES <= {type(page).__name__ for page in pages}
    assert titles_not_found(pages, backend="cluster") == []


@pytest.mark.opensearch
def test_cluster_site_search_view(cluster_indexes, client, settings):
    from portal.providers.models import Provider

    cluster_settings(settings, cluster_indexes)
    response = get(client, "公开招标公告")
    assert not response.context["degraded"]
    rows = page_rows(response)
    assert rows and all(row.label == "招标公告" for row in rows)
    provider = Provider.objects.filter(name__contains="西湖区").order_by("name").first()
    response = get(client, provider.name)
    group = response.context["providers"]["result"]
    assert group.engine == "cluster" and not group.degraded
    assert [p.pk for p in group.providers][:1] == [provider.pk]
    response = get(client, "西湖区 心理疏导")
    assert response.context["providers"]["result"].total
    for q in ["工作动态", "政策文件", "西湖区", *NONSENSE]:
        rows = page_rows(get(client, q))
        assert not [row for row in rows if isinstance(row.page, structural())], q
    for q in NONSENSE:
        assert get(client, q).context["page_obj"].paginator.count == 0


@pytest.mark.opensearch
def test_cluster_and_database_site_search_agree(cluster_indexes):
    rng = random.Random(3)
    queries = ["公开招标公告", "西湖区 心理疏导", "照料护理", "绩效评价结果", "培训", *NONSENSE]
    queries += [page.title[2:7] for page in rng.sample(live_pages(), 15)]
    for q in queries:
        database = {p.pk for p in search(q)}
        on_cluster = {p.pk for p in search(q, backend="cluster")}
        assert on_cluster == database, q


@pytest.mark.opensearch
def test_cluster_registry_finds_providers_by_runs_of_their_names(cluster_indexes):
    from portal.providers.models import Provider

    engine = ClusterEngine(client=cluster_indexes["client"], alias=cluster_indexes["prefix"] + "providers")
    database = DatabaseEngine()
    rng = random.Random(9)
    providers = list(Provider.objects.order_by("pk"))
    checked = 0
    for provider in rng.sample(providers, 80):
        for run in name_runs(provider.name, rng, count=2):
            ids = engine.matching_ids(RegistryParams(q=run))
            assert provider.pk in ids, (run, provider.name)
            assert ids == database.matching_ids(RegistryParams(q=run)), run
            checked += 1
    assert checked > 300
    for q in NONSENSE:
        assert engine.matching_ids(RegistryParams(q=q)) == [], q
