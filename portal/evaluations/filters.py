"""The public contract of the evaluation index, its downloads and the read API: one FilterSet,
plus facet counts on the filtered result."""

import django_filters
from django.utils.translation import gettext_lazy as _

from portal.core.listings import ListingFilterSet
from portal.core.listings.facets import ChoiceFacet, ValueFacet
from portal.core.pages import exclude_restricted
from portal.disclosures.filters import REGION_CHOICES
from portal.evaluations.models import EvaluationResultPage
from portal.providers.models import Grade
from portal.reference.facets import LocalityFacet, ServiceItemFacet
from portal.reference.filters import RegionFilter, ServiceItemFilter


def base_queryset():
    return (
        EvaluationResultPage.objects.live()
        .public()
        .select_related("region__parent__parent", "city", "service_item", "scheme", "project")
    )


class EvaluationFilterSet(ListingFilterSet):
    region = RegionFilter(queryset=REGION_CHOICES, index_key="cities-and-counties", full_names=True)
    item = ServiceItemFilter(field_name="service_item")
    provider = django_filters.CharFilter(label=_("承接主体（名称或信用代码）"), method="filter_provider")
    year = django_filters.NumberFilter(label=_("评价年度"), field_name="year", min_value=2000, max_value=2100)
    grade = django_filters.ChoiceFilter(label=_("评价等次"), choices=Grade.choices)

    class Meta:
        model = EvaluationResultPage
        fields = []

    def filter_region(self, queryset, name, region):
        return queryset.filter(region__code__startswith=region.code_prefix)

    def filter_provider(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        if len(value) == 18 and value.isalnum():
            return queryset.filter(provider_credit_code=value.upper())
        return queryset.filter(provider_name__icontains=value)

    @property
    def qs(self):
        return super().qs.order_by("-evaluated_on", "-pk")

    @classmethod
    def facets(cls):
        """Grade, year, place and service item: every one a single-valued column, so all are
        counted from one grouped query (disjunctive, portal.core.listings.facets)."""
        return [
            ChoiceFacet("grade", _("评价等次"), "grade", Grade.choices),
            ValueFacet("year", _("评价年度"), "year"),
            LocalityFacet(),
            ServiceItemFacet("item", _("服务项目"), "service_item"),
        ]


def listing_queryset():
    """The live public results with only the relations the index page shows (base_queryset also
    joins scheme, project and city for the downloads and the API)."""
    return exclude_restricted(EvaluationResultPage.objects.live()).select_related(
        "region__parent__parent", "service_item"
    )
