"""The public contract of the evaluation index, its downloads and the read API: one FilterSet,
plus facet counts on the filtered result."""

from collections import Counter

import django_filters
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from portal.core.pages import exclude_restricted
from portal.disclosures.filters import REGION_CHOICES, LeanFilterSetMixin, ReferenceChoiceFilter
from portal.evaluations.models import EvaluationResultPage
from portal.providers.models import Grade
from portal.reference.models import ServiceItem

GRADE_ORDER = [g.value for g in Grade]


def base_queryset():
    return (
        EvaluationResultPage.objects.live()
        .public()
        .select_related("region__parent__parent", "city", "service_item", "scheme", "project")
    )


class EvaluationFilterSet(LeanFilterSetMixin, django_filters.FilterSet):
    region = ReferenceChoiceFilter(
        label=_("地区"),
        queryset=REGION_CHOICES,
        index_key="cities-and-counties",
        to_field_name="code",
        method="filter_region",
    )
    item = ReferenceChoiceFilter(
        label=_("服务项目"), field_name="service_item", queryset=ServiceItem.objects.all(), index_key="service-items"
    )
    provider = django_filters.CharFilter(label=_("承接主体（名称或信用代码）"), method="filter_provider")
    year = django_filters.NumberFilter(label=_("评价年度"), field_name="year", min_value=2000, max_value=2100)
    grade = django_filters.ChoiceFilter(label=_("评价等次"), choices=Grade.choices)

    class Meta:
        model = EvaluationResultPage
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["region"].label_from_instance = lambda region: region.full_name

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

    def error_message(self):
        parts = []
        for field, errors in self.errors.items():
            label = self.form.fields[field].label if field in self.form.fields else field
            parts.append(f"{label}：{'；'.join(errors)}")
        return _("筛选条件有误。") + " ".join(parts)


def listing_queryset():
    """The live public results with only the relations the index page shows (base_queryset also
    joins scheme, project and city for the downloads and the API)."""
    return exclude_restricted(EvaluationResultPage.objects.live()).select_related(
        "region__parent__parent", "service_item"
    )


def facets(queryset, region=None):
    """Counts per grade, year, region (cities, or the counties of the filtered city) and service
    item in the filtered result, and the result's size: one grouped query whatever its size (every
    facet is a single-valued column, so each result falls in exactly one group)."""
    place = ("region__code", "region__name") if region is not None else ("city__code", "city__name")
    rows = (
        queryset.order_by()
        .values_list("grade", "year", *place, "service_item", "service_item__name", "service_item__sort_order")
        .annotate(n=Count("pk"))
    )
    grades, years, places, items = Counter(), Counter(), {}, {}
    total = 0
    for grade, year, code, name, item, item_name, sort_order, n in rows:
        total += n
        grades[grade] += n
        years[year] += n
        if code is not None:
            places.setdefault(code, [name, 0])[1] += n
        if item is not None:
            items.setdefault((sort_order, item), [item_name, 0])[1] += n
    labels = {k: str(v) for k, v in Grade.choices}  # plain strings: the counts are cached
    return {
        "total": total,
        "grade": [(g, labels[g], grades[g]) for g in GRADE_ORDER if grades.get(g)],
        "year": [(str(y), str(y), years[y]) for y in sorted(years, reverse=True)],
        "region": [(code, name, n) for code, (name, n) in sorted(places.items())],
        "item": [(str(key[1]), name, n) for key, (name, n) in sorted(items.items())],
    }
