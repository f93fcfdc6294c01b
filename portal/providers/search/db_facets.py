"""Facet counts and totals of the database registry engine, on the listings' facet engine
(portal.core.listings.facets): disjunctive, each facet counted over the other filters.

The keyword match (a LIKE over every provider's segmented text) is the expensive part of a search.
Instead of one keyword scan per facet, the database groups the matching providers by (region, type,
status, grade) — under two thousand groups for the ten thousand providers of the large demo — and
every facet except the service items, and the total, is summed from those groups; the service-item
facet (providers have several items) is one more query grouped by item, with every other filter
applied. The results are the FacetValue lists the cluster engine's aggregations give too."""

from django.db.models import Count

from portal.core.listings.facets import Facet, FacetOption, ValueFacet, compute
from portal.reference import codes

from .base import NO_GRADE, FacetValue, RegistryParams
from .db_queries import _provider_model, filtered_queryset


class _RegionFacet(Facet):
    """The region parameter (a province, city or county code: providers within it). The city and
    county facets both answer to it, so neither filters the other."""

    def __init__(self, prefix):
        super().__init__("region", "", "region__code")
        self.prefix = prefix

    def matches(self, row):
        return (row["region__code"] or "").startswith(self.prefix)

    def build(self, counts):
        self.options = [FacetOption(value, value, n) for value, n in sorted(counts.items()) if n]


class CityFacet(_RegionFacet):
    def key(self, row):
        return codes.city_level_code(row["region__code"]) if row["region__code"] else None

    def counts_from_rows(self, rows):
        counts = super().counts_from_rows(rows)
        counts.pop(None, None)
        return counts


class CountyFacet(_RegionFacet):
    """The counties of the chosen city (none until a city or county is chosen)."""

    def __init__(self, prefix, city_code):
        super().__init__(prefix)
        self.city_code = city_code

    def counts_from_rows(self, rows):
        counts = {}
        if not self.city_code:
            return counts
        for row in rows:
            region = row["region__code"] or ""
            if region.startswith(self.city_code):
                counts[region[:6]] = counts.get(region[:6], 0) + row["n"]
        return counts


class GradeFacet(ValueFacet):
    """The latest grade, NO_GRADE for providers not evaluated yet."""

    def key(self, row):
        return row[self.column] or NO_GRADE


class ServiceFacet(Facet):
    """Matching providers per service item (a many-to-many relation), in one query."""

    scalar = False

    def __init__(self):
        super().__init__("service", "", "service_items")

    def count_and_build(self, queryset):
        through = _provider_model().service_items.through
        rows = (
            through.objects.filter(provider__in=queryset.order_by().values("pk"))
            .order_by()
            .values("serviceitem_id")
            .annotate(n=Count("provider_id"))
            .values_list("serviceitem_id", "n")
        )
        self.options = [FacetOption(str(item), str(item), n) for item, n in sorted(rows, key=lambda r: str(r[0])) if n]


def count_all(params: RegistryParams, region_prefix):
    """(total, facets) for `params`: facet name -> [FacetValue] sorted by value."""
    prefix = region_prefix(params.region_code) if params.region_code else ""
    facets = {
        "city": CityFacet(prefix),
        "county": CountyFacet(prefix, codes.city_prefix(params.region_code)),
        "service": ServiceFacet().select(params.service_item),
        "provider_type": ValueFacet("provider_type", "", reverse=False).select(params.provider_type),
        "status": ValueFacet("status", "", reverse=False).select(params.status),
        "grade": GradeFacet("grade", "", "latest_grade", reverse=False).select(params.grade),
    }
    for facet in (facets["city"], facets["county"]):
        facet.select(params.region_code)
    total = compute(list(facets.values()), lambda names: filtered_queryset(params, without=names))
    return total, {
        name: [FacetValue(o.value, o.count) for o in facet.options if o.count] for name, facet in facets.items()
    }
