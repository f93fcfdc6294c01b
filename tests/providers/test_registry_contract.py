"""Contract of the registry search engine interface: every engine must return the same providers,
in the same order, with the same totals and facet counts, for the same FilterSet parameters.
The cluster engine (issue 6) adds itself to ENGINES (with its marker) and must pass unchanged."""

import pytest

from portal.providers.filters import ProviderFilterSet
from portal.providers.models import Provider
from portal.providers.search import get_engine

pytestmark = pytest.mark.django_db

ENGINES = [pytest.param("database", id="database")]

CASES = [
    ({}, None),
    (
        {"q": "照料护理"},
        {"杭州市西湖区阳光社会工作服务中心", "宁波市海曙区同心社会工作服务社", "温州市鹿城区爱心照护服务中心"},
    ),
    ({"q": "社会工作服务", "region": "330100"}, {"杭州市西湖区阳光社会工作服务中心"}),
    ({"region": "330200"}, {"宁波市海曙区同心社会工作服务社", "宁波市社会救助指导中心"}),
    ({"type": "enterprise"}, {"杭州慧助信息科技有限公司"}),
    ({"status": "suspended"}, {"温州市鹿城区爱心照护服务中心"}),
    ({"grade": "none"}, {"宁波市海曙区同心社会工作服务社", "宁波市社会救助指导中心"}),
    ({"sort": "grade", "per_page": "10"}, None),
    ({"sort": "registered_desc"}, None),
]


@pytest.fixture(params=ENGINES)
def engine(request):
    return get_engine(request.param)


def params_for(data, page=1):
    filterset = ProviderFilterSet.bind(data, Provider.objects.all())
    return filterset, filterset.to_params(page=page)


@pytest.mark.parametrize("data,expected", CASES)
def test_engine_agrees_with_the_filterset(engine, directory, data, expected):
    filterset, params = params_for(data)
    reference = list(filterset.qs)
    result = engine.search(params)
    assert result.total == len(reference)
    assert [p.pk for p in result.providers] == [p.pk for p in reference[: params.per_page]]
    assert engine.matching_ids(params) == [p.pk for p in reference]
    if expected is not None:
        assert {p.name for p in result.providers} == expected


def test_facets_are_counted_without_their_own_filter(engine, directory):
    _filterset, params = params_for({"status": "active", "region": "330100"})
    result = engine.search(params)
    for status, count in result.facet_counts("status").items():
        _fs, other = params_for({"status": status, "region": "330100"})
        assert engine.search(other).total == count
    for city, count in result.facet_counts("city").items():
        _fs, other = params_for({"status": "active", "region": city})
        assert engine.search(other).total == count


def test_pages_do_not_overlap(engine, directory):
    _fs, first = params_for({"per_page": "10", "sort": "name"})
    all_ids = engine.matching_ids(first)
    assert [p.pk for p in engine.search(first).providers] == all_ids[:10]
