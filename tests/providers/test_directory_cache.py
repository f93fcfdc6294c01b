"""The directory's query budget, and its cached fragments (search counts, page ids, facet sidebar):
fewer queries when warm, the same page, and purged when content changes."""

import pytest

from portal.providers.factories import ProviderFactory
from portal.providers.search import RegistryParams, get_engine
from portal.reference.models import Region

pytestmark = pytest.mark.django_db

URL = "/providers/"
PAGES = [
    {},
    {"region": "330100"},
    {"q": "社会工作", "region": "330100"},
]
# Queries of one uncached request (before the speed-up: 11 for the keyword search). The budget
# holds whatever the page size (see test_directory.test_query_count_is_bounded_whatever_the_page_size).
COLD_LIMIT = 10
# With the counts, the page's providers, the rendered results and sidebar and the region parameter's
# lookup cached: no query at all.
WARM_LIMIT = 0


@pytest.mark.parametrize("params", PAGES, ids=["all", "city", "keyword-city"])
def test_uncached_query_budget(client, directory, django_assert_max_num_queries, params):
    client.get(URL, params)  # warm the per-process caches (site, settings, segmentation)
    with django_assert_max_num_queries(COLD_LIMIT):
        response = client.get(URL, params)
    assert response.status_code == 200
    assert response.context["result"].total > 0


@pytest.mark.parametrize("params", PAGES, ids=["all", "city", "keyword-city"])
def test_warm_requests_use_the_cached_fragments(
    client, directory, fragment_cache, django_assert_max_num_queries, params
):
    first = client.get(URL, params)
    with django_assert_max_num_queries(WARM_LIMIT):
        second = client.get(URL, params)
    assert second.content == first.content


def test_cached_search_and_sidebar_are_purged_when_a_provider_changes(client, directory, fragment_cache, items):
    params = {"q": "社会工作", "region": "330100"}
    before = client.get(URL, params)
    total = before.context["result"].total
    counts = before.context["result"].facet_counts("county")
    ProviderFactory(
        name="杭州市西湖区新桥社会工作服务中心",
        region=Region.objects.get(code="330106"),
        service_items=[items["社会救助对象照料护理"]],
    )
    after = client.get(URL, params)
    assert after.context["result"].total == total + 1
    assert after.context["result"].facet_counts("county")["330106"] == counts.get("330106", 0) + 1
    assert "新桥" in after.content.decode() and "新桥" not in before.content.decode()
    sidebar = {f["title"]: f for f in after.context["facets"]}
    xihu = next(e for e in sidebar["县（市、区）"]["entries"] if e["value"] == "330106")
    assert xihu["count"] == counts.get("330106", 0) + 1
    assert f'西湖区 <span class="count">（{xihu["count"]}）</span>' in after.content.decode()


def test_invalid_parameters_still_give_400_with_the_cache_on(client, directory, fragment_cache):
    for params in ({"region": "999999"}, {"region": "33010x"}, {"region": "3" * 40}, {"service": "abc"}):
        for _attempt in range(2):
            response = client.get(URL, params)
            assert response.status_code == 400, params
    # A township code is not a directory filter, cached or not.
    township = Region.objects.filter(level=Region.Level.TOWNSHIP).first()
    if township is not None:
        assert client.get(URL, {"region": township.code}).status_code == 400
    assert client.get(URL, {"region": "330100"}).status_code == 200


def test_engine_cache_is_keyed_on_the_parameters(directory, fragment_cache):
    engine = get_engine("database")
    hangzhou = engine.search(RegistryParams(region_code="330100"))
    ningbo = engine.search(RegistryParams(region_code="330200"))
    assert {p.region.code[:4] for p in hangzhou.providers} == {"3301"}
    assert {p.region.code[:4] for p in ningbo.providers} == {"3302"}
    # Same keyword terms, another spelling: the counts are shared, the page order is not confused.
    spaced = engine.search(RegistryParams(q="照料 护理"))
    joined = engine.search(RegistryParams(q="照料护理"))
    assert spaced.total == joined.total
    second_page = engine.search(RegistryParams(per_page=2, page=2, sort="name"))
    first_page = engine.search(RegistryParams(per_page=2, page=1, sort="name"))
    assert not {p.pk for p in first_page.providers} & {p.pk for p in second_page.providers}
