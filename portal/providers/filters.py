"""The directory's public contract: these query parameters, validated by a django-filter FilterSet.
`ProviderFilterSet.qs` filters with the ORM (exports); `to_params()` hands the same validated values
to whichever registry search engine is configured (the page itself)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from portal.core import caching
from portal.core.listings import ListingFilterSet
from portal.providers.search import NO_GRADE, RegistryParams
from portal.providers.search.db_queries import filter_conditions, ordered
from portal.reference.models import Region, ServiceItem

from .models import Grade, Provider, ProviderStatus, ProviderType

SORT_CHOICES = [
    ("relevance", _("相关度")),
    ("name", _("名称")),
    ("grade", _("最近评价等次")),
    ("registered_desc", _("登记日期（新到旧）")),
    ("registered_asc", _("登记日期（旧到新）")),
]
PER_PAGE_CHOICES = [("10", "10"), ("20", "20"), ("50", "50"), ("100", "100")]
DEFAULT_PER_PAGE = 20
MAX_QUERY_LENGTH = 100
GRADE_CHOICES = [*Grade.choices, (NO_GRADE, _("未评价"))]


class RegionChoiceField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name

    def to_python(self, value):
        """The region with this code. Valid codes are remembered in the fragment cache (purged with
        every content change, Region saves included), so a repeated directory request does not
        look the region up again."""
        lookup = super().to_python  # raises ValidationError for an unknown code
        plain_code = isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 12
        if not plain_code:
            return lookup(value)
        return caching.remember("providers:region-choice", (value,), lambda: lookup(value))


class RegionFilter(django_filters.ModelChoiceFilter):
    field_class = RegionChoiceField


# Callables, not querysets: a FilterSet deep-copies its filters for every request, and copying a
# queryset copies its whole SQL query tree.
def _filter_regions(request):
    return Region.objects.filter(level__lte=Region.Level.COUNTY)


def _service_items(request):
    return ServiceItem.objects.all()


class ProviderFilterSet(ListingFilterSet):
    q = django_filters.CharFilter(label=_("关键词"), method="filter_noop", max_length=MAX_QUERY_LENGTH)
    region = RegionFilter(
        label=_("地区"),
        queryset=_filter_regions,
        to_field_name="code",
        method="filter_noop",
    )
    service = django_filters.ModelChoiceFilter(label=_("服务项目"), queryset=_service_items, method="filter_noop")
    type = django_filters.ChoiceFilter(label=_("主体类型"), choices=ProviderType.choices, method="filter_noop")
    status = django_filters.ChoiceFilter(label=_("状态"), choices=ProviderStatus.choices, method="filter_noop")
    grade = django_filters.ChoiceFilter(label=_("最近评价等次"), choices=GRADE_CHOICES, method="filter_noop")
    sort = django_filters.ChoiceFilter(label=_("排序"), choices=SORT_CHOICES, method="filter_noop")
    per_page = django_filters.ChoiceFilter(label=_("每页条数"), choices=PER_PAGE_CHOICES, method="filter_noop")

    class Meta:
        model = Provider
        fields = []

    def filter_noop(self, queryset, name, value):
        # Filtering happens once for all parameters in filter_queryset (the same conditions the
        # database engine applies), so every consumer of the FilterSet filters identically.
        return queryset

    def filter_queryset(self, queryset):
        params = self.to_params()
        for condition in filter_conditions(params).values():
            queryset = queryset.filter(condition)
        if params.service_item:
            queryset = queryset.distinct()
        return ordered(queryset, params)

    def to_params(self, page=1):
        data = self.form.cleaned_data
        region = data.get("region")
        service = data.get("service")
        return RegistryParams(
            q=(data.get("q") or "").strip(),
            region_code=region.code if region else "",
            service_item=service.pk if service else None,
            provider_type=data.get("type") or "",
            status=data.get("status") or "",
            grade=data.get("grade") or "",
            sort=data.get("sort") or "",
            page=page,
            per_page=int(data.get("per_page") or DEFAULT_PER_PAGE),
        )

    @property
    def is_filtered(self):
        return any(self.form.cleaned_data.get(name) for name in ("q", "region", "service", "type", "status", "grade"))
