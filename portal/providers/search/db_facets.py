"""Facet counts and totals of the database registry engine from two grouped queries.

The keyword match (a LIKE over every provider's segmented text) is the expensive part of a search.
Instead of one keyword scan per facet, or loading a row per matching provider into Python, the
database groups the matching providers by (region, type, status, grade) — under two thousand groups
for the ten thousand providers of the large demo — and every facet except the service items, and
the total, is summed from those groups in one pass. The service-item facet (providers have several items) is one more query
grouped by item, with every other filter applied. Facet counts are disjunctive: each facet leaves
out its own filter (see RegistryResult)."""

from django.db.models import Count

from portal.reference import codes

from .base import NO_GRADE, FacetValue, RegistryParams
from .db_queries import filtered_queryset, keyword_q


def _provider_model():
    from portal.providers.models import Provider

    return Provider


def attribute_groups(params: RegistryParams):
    """(region code, type, status, grade, count) for the providers matching the keyword and the
    service-item filter (the filters the groups cannot tell apart); region, type, status and grade
    are applied in Python."""
    qs = _provider_model().objects.order_by()
    if params.q:
        qs = qs.filter(keyword_q(params.q)[0])
    if params.service_item:
        # One through row per (provider, item): the join does not repeat providers.
        qs = qs.filter(service_items=params.service_item)
    return list(
        qs.values("region__code", "provider_type", "status", "latest_grade")
        .annotate(n=Count("pk"))
        .values_list("region__code", "provider_type", "status", "latest_grade", "n")
    )


def service_counts(params: RegistryParams):
    """Matching providers per service item, every filter applied but the service item's own."""
    through = _provider_model().service_items.through
    matching = filtered_queryset(params, without=("service",)).order_by().values("pk")
    rows = (
        through.objects.filter(provider__in=matching)
        .order_by()
        .values("serviceitem_id")
        .annotate(n=Count("provider_id"))
        .values_list("serviceitem_id", "n")
    )
    return {str(item): n for item, n in rows}


def _values(counts):
    return [FacetValue(value, n) for value, n in sorted(counts.items()) if n]


def _add(counts, value, n):
    counts[value] = counts.get(value, 0) + n


def city_code_of(region_code):
    """The selected city's four-digit prefix ("" when no city or county is selected)."""
    return codes.city_prefix(region_code)


def count_all(params: RegistryParams, region_prefix):
    """(total, facets) for `params`: facet name -> [FacetValue] sorted by value."""
    prefix = region_prefix(params.region_code) if params.region_code else ""
    city_code = city_code_of(params.region_code)
    wanted_type, wanted_status, wanted_grade = params.provider_type, params.status, params.grade
    if wanted_grade == NO_GRADE:
        wanted_grade = None
    total = 0
    cities, counties, types, statuses, grades = {}, {}, {}, {}, {}
    for region, provider_type, status, grade, n in attribute_groups(params):
        region = region or ""
        # Whether the group passes each filter (an absent filter passes everything).
        region_ok = not prefix or region.startswith(prefix)
        type_ok = not wanted_type or provider_type == wanted_type
        status_ok = not wanted_status or status == wanted_status
        grade_ok = not params.grade or grade == wanted_grade
        if type_ok and status_ok and grade_ok:
            if region_ok:
                total += n
            if region:
                _add(cities, codes.city_level_code(region), n)
                if city_code and region.startswith(city_code):
                    _add(counties, region[:6], n)
        if region_ok and status_ok and grade_ok:
            _add(types, provider_type, n)
        if region_ok and type_ok and grade_ok:
            _add(statuses, status, n)
        if region_ok and type_ok and status_ok:
            _add(grades, grade or NO_GRADE, n)
    facets = {
        "city": _values(cities),
        "county": _values(counties),
        "service": _values(service_counts(params)),
        "provider_type": _values(types),
        "status": _values(statuses),
        "grade": _values(grades),
    }
    return total, facets
