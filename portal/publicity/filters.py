"""The query-string contracts of the publicity listings (campaigns, materials, training courses):
audience, kind, mode, region, service, year and page. A value that cannot be understood is a 400,
never a silently empty list. Facet counts are disjunctive (portal.core.listings.facets)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from portal.core.listings import ListingFilterSet
from portal.core.listings.facets import ChoiceFacet, ValueFacet
from portal.reference import codes
from portal.reference.facets import CatalogueFacet, RegionFacet
from portal.reference.filters import RegionFilter, ServiceItemFilter
from portal.reference.models import Region

from .models.campaign import CampaignPage
from .models.common import Audience
from .models.material import MaterialKind, MaterialPage
from .models.training import TrainingCoursePage, TrainingMode

REGIONS = Region.objects.filter(level__lte=Region.Level.COUNTY)


class PublicityFilterSet(ListingFilterSet):
    """Region (a GB/T 2260 code: the province for province-wide items only, a city with its
    counties, a county), service item and year; subclasses add their own choices and name the
    date field the year is taken from (`date_field`)."""

    date_field = None

    region = RegionFilter(queryset=REGIONS, index_key="publicity-regions")
    service = ServiceItemFilter(field_name="service_items")
    year = django_filters.NumberFilter(label=_("年份"), min_value=1990, max_value=2100, method="filter_year")

    def filter_region(self, queryset, name, region):
        if region.level == Region.Level.PROVINCE:
            return queryset.filter(region__code=region.code)
        return queryset.filter(region__code__startswith=codes.prefix(region.code))

    def filter_year(self, queryset, name, value):
        return queryset.filter(**{f"{self.date_field}__year": int(value)})

    # The listing's own choice filters, shown as facets before region, service item and year.
    choice_facets = ()

    @classmethod
    def facets(cls):
        own = [
            ChoiceFacet(name, cls.base_filters[name].label, name, cls.base_filters[name].extra["choices"])
            for name in cls.choice_facets
        ]
        return [*own, RegionFacet(), CatalogueFacet(), ValueFacet("year", _("年份"), cls.date_field, transform="year")]


class CampaignFilterSet(PublicityFilterSet):
    date_field = "start_date"
    choice_facets = ("audience",)
    audience = django_filters.ChoiceFilter(label=_("宣传对象"), choices=Audience.choices)

    class Meta:
        model = CampaignPage
        fields = []


class MaterialFilterSet(PublicityFilterSet):
    date_field = "issued_on"
    choice_facets = ("kind", "audience")
    kind = django_filters.ChoiceFilter(label=_("资料类型"), choices=MaterialKind.choices)
    audience = django_filters.ChoiceFilter(label=_("适用对象"), choices=Audience.choices)

    class Meta:
        model = MaterialPage
        fields = []


class TrainingFilterSet(PublicityFilterSet):
    date_field = "starts_at"
    choice_facets = ("mode",)
    mode = django_filters.ChoiceFilter(label=_("培训形式"), choices=TrainingMode.choices)

    class Meta:
        model = TrainingCoursePage
        fields = []
