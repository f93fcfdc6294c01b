"""The public contract of the evaluation index, its downloads and the read API: one FilterSet,
plus facet counts on the filtered result."""

import django_filters
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from ..models import EvaluationResultPage, Grade, Region, ServiceItem

GRADE_ORDER = [g.value for g in Grade]


def base_queryset():
    return (
        EvaluationResultPage.objects.live()
        .public()
        .select_related("region__parent__parent", "city", "service_item", "scheme", "project")
    )


class EvaluationFilterSet(django_filters.FilterSet):
    region = django_filters.ModelChoiceFilter(
        label=_("地区"),
        queryset=Region.objects.filter(level__in=[Region.Level.CITY, Region.Level.COUNTY]).select_related(
            "parent__parent"
        ),
        to_field_name="code",
        method="filter_region",
    )
    item = django_filters.ModelChoiceFilter(
        label=_("服务项目"), field_name="service_item", queryset=ServiceItem.objects.all()
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


def facets(queryset, region=None):
    """Counts per grade, year, region (cities, or the counties of the filtered city) and service
    item in the filtered result: four aggregate queries whatever its size."""
    qs = queryset.order_by()
    grades = dict(Grade.choices)
    grade_rows = dict(qs.values_list("grade").annotate(n=Count("pk")).values_list("grade", "n"))
    if region is not None:
        regions = qs.values_list("region__code", "region__name").annotate(n=Count("pk")).order_by("region__code")
    else:
        regions = (
            qs.filter(city__isnull=False)
            .values_list("city__code", "city__name")
            .annotate(n=Count("pk"))
            .order_by("city__code")
        )
    return {
        "grade": [(g, grades[g], grade_rows[g]) for g in GRADE_ORDER if grade_rows.get(g)],
        "year": [(str(y), str(y), n) for y, n in qs.values_list("year").annotate(n=Count("pk")).order_by("-year")],
        "region": [(code, name, n) for code, name, n in regions],
        "item": [
            (str(pk), name, n)
            for pk, name, n in qs.filter(service_item__isnull=False)
            .values_list("service_item", "service_item__name")
            .annotate(n=Count("pk"))
            .order_by("service_item__sort_order", "service_item")
        ],
    }
