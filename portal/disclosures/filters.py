"""The public contract of the notice listing, its feed, its downloads and the read API: one
django-filter FilterSet, plus facet counts on the filtered result."""

import django_filters
from django.db.models import Count, Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from portal.search.segment import query_terms

from .models import Method, NoticeKind, NoticePage, ProcurementProjectPage, Region, ServiceItem, Stage
from .models.procurement import stage_expression

SORTS = {
    "newest": (_("发布日期（新到旧）"), ("-published_on", "-pk")),
    "oldest": (_("发布日期（旧到新）"), ("published_on", "pk")),
    "deadline": (_("截止时间（近到远）"), ("project__bid_deadline", "-published_on")),
    "budget_desc": (_("预算（高到低）"), ("-project__budget", "-published_on")),
    "budget_asc": (_("预算（低到高）"), ("project__budget", "-published_on")),
}


def base_queryset():
    return (
        NoticePage.objects.live()
        .public()
        .select_related("project", "region__parent__parent", "city")
        .annotate(stage_now=stage_expression("project__"))
    )


class NoticeFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("关键词"), method="filter_keyword")
    kind = django_filters.ChoiceFilter(label=_("公告类型"), choices=NoticeKind.choices)
    method = django_filters.ChoiceFilter(label=_("采购方式"), field_name="project__method", choices=Method.choices)
    stage = django_filters.ChoiceFilter(label=_("项目阶段"), choices=Stage.choices, field_name="stage_now")
    region = django_filters.ModelChoiceFilter(
        label=_("地区"),
        queryset=Region.objects.filter(level__in=[Region.Level.CITY, Region.Level.COUNTY]).select_related(
            "parent__parent"
        ),
        to_field_name="code",
        method="filter_region",
    )
    item = django_filters.ModelChoiceFilter(
        label=_("服务项目"), queryset=ServiceItem.objects.all(), method="filter_item"
    )
    purchaser = django_filters.CharFilter(label=_("采购人"), field_name="project__purchaser", lookup_expr="icontains")
    published_after = django_filters.DateFilter(label=_("发布日期起"), field_name="published_on", lookup_expr="gte")
    published_before = django_filters.DateFilter(label=_("发布日期止"), field_name="published_on", lookup_expr="lte")
    budget_min = django_filters.NumberFilter(label=_("预算下限（元）"), field_name="project__budget", lookup_expr="gte")
    budget_max = django_filters.NumberFilter(label=_("预算上限（元）"), field_name="project__budget", lookup_expr="lte")
    sort = django_filters.ChoiceFilter(
        label=_("排序"), choices=[(k, v[0]) for k, v in SORTS.items()], method="filter_sort", empty_label=None
    )

    class Meta:
        model = NoticePage
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Counties are shown with their city (杭州市西湖区), so that the list reads city → county.
        self.form.fields["region"].label_from_instance = lambda region: region.full_name

    def filter_keyword(self, queryset, name, value):
        for term in query_terms(value):
            queryset = queryset.filter(search_text__icontains=term)
        return queryset

    def filter_region(self, queryset, name, region):
        return queryset.filter(region__code__startswith=region.code_prefix)

    def filter_item(self, queryset, name, item):
        through = ProcurementProjectPage.service_items.through
        return queryset.filter(
            Exists(through.objects.filter(procurementprojectpage_id=OuterRef("project_id"), serviceitem=item))
        )

    def filter_sort(self, queryset, name, value):
        return queryset.order_by(*SORTS[value][1])

    @property
    def qs(self):
        queryset = super().qs
        if not self.form.cleaned_data.get("sort"):
            queryset = queryset.order_by(*SORTS["newest"][1])
        return queryset

    def error_message(self):
        parts = []
        for field, errors in self.errors.items():
            label = self.form.fields[field].label if field in self.form.fields else field
            parts.append(f"{label}：{'；'.join(errors)}")
        return _("筛选条件有误。") + " ".join(parts)


def facets(queryset, region=None):
    """Counts per facet value in the filtered result: kind, method, stage, region, service item
    (five aggregate queries whatever the size of the result). The region facet lists cities, or
    the counties of the city being filtered on."""
    qs = queryset.order_by()
    kinds = dict(NoticeKind.choices)
    methods = dict(Method.choices)
    stages = dict(Stage.choices)
    result = {
        "kind": [(k, kinds.get(k, k), n) for k, n in qs.values_list("kind").annotate(n=Count("pk")).order_by("kind")],
        "method": [
            (k, methods.get(k, k), n)
            for k, n in qs.values_list("project__method").annotate(n=Count("pk")).order_by("project__method")
        ],
        "stage": [
            (k, stages.get(k, k), n)
            for k, n in qs.values_list("stage_now").annotate(n=Count("pk")).order_by("stage_now")
        ],
        "region": _region_facet(qs, region),
        "item": [
            (str(pk), name, n)
            for pk, name, n in qs.filter(project__service_items__isnull=False)
            .values_list("project__service_items", "project__service_items__name")
            .annotate(n=Count("pk"))
            .order_by("project__service_items__sort_order", "project__service_items")
        ],
    }
    order = list(stages)
    result["stage"].sort(key=lambda row: order.index(row[0]) if row[0] in order else 99)
    return result


def _region_facet(qs, region):
    if region is not None:
        rows = qs.values_list("region__code", "region__name").annotate(n=Count("pk")).order_by("region__code")
    else:
        rows = qs.filter(city__isnull=False).values_list("city__code", "city__name")
        rows = rows.annotate(n=Count("pk")).order_by("city__code")
    return [(code, name, n) for code, name, n in rows]
