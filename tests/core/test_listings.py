"""The listing framework (portal.core.listings): one facet semantics (disjunctive) from a bounded
number of grouped queries, one error path, facet links that keep the other filters."""

import django_filters
import pytest
from django.core.exceptions import BadRequest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from portal.core.listings import ListingFilterSet
from portal.core.listings.facets import ChoiceFacet, RelatedFacet, ValueFacet, compute
from portal.core.listings.querystring import facet_links
from portal.reference.models import Region

pytestmark = pytest.mark.django_db


class RegionFilterSet(ListingFilterSet):
    level = django_filters.ChoiceFilter(choices=Region.Level.choices)
    parent = django_filters.CharFilter(field_name="parent__code", label="上级")
    depth = django_filters.NumberFilter(field_name="level", lookup_expr="gte", label="最低级别")

    class Meta:
        model = Region
        fields = []


def _facets(filterset):
    facets = [
        ChoiceFacet("level", "级别", "level", Region.Level.choices),
        ValueFacet("parent", "上级", "parent__code", reverse=False),
    ]
    for facet in facets:
        facet.select(filterset.form.cleaned_data.get(facet.name))
    return facets


def _count(params, queryset):
    filterset = RegionFilterSet.bind(QueryDict(params), queryset)
    facets = _facets(filterset)
    with CaptureQueriesContext(connection) as queries:
        total = compute(facets, lambda names: filterset.filter_except(queryset, names))
    return total, {f.name: {o.value: o.count for o in f.options if o.count} for f in facets}, len(queries)


def test_facets_are_counted_over_the_other_filters_in_one_query(regions):
    queryset = Region.objects.filter(code__startswith="33", level__lte=3)
    cities = queryset.filter(level=2).count()
    hangzhou_counties = queryset.filter(level=3, parent__code="330100").count()
    assert cities > 1 and hangzhou_counties > 1

    total, counts, queries = _count("", queryset)
    assert total == queryset.count() and queries == 1
    assert counts["level"] == {"1": 1, "2": cities, "3": queryset.filter(level=3).count()}

    # Choosing the county level: the level facet still shows every level (its own filter left
    # out), the parent facet counts counties only.
    total, counts, queries = _count("level=3", queryset)
    assert total == queryset.filter(level=3).count() and queries == 1
    assert counts["level"]["2"] == cities
    assert counts["parent"]["330100"] == hangzhou_counties
    assert "330000" not in counts["parent"]  # the cities (children of the province) are not counties

    # Both chosen: each facet follows the other one only.
    total, counts, _queries = _count("level=3&parent=330100", queryset)
    assert total == hangzhou_counties
    assert counts["level"] == {"3": hangzhou_counties}
    assert counts["parent"]["330200"] == queryset.filter(level=3, parent__code="330200").count()


def test_a_many_valued_facet_counts_in_a_query_of_its_own(regions):
    from portal.reference.models import ServiceItem

    item = ServiceItem.objects.first()
    facet = RelatedFacet("item", "服务项目", "service_items")
    facet.select(item)
    # Over no providers: the chosen item is still an option (to remove it), with no results.
    with CaptureQueriesContext(connection) as queries:
        facet.count_and_build(_providers_queryset().filter(pk=-1))
    assert len(queries) == 1
    assert [(o.value, o.count, o.selected) for o in facet.options] == [(str(item.pk), 0, True)]


def _providers_queryset():
    from portal.providers.models import Provider

    return Provider.objects.all()


def test_bad_parameters_give_one_clear_error(regions):
    with pytest.raises(BadRequest) as error:
        RegionFilterSet.bind(QueryDict("level=9&depth=abc"), Region.objects.all())
    message = str(error.value)
    assert message.startswith("查询参数有误：") and "层级：" in message and "最低级别：" in message


def test_facet_links_keep_the_other_filters_and_a_second_click_removes():
    from portal.core.listings.facets import FacetOption

    query = QueryDict("q=照料&kind=tender")
    options = [
        FacetOption("tender", "招标", 3, True),
        FacetOption("result", "结果", 2),
        FacetOption("award", "成交", 0),
    ]
    links = facet_links(query, options, "kind")
    assert [link["value"] for link in links] == ["tender", "result"]  # no link to an empty result
    assert links[0]["url"] == "?q=%E7%85%A7%E6%96%99"
    assert links[1]["url"] == "?q=%E7%85%A7%E6%96%99&kind=result"


def test_reference_choices_are_looked_up_once_with_fragments_on(regions, settings):
    from django.core.cache import cache

    from portal.disclosures.filters import NoticeFilterSet

    settings.FRAGMENT_CACHE_SECONDS = 300
    cache.clear()
    NoticeFilterSet.bind(QueryDict("region=330106"), Region.objects.none())
    with CaptureQueriesContext(connection) as queries:
        filterset = NoticeFilterSet.bind(QueryDict("region=330106"), Region.objects.none())
    assert len(queries) == 0 and filterset.form.cleaned_data["region"].full_name == "杭州市西湖区"
    for nonsense in ("999999", "abc", "9" * 40):
        with pytest.raises(BadRequest):
            NoticeFilterSet.bind(QueryDict(f"region={nonsense}"), Region.objects.none())
