"""The query-string contract of the public register of handled cases: category, region (a city),
year received and keyword, with disjunctive facet counts (portal.core.listings)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from portal.core.listings import ListingFilterSet
from portal.core.listings.facets import ChoiceFacet, ValueFacet
from portal.reference import codes
from portal.reference.facets import RegionFacet
from portal.reference.filters import RegionFilter
from portal.reference.models import Region
from portal.search.segment import query_terms

from .models import Case, Category

MAX_QUERY_LENGTH = 100


class RegisterFilterSet(ListingFilterSet):
    q = django_filters.CharFilter(label=_("关键词"), method="filter_keyword")
    category = django_filters.ChoiceFilter(label=_("问题类别"), choices=Category.choices)
    region = RegionFilter(queryset=Region.objects.filter(level=Region.Level.CITY), index_key="cities")
    year = django_filters.NumberFilter(label=_("年度"), min_value=2000, max_value=2100, method="filter_year")

    class Meta:
        model = Case
        fields = []

    def filter_keyword(self, queryset, name, value):
        for term in query_terms(value.strip()[:MAX_QUERY_LENGTH]):
            queryset = queryset.filter(search_text__icontains=term)
        return queryset

    def filter_region(self, queryset, name, region):
        return queryset.filter(region__code__startswith=codes.prefix(region.code))

    def filter_year(self, queryset, name, value):
        return queryset.filter(received_at__year=int(value))

    @classmethod
    def facets(cls):
        return [
            ChoiceFacet("category", _("问题类别"), "category", Category.choices),
            RegionFacet(province=False),
            ValueFacet("year", _("年度"), "received_at", transform="year"),
        ]
