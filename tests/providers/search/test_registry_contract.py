"""The registry search contract: the database engine and the cluster engine (on a real OpenSearch
node) return the same providers, in the same order, with the same totals and facet counts, for the
same parameters: keywords, every filter, combinations, paging, every sort, status flags."""

import datetime
import random

import pytest
from django.test import override_settings

from portal.providers.factories import ProviderFactory
from portal.providers.models import Grade, ProviderStatus, ProviderType
from portal.providers.search import FACETS, NO_GRADE, RegistryParams, sync
from portal.providers.search.cluster import ClusterEngine
from portal.providers.search.database import DatabaseEngine
from portal.reference.models import Region, ServiceItem
from portal.search.testing import delete_indices, unique_prefix

pytestmark = [pytest.mark.opensearch, pytest.mark.django_db]

REGIONS = ["330106", "330108", "330102", "330100", "330203", "330205", "330302", "330200", "330402"]
PREFIXES = ["阳光", "康宁", "爱心", "同心", "颐养", "安康", "乐龄", "善行", "明德", "Care"]
SUFFIXES = ["社会工作服务中心", "养老服务中心", "助残服务社", "信息科技有限公司", "心理咨询服务中心", "康复服务中心"]
PHRASES = [
    "为特困老人提供上门照料护理和心理疏导。",
    "残疾人康复训练服务。",
    "提供家庭经济状况核对系统和绩效评价服务。",
    "社区照料服务与资源链接。",
    "CareLink平台支持送医陪护。",
    "开展经办人员业务培训和政策宣传。",
    "",
]
TYPES = list(ProviderType.values)
GRADES = [Grade.EXCELLENT, Grade.GOOD, Grade.PASS, Grade.FAIL, None]
STATUSES = [ProviderStatus.ACTIVE] * 4 + [ProviderStatus.SUSPENDED, ProviderStatus.EXITED]


def build_registry(count=40, seed=6):
    """`count` varied providers (regions, services, types, grades, statuses, dates with gaps), a
    name shared by two providers (ties by id) and a name contained in a longer one."""
    rng = random.Random(seed)
    regions = {code: Region.objects.get(code=code) for code in REGIONS}
    items = list(ServiceItem.objects.order_by("pk"))
    providers = []
    for n in range(count):
        region = regions[REGIONS[n % len(REGIONS)]]
        city = region.city.name if region.level == 3 else region.name
        name = f"{city}{rng.choice(PREFIXES)}{rng.choice(SUFFIXES)}"
        if n % 7 == 3:
            name = f"{name}第{n}分部"
        registered = None if n % 9 == 4 else datetime.date(2008 + rng.randrange(16), rng.randrange(1, 13), 1)
        if n % 11 == 5 and providers:
            registered = providers[-1].registered_on  # equal dates: ties by name, then id
        grade = rng.choice(GRADES)
        providers.append(
            ProviderFactory(
                name=name,
                region=region,
                provider_type=rng.choice(TYPES),
                service_items=rng.sample(items, rng.randrange(0, 4)),
                description=" ".join(rng.sample(PHRASES, 2)).strip(),
                registered_on=registered,
                latest_grade=grade,
                latest_grade_date=datetime.date(2025, 6, 1) if grade else None,
                status=STATUSES[n % len(STATUSES)],
            )
        )
    twin = providers[0]
    providers.append(ProviderFactory(name=twin.name, region=regions["330203"], service_items=[items[8]]))
    providers.append(ProviderFactory(name="阳光社会工作服务中心", region=regions["330106"], service_items=[items[8]]))
    providers.append(ProviderFactory(name="西湖阳光社会工作服务中心联合会", region=regions["330106"]))
    providers.append(ProviderFactory(name="杭州市阳光康复服务中心", region=regions["330108"]))
    providers.append(ProviderFactory(name="宁波市善行康复服务中心", region=regions["330203"], description="阳光助残。"))
    # jieba cuts this name 颐乐|居家|养老…: `颐乐居` and `乐居` straddle its words.
    providers.append(ProviderFactory(name="杭州市西湖区颐乐居家养老服务中心", region=regions["330106"]))
    for provider in providers:
        provider.refresh_from_db()
    return providers


@pytest.fixture
def indexed_registry(db, opensearch_client):
    """The providers above, indexed into a fresh index behind a unique alias on the node."""
    prefix = unique_prefix("contract")
    alias = prefix + "providers"
    providers = build_registry()
    sync.rebuild(client=opensearch_client, alias=alias, chunk_size=50)
    engine = ClusterEngine(client=opensearch_client, alias=alias)
    yield providers, engine, alias
    delete_indices(opensearch_client, prefix)


def keyword_cases(providers):
    sample = providers[5]
    return [
        "照料护理",  # whole words
        "护理",
        "照料",
        "阳光",  # in names
        "光社",  # partial word across jieba's split
        "老",  # one character
        "care",  # partial Latin word ("CareLink")
        "Care护理",
        "社会工作服务中心",
        "阳光社会工作服务中心",  # an exact name, also inside longer names
        "杭州市 康复",
        "西湖区",  # region name
        sample.name,
        sample.credit_code,
        "ＣＡＲＥ",  # full-width
        "不存在的机构名称",
        "！！",  # no terms at all
        "颐乐居",  # runs of a name across jieba's words
        "乐居",
        "区颐乐",
        "居家养老服",
        "颐乐",
        "居乐颐",  # the same characters in no name's order
        "乐颐居家",
    ]


def filter_cases():
    cases = [{"region_code": code} for code in ("330000", "330100", "330106", "330200", "330302", "330400")]
    cases += [{"service_item": pk} for pk in (1, 9, 10, 14, 15, 16)]
    cases += [{"provider_type": value} for value in ProviderType.values]
    cases += [{"status": value} for value in ProviderStatus.values]
    cases += [{"grade": value} for value in [*Grade.values, NO_GRADE]]
    return cases


def combination_cases():
    return [
        {"q": "服务", "region_code": "330100", "status": "active"},
        {"q": "照料", "service_item": 9, "grade": NO_GRADE},
        {"q": "中心", "provider_type": "social_org", "region_code": "330106"},
        {"region_code": "330200", "service_item": 9, "status": "suspended"},
        {"region_code": "330100", "grade": "excellent", "provider_type": "enterprise"},
        {"q": "康复", "region_code": "330000", "service_item": 10, "provider_type": "other", "status": "exited"},
    ]


SORTS = ["", "relevance", "name", "grade", "registered_desc", "registered_asc"]


def name_runs(name):
    """Every run of two or more characters of `name`."""
    return {name[i:j] for i in range(len(name)) for j in range(i + 2, len(name) + 1)}


def comparable(result):
    # Facet values are looked up by value (their order is not part of the contract).
    facets = {name: result.facet_counts(name) for name in FACETS}
    return [p.pk for p in result.providers], result.total, facets


def assert_same(engine, params):
    database = DatabaseEngine()
    expected_ids = database.matching_ids(params)
    assert engine.matching_ids(params) == expected_ids, params
    expected = database.search(params)
    actual = engine.search(params)
    assert not actual.degraded, params
    assert actual.engine == "cluster"
    assert comparable(actual) == comparable(expected), params
    preview, expected_preview = engine.preview(params), database.preview(params)
    assert not preview.degraded and preview.engine == "cluster"
    assert [p.pk for p in preview.providers] == [p.pk for p in expected_preview.providers], params
    assert preview.total == expected_preview.total == expected.total, params
    return expected_ids


def test_keywords_match_the_database_engine(indexed_registry):
    providers, engine, _alias = indexed_registry
    found_any = 0
    for q in keyword_cases(providers):
        for sort in ("", "name", "grade"):
            ids = assert_same(engine, RegistryParams(q=q, sort=sort, per_page=100))
            found_any += bool(ids)
    assert found_any >= 30  # the cases do find providers (not a comparison of empty lists)


def test_any_run_of_a_name_finds_the_provider_on_both(indexed_registry):
    """Every run of two or more characters of a name finds the provider, on both engines alike;
    the same characters in another order find nothing."""
    providers, engine, _alias = indexed_registry
    database = DatabaseEngine()
    target = next(p for p in providers if p.name == "杭州市西湖区颐乐居家养老服务中心")
    for run in sorted(name_runs(target.name)):
        ids = database.matching_ids(RegistryParams(q=run))
        assert target.pk in ids, run
        assert engine.matching_ids(RegistryParams(q=run)) == ids, run
    for q in ["居乐颐", "乐颐居家", "颐居", "火星殖民飞船"]:
        assert database.matching_ids(RegistryParams(q=q)) == engine.matching_ids(RegistryParams(q=q)) == [], q
    for provider in providers[::6]:
        for run in sorted(name_runs(provider.name))[::5]:
            assert provider.pk in engine.matching_ids(RegistryParams(q=run, per_page=100)), (run, provider.name)


def test_filters_and_combinations_match(indexed_registry):
    _providers, engine, _alias = indexed_registry
    for case in filter_cases() + combination_cases():
        for sort in ("", "registered_desc"):
            assert_same(engine, RegistryParams(**case, sort=sort, per_page=50))


def test_every_sort_and_page_matches(indexed_registry):
    providers, engine, _alias = indexed_registry
    for sort in SORTS:
        for q in ("", "服务", "阳光"):
            whole = assert_same(engine, RegistryParams(q=q, sort=sort, per_page=100))
            if q == "阳光":
                continue
            for page in (2, 6):
                params = RegistryParams(q=q, sort=sort, page=page, per_page=7)
                result = engine.search(params)
                assert [p.pk for p in result.providers] == whole[params.offset : params.offset + 7]
                assert_same(engine, params)
    by_name = engine.matching_ids(RegistryParams(sort="name"))
    assert by_name == [p.pk for p in sorted(providers, key=lambda p: (p.name, p.pk))]


def test_status_flags_and_facets(indexed_registry):
    providers, engine, _alias = indexed_registry
    result = engine.search(RegistryParams(status=ProviderStatus.SUSPENDED, region_code="330100", per_page=100))
    assert {p.status for p in result.providers} == {ProviderStatus.SUSPENDED}
    counts = result.facet_counts("status")
    in_hangzhou = [p for p in providers if p.region.code.startswith("3301")]
    for status in ProviderStatus.values:
        assert counts.get(status, 0) == sum(1 for p in in_hangzhou if p.status == status)
    assert sum(result.facet_counts("city").values()) == sum(1 for p in providers if p.status == "suspended")
    assert result.facets["county"]  # a city is selected: its counties are counted


def test_whole_query_in_name_ranks_first_on_both(indexed_registry):
    """Names containing the whole query (the exact name among them) come before names with only
    some of its terms; within that tier by name, then id."""
    _providers, engine, _alias = indexed_registry
    params = RegistryParams(q="阳光社会工作服务中心")
    ids = assert_same(engine, params)
    names = [p.name for p in engine.search(params).providers]
    top = [name for name in names if "阳光社会工作服务中心" in name]
    # The exact name first, then the other names containing the whole query, by name.
    assert names[0] == "阳光社会工作服务中心"
    assert names[1 : len(top)] == sorted(n for n in top if n != "阳光社会工作服务中心") and len(top) >= 3
    # Fewer of the terms in the name rank lower.
    mixed = [p.name for p in engine.search(RegistryParams(q="阳光 康复", per_page=100)).providers]
    both = [name for name in mixed if "阳光" in name and "康复" in name]
    assert mixed[: len(both)] == sorted(both) and len(mixed) > len(both) >= 1
    assert ids


def test_settings_select_the_cluster_engine(indexed_registry, opensearch_url):
    from portal.providers.search import get_engine

    _providers, _engine, alias = indexed_registry
    prefix = alias.removesuffix("_providers")
    with override_settings(
        REGISTRY_SEARCH_ENGINE="cluster",
        SEARCH_ENGINE="opensearch",
        SEARCH_URL=opensearch_url,
        SEARCH_INDEX_PREFIX=prefix,
    ):
        engine = get_engine()
        assert isinstance(engine, ClusterEngine)
        assert_same(engine, RegistryParams(q="护理", region_code="330100"))


def test_all_matching_ids_are_listed_in_batches(indexed_registry, monkeypatch):
    _providers, engine, _alias = indexed_registry
    monkeypatch.setattr("portal.providers.search.cluster.IDS_BATCH", 4)
    for sort in SORTS:
        params = RegistryParams(q="服务" if sort in ("", "relevance") else "", sort=sort)
        ids = engine.matching_ids(params)
        assert len(ids) > 8
        assert ids == DatabaseEngine().matching_ids(params)
