"""The public contract of the notice listing, its feed, its downloads and the read API: one
django-filter FilterSet, plus facet counts on the filtered result."""

import django_filters
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from portal.core.forms import DateInput
from portal.core.listings import ListingFilterSet
from portal.core.listings.facets import ChoiceFacet, RelatedFacet
from portal.core.pages import exclude_restricted
from portal.reference.facets import LocalityFacet
from portal.reference.filters import RegionFilter, ServiceItemFilter
from portal.reference.models import Region
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


class NoticeFilterSet(ListingFilterSet):
    q = django_filters.CharFilter(label=_("关键词"), method="filter_keyword")
    kind = django_filters.ChoiceFilter(label=_("公告类型"), choices=NoticeKind.choices)
    method = django_filters.ChoiceFilter(label=_("采购方式"), field_name="project__method", choices=Method.choices)
    stage = django_filters.ChoiceFilter(label=_("项目阶段"), choices=Stage.choices, method="filter_stage")
    region = RegionFilter(queryset=REGION_CHOICES, index_key="cities-and-counties", full_names=True)
    item = ServiceItemFilter(method="filter_item")
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

    @classmethod
    def facets(cls):
        """The listing's facets (disjunctive, portal.core.listings.facets): kind, stage, method and place
        from one grouped query, the service items (many per project) from a second one."""
        return [
            ChoiceFacet("kind", _("公告类型"), "kind", NoticeKind.choices),
            ChoiceFacet("stage", _("项目阶段"), "stage_now", Stage.choices),
            ChoiceFacet("method", _("采购方式"), "project__method", Method.choices),
            LocalityFacet(),
            RelatedFacet("item", _("服务项目"), "project__service_items", order=("sort_order", "pk")),
        ]

    def filter_except(self, queryset, names=()):
        # The stage facet groups by the stage, so the counted querysets carry it.
        return with_stage(super().filter_except(queryset, names))


def with_stage(queryset):
    """`queryset` with each notice's project stage as `stage_now` (once)."""
    if "stage_now" in queryset.query.annotations:
        return queryset
    return queryset.annotate(stage_now=stage_expression("project__"))
