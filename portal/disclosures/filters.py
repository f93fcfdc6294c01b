"""The public contract of the notice listing, its feed, its downloads and the read API: one
django-filter FilterSet, plus facet counts on the filtered result."""

import copy
from collections import Counter

import django_filters
from django.db.models import Count, Exists, OuterRef
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from portal.core.filtersets import FormClassOnceMixin
from portal.core.forms import DateInput
from portal.core.page_cache import fragment_seconds, generation
from portal.core.pages import exclude_restricted
from portal.reference.models import Region, ServiceItem
from portal.search.segment import query_terms

from .models import Method, NoticeKind, NoticePage, ProcurementProjectPage, Stage
from .models.procurement import stage_expression

SORTS = {
    # page_ptr_id (the pk's own column, not the joined wagtailcore_page.id) so that the newest
    # first page is read from the (published_on, page_ptr) index.
    "newest": (_("发布日期（新到旧）"), ("-published_on", "-page_ptr_id")),
    "oldest": (_("发布日期（旧到新）"), ("published_on", "page_ptr_id")),
    # The last key breaks ties, so that pages do not overlap.
    "deadline": (_("截止时间（近到远）"), ("project__bid_deadline", "-published_on", "-page_ptr_id")),
    "budget_desc": (_("预算（高到低）"), ("-project__budget", "-published_on", "-page_ptr_id")),
    "budget_asc": (_("预算（低到高）"), ("project__budget", "-published_on", "-page_ptr_id")),
}


class LeanFilterSetMixin(FormClassOnceMixin):
    """A FilterSet without django-filter's per-request overhead, which is most of the cost of
    validating a listing's query string: the filters are copied shallowly (they keep no
    per-request state; the default deep copy also copies every choice list and queryset) and the
    form class is built once per FilterSet class (each form still copies its fields)."""

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        if queryset is None:
            queryset = self._meta.model._default_manager.all()
        self.is_bound = data is not None
        self.data = data or QueryDict()
        self.queryset = queryset
        self.request = request
        self.form_prefix = prefix
        self.filters = {name: copy.copy(filter_) for name, filter_ in self.base_filters.items()}
        for filter_ in self.filters.values():
            filter_.model = queryset.model
            filter_.parent = self
            if filter_.method is not None:
                filter_.method = filter_.method  # bind the copy's FilterMethod to the copy


class ReferenceChoiceField(django_filters.fields.ModelChoiceField):
    """A model choice (region, service item) validated against an in-process index of the
    reference rows (named `index_key`), rebuilt when the content generation changes, instead of
    one query per request. Values not in the index are looked up in the database as before (and
    rejected there); with fragment caching off (tests) every value is."""

    _indexes = {}

    def __init__(self, *args, index_key, **kwargs):
        self.index_key = index_key
        super().__init__(*args, **kwargs)

    def _index(self):
        current = generation()
        cached = ReferenceChoiceField._indexes.get(self.index_key)
        if cached is None or cached[0] != current:
            attribute = self.to_field_name or "pk"
            cached = (current, {str(getattr(obj, attribute)): obj for obj in self.queryset.all()})
            ReferenceChoiceField._indexes[self.index_key] = cached
        return cached[1]

    def to_python(self, value):
        if value in self.empty_values or isinstance(value, self.queryset.model) or fragment_seconds() <= 0:
            return super().to_python(value)
        found = self._index().get(str(value))
        return found if found is not None else super().to_python(value)


class ReferenceChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = ReferenceChoiceField


REGION_CHOICES = Region.objects.filter(level__in=[Region.Level.CITY, Region.Level.COUNTY]).select_related(
    "parent__parent"
)


def base_queryset():
    return (
        NoticePage.objects.live()
        .public()
        .select_related("project", "region__parent__parent", "city")
        .annotate(stage_now=stage_expression("project__"))
    )


# The columns a listing card shows (views.cards.render_card): a narrower SELECT compiles and
# loads faster than the pages' 120 columns.
CARD_FIELDS = (
    "title",
    "url_path",
    "kind",
    "published_on",
    "late_working_days",
    "supplier_name",
    "amount",
    "region__name",
    "project__purchaser",
    "project__method",
    "project__budget",
    "project__bid_deadline",
    "project__awarded_on",
    "project__contracted_on",
    "project__terminated_on",
)


def listing_queryset():
    """The notices as the listing page shows them: with their project (an inner join: every live
    notice hangs below its project, and the budget and deadline sorts then walk the project
    indexes) and region, not the region chain and city that the downloads and the API need, and
    only the columns the cards show. The stage is annotated only where it is filtered or counted
    on (the cards compute it from the project: a CASE in the page query costs more to compile
    than to evaluate in Python)."""
    return (
        exclude_restricted(NoticePage.objects.live())
        .filter(project__isnull=False)
        .select_related("project", "region")
        .only(*CARD_FIELDS)
    )


class NoticeFilterSet(LeanFilterSetMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("关键词"), method="filter_keyword")
    kind = django_filters.ChoiceFilter(label=_("公告类型"), choices=NoticeKind.choices)
    method = django_filters.ChoiceFilter(label=_("采购方式"), field_name="project__method", choices=Method.choices)
    stage = django_filters.ChoiceFilter(label=_("项目阶段"), choices=Stage.choices, method="filter_stage")
    region = ReferenceChoiceFilter(
        label=_("地区"),
        queryset=REGION_CHOICES,
        index_key="cities-and-counties",
        to_field_name="code",
        method="filter_region",
    )
    item = ReferenceChoiceFilter(
        label=_("服务项目"), queryset=ServiceItem.objects.all(), index_key="service-items", method="filter_item"
    )
    purchaser = django_filters.CharFilter(label=_("采购人"), field_name="project__purchaser", lookup_expr="icontains")
    published_after = django_filters.DateFilter(
        label=_("发布日期起"), field_name="published_on", lookup_expr="gte", widget=DateInput
    )
    published_before = django_filters.DateFilter(
        label=_("发布日期止"), field_name="published_on", lookup_expr="lte", widget=DateInput
    )
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

    def filter_stage(self, queryset, name, value):
        return with_stage(queryset).filter(stage_now=value)

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
    """Counts per facet value in the filtered result, and the result's size: kind, method, stage
    and region in one grouped query (each notice falls in exactly one group), the service items
    (many per project) in a second one, whatever the size of the result. The region facet lists
    cities, or the counties of the city being filtered on."""
    qs = with_stage(queryset.order_by())
    place = ("region__code", "region__name") if region is not None else ("city__code", "city__name")
    rows = qs.values_list("kind", "project__method", "stage_now", *place).annotate(n=Count("pk"))
    kinds, methods, stages, places = Counter(), Counter(), Counter(), {}
    total = 0
    for kind, method, stage, code, name, n in rows:
        total += n
        kinds[kind] += n
        methods[method] += n
        stages[stage] += n
        if code is not None:
            places.setdefault(code, [name, 0])[1] += n
    # Plain strings (not lazy translations): the counts are cached, and unpickling a lazy string
    # costs more than translating it.
    kind_labels = {k: str(v) for k, v in NoticeKind.choices}
    method_labels = {k: str(v) for k, v in Method.choices}
    stage_labels = {k: str(v) for k, v in Stage.choices}
    order = list(stage_labels)
    items = (
        queryset.order_by()
        .filter(project__service_items__isnull=False)
        .values_list("project__service_items", "project__service_items__name")
        .annotate(n=Count("pk"))
        .order_by("project__service_items__sort_order", "project__service_items")
    )
    return {
        "total": total,
        "kind": [(k, kind_labels.get(k, k), kinds[k]) for k in sorted(kinds, key=_none_first)],
        "method": [(m, method_labels.get(m, m), methods[m]) for m in sorted(methods, key=_none_first)],
        "stage": [
            (s, stage_labels.get(s, s), stages[s])
            for s in sorted(stages, key=lambda s: order.index(s) if s in order else 99)
        ],
        "region": [(code, name, n) for code, (name, n) in sorted(places.items())],
        "item": [(str(pk), name, n) for pk, name, n in items],
    }


def with_stage(queryset):
    """`queryset` with each notice's project stage as `stage_now` (once)."""
    if "stage_now" in queryset.query.annotations:
        return queryset
    return queryset.annotate(stage_now=stage_expression("project__"))


def _none_first(value):
    return (value is not None, value or "")
