"""The database registry engine against a straightforward reference: on a seeded set of providers,
for many parameter combinations, its totals, page members and every (disjunctive) facet count must
equal a plain Python computation over all providers (every query term a substring of the normalised
search text, each facet counted over the providers passing every other filter). Runs on SQLite and
PostgreSQL."""

import itertools
import random

import pytest

from portal.providers.factories import ProviderFactory
from portal.providers.filters import ProviderFilterSet
from portal.providers.models import Grade, Provider, ProviderStatus, ProviderType
from portal.providers.search import NO_GRADE, RegistryParams, get_engine
from portal.providers.search.db_queries import credit_code_in, region_prefix
from portal.reference.models import Region, ServiceItem
from portal.search.segment import normalise, query_terms

pytestmark = pytest.mark.django_db

REGION_CODES = ["330100", "330106", "330108", "330200", "330203", "330302", "330000"]
NAME_PARTS = ["阳光", "同心", "爱心", "康宁", "慧助", "善行"]
KINDS = ["社会工作服务中心", "照护服务社", "信息科技有限公司", "社会救助指导中心", "康复服务中心"]
DESCRIPTIONS = [
    "为特困老人提供上门照料护理。",
    "残疾人康复训练服务。",
    "开展业务培训和心理疏导。",
    "",
    "Social Work 项目",
]
QUERIES = ["", "社会", "社会工作", "照料 护理", "服务中心", "康复", "SOCIAL", "不存在"]


@pytest.fixture
def seeded(regions):
    """Forty providers with random attributes (seeded, so every run sees the same set)."""
    rng = random.Random(20261127)
    items = list(ServiceItem.objects.order_by("pk"))
    region_objects = {code: Region.objects.get(code=code) for code in REGION_CODES}
    grades = [None, *Grade.values]
    providers = []
    for n in range(40):
        name = f"{rng.choice(NAME_PARTS)}{n:02d}{rng.choice(KINDS)}"
        providers.append(
            ProviderFactory(
                name=name,
                region=region_objects[rng.choice(REGION_CODES)],
                provider_type=rng.choice(ProviderType.values),
                status=rng.choice(ProviderStatus.values),
                latest_grade=rng.choice(grades),
                description=rng.choice(DESCRIPTIONS),
                service_items=rng.sample(items, rng.randrange(0, 4)),
            )
        )
    return providers


def reference_rows():
    rows = []
    for provider in Provider.objects.select_related("region").prefetch_related("service_items"):
        rows.append(
            {
                "pk": provider.pk,
                "text": provider.search_text,
                "credit_code": provider.credit_code,
                "region": provider.region.code,
                "services": {item.pk for item in provider.service_items.all()},
                "provider_type": provider.provider_type,
                "status": provider.status,
                "grade": provider.latest_grade,
            }
        )
    return rows


def passes(row, params, without=None):
    if params.q:
        terms = query_terms(params.q)
        keyword = all(term in normalise(row["text"]) for term in terms)
        code = credit_code_in(params.q)
        if not (keyword or (code and row["credit_code"] == code)):
            return False
    if without != "region" and params.region_code:
        if not row["region"].startswith(region_prefix(params.region_code)):
            return False
    if without != "service" and params.service_item and params.service_item not in row["services"]:
        return False
    if without != "provider_type" and params.provider_type and row["provider_type"] != params.provider_type:
        return False
    if without != "status" and params.status and row["status"] != params.status:
        return False
    if without != "grade" and params.grade:
        wanted = None if params.grade == NO_GRADE else params.grade
        if row["grade"] != wanted:
            return False
    return True


def count(values):
    counts = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return counts


def reference_facets(rows, params):
    by_region = [r for r in rows if passes(r, params, "region")]
    city = params.region_code[:4] if params.region_code[2:4] not in ("", "00") else ""
    return {
        "city": count(r["region"][:4] + "00" for r in by_region),
        "county": count(r["region"][:6] for r in by_region if city and r["region"].startswith(city)),
        "service": count(str(s) for r in rows if passes(r, params, "service") for s in r["services"]),
        "provider_type": count(r["provider_type"] for r in rows if passes(r, params, "provider_type")),
        "status": count(r["status"] for r in rows if passes(r, params, "status")),
        "grade": count(r["grade"] or NO_GRADE for r in rows if passes(r, params, "grade")),
    }


def combinations():
    """A seeded sample of keyword x region x service x type x status x grade combinations."""
    services = [None, *ServiceItem.objects.order_by("pk").values_list("pk", flat=True)[:3]]
    grid = list(
        itertools.product(
            QUERIES,
            ["", "330000", "330100", "330106", "330200"],
            services,
            ["", ProviderType.SOCIAL_ORGANISATION],
            ["", ProviderStatus.ACTIVE],
            ["", NO_GRADE, Grade.EXCELLENT],
        )
    )
    rng = random.Random(7)
    return rng.sample(grid, 120)


def test_totals_pages_and_facets_equal_the_reference(seeded):
    engine = get_engine("database")
    rows = reference_rows()
    for q, region, service, provider_type, status, grade in combinations():
        params = RegistryParams(
            q=q,
            region_code=region,
            service_item=service,
            provider_type=provider_type,
            status=status,
            grade=grade,
            per_page=10,
        )
        expected = {r["pk"] for r in rows if passes(r, params)}
        result = engine.search(params)
        label = (q, region, service, provider_type, status, grade)
        assert result.total == len(expected), label
        assert set(engine.matching_ids(params)) == expected, label
        assert {p.pk for p in result.providers} <= expected, label
        assert len(result.providers) == min(10, len(expected)), label
        want = reference_facets(rows, params)
        for name, counts in want.items():
            assert result.facet_counts(name) == counts, (label, name)
            values = [fv.value for fv in result.facets[name]]
            assert values == sorted(values), (label, name)


def test_credit_code_query_and_upper_case_keywords(seeded):
    engine = get_engine("database")
    target = seeded[5]
    assert engine.matching_ids(RegistryParams(q=target.credit_code.lower())) == [target.pk]
    # Search text and terms are both lower case: an upper-case query finds the lower-case text.
    social = {p.pk for p in seeded if p.description == "Social Work 项目"}
    assert social and set(engine.matching_ids(RegistryParams(q="SOCIAL work"))) == social


def test_pages_follow_the_filterset_order(seeded):
    engine = get_engine("database")
    for data in [{}, {"q": "服务中心", "sort": "relevance"}, {"sort": "grade"}, {"region": "330100", "sort": "name"}]:
        filterset = ProviderFilterSet.bind({**data, "per_page": "10"}, Provider.objects.all())
        reference = list(filterset.qs.values_list("pk", flat=True))
        for page in (1, 2, 3):
            params = filterset.to_params(page=page)
            ids = [p.pk for p in engine.search(params).providers]
            assert ids == reference[(page - 1) * 10 : page * 10], (data, page)


def test_any_run_of_a_name_finds_the_provider(seeded):
    """Any run of two or more characters of a name finds the provider, wherever jieba cut the name
    into words (`颐乐居` in 颐乐|居家|养老…); characters in no name's order find nothing."""
    engine = get_engine("database")
    target = ProviderFactory(name="杭州市西湖区颐乐居家养老服务中心", region=Region.objects.get(code="330106"))
    for provider in [target, *seeded[::4]]:
        name = provider.name
        for run in {name[i:j] for i in range(len(name)) for j in range(i + 2, len(name) + 1)}:
            assert provider.pk in engine.matching_ids(RegistryParams(q=run)), (run, name)
    for q in ["居乐颐", "乐颐居家", "颐居", "火星殖民飞船"]:
        assert engine.matching_ids(RegistryParams(q=q)) == [], q
