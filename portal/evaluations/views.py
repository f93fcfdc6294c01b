"""The public evaluation index at /disclosures/evaluations/ and its CSV/XLSX downloads."""

from django.shortcuts import render
from django.template.loader import get_template
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from portal.core.listings.listing import Listing
from portal.core.listings.tabular import tabular_response
from portal.disclosures.views.cards import page_fragments
from portal.disclosures.views.fragments import filter_sidebar
from portal.evaluations.filters import EvaluationFilterSet, base_queryset, listing_queryset

PER_PAGE = 20
EXPORT_LIMIT = 20000


def filtered_evaluations(params, request=None, queryset=None):
    """The FilterSet bound to the query parameters; bad parameters give a 400."""
    return EvaluationFilterSet.bind(params, base_queryset() if queryset is None else queryset, request)


def row_renderer(request):
    """A function rendering one table row of the index (templates/disclosures/includes/evaluation_row.html)."""
    template = get_template("evaluations/includes/evaluation_row.html")
    # The column names of the index table (as in its header), translated once per page.
    labels = {"item": _("服务项目"), "region": _("地区"), "year": _("年度"), "score": _("综合得分"), "grade": _("等次")}
    return lambda result: template.render({"result": result, "url": result.get_url(request=request), "labels": labels})


def evaluation_list(request):
    listing = Listing(
        request,
        EvaluationFilterSet,
        listing_queryset(),
        EvaluationFilterSet.facets(),
        page_size=PER_PAGE,
        cache="evaluations:facets",
    )
    # Links built only when drawn: the sidebar holding them is usually a cached fragment.
    facet_groups = SimpleLazyObject(listing.facet_groups)
    filters_html = filter_sidebar(
        "evaluation", listing.key, listing.filterset, facet_groups, reverse("evaluations:evaluation_list")
    )
    rows, results = page_fragments(
        "evaluation-row", listing.filterset.qs, listing.page_obj, row_renderer(request), ids_key=listing.key
    )
    context = {
        **listing.context(),
        "filters_html": filters_html,
        "results": results,
        "rows": rows,
        "facet_groups": facet_groups,
        "noindex": bool(request.GET),
        "crumbs": [(_("绩效评价"), None)],
    }
    return render(request, "evaluations/evaluation_list.html", context)


HEADER = [
    "评价年度",
    "评价期开始",
    "评价期结束",
    "评价日期",
    "承接主体",
    "统一社会信用代码",
    "地区",
    "服务项目",
    "项目编号",
    "第三方评价机构",
    "评价方案",
    "购买主体评分",
    "购买主体权重（%）",
    "服务对象满意度（%）",
    "满意度权重（%）",
    "调查样本量",
    "调查方式",
    "第三方评分",
    "第三方权重（%）",
    "服务成效",
    "项目管理",
    "社会影响",
    "综合得分",
    "评价等次",
    "链接",
]


def export_rows(request, queryset):
    yield [_(h) for h in HEADER]
    for r in queryset[:EXPORT_LIMIT].iterator(chunk_size=500):
        s = r.scheme
        yield [
            r.year,
            r.period_start.isoformat() if r.period_start else "",
            r.period_end.isoformat() if r.period_end else "",
            r.evaluated_on.isoformat(),
            r.provider_name,
            r.provider_credit_code,
            r.region.full_name if r.region_id else "",
            r.service_item.name if r.service_item_id else "",
            r.project.project_number if r.project_id else "",
            r.evaluator,
            s.name,
            r.purchaser_score,
            s.purchaser_weight,
            r.satisfaction_rate,
            s.satisfaction_weight,
            r.survey_sample_size,
            r.survey_method,
            r.third_party_score,
            s.third_party_weight,
            r.effect_score,
            r.management_score,
            r.impact_score,
            r.composite_score,
            r.get_grade_display(),
            r.get_full_url(request),
        ]


def _export(request, fmt):
    """The filtered evaluation results (at most EXPORT_LIMIT) as CSV or XLSX (portal.core.listings.tabular)."""
    rows = export_rows(request, filtered_evaluations(request.GET, request).qs)
    header = next(rows)
    return tabular_response(fmt, header, rows, "evaluations", sheet_title=_("绩效评价结果"))


def evaluation_csv(request):
    return _export(request, "csv")


def evaluation_xlsx(request):
    return _export(request, "xlsx")
