"""The public evaluation index at /disclosures/evaluations/ and its CSV/XLSX downloads."""

import csv
import io
from decimal import Decimal

from django.core.exceptions import BadRequest
from django.core.paginator import Paginator
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from ..evaluations.filters import EvaluationFilterSet, base_queryset, facets

PER_PAGE = 20
EXPORT_LIMIT = 20000
FILTER_PARAMS = list(EvaluationFilterSet.base_filters)


def filtered_evaluations(params, request=None):
    """The FilterSet bound to the query parameters; bad parameters give a 400."""
    filterset = EvaluationFilterSet(params, queryset=base_queryset(), request=request)
    if not filterset.is_valid():
        raise BadRequest(filterset.error_message())
    return filterset


def _filter_query(request):
    params = request.GET.copy()
    for key in list(params):
        if key not in FILTER_PARAMS or not params.get(key):
            params.pop(key)
    return params


def _facet_links(request, rows, param):
    current = request.GET.get(param, "")
    links = []
    for value, label, count in rows:
        params = _filter_query(request)
        selected = value == current
        if selected:
            params.pop(param, None)
        else:
            params[param] = value
        links.append({"label": label, "count": count, "selected": selected, "query": params.urlencode()})
    return links


def evaluation_list(request):
    filterset = filtered_evaluations(request.GET, request)
    queryset = filterset.qs
    page_obj = Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))
    counts = facets(queryset, region=filterset.form.cleaned_data.get("region"))
    query = _filter_query(request)
    context = {
        "form": filterset.form,
        "page_obj": page_obj,
        "results": page_obj.object_list,
        "facet_groups": [
            (_("评价等次"), "grade", _facet_links(request, counts["grade"], "grade")),
            (_("评价年度"), "year", _facet_links(request, counts["year"], "year")),
            (_("地区"), "region", _facet_links(request, counts["region"], "region")),
            (_("服务项目"), "item", _facet_links(request, counts["item"], "item")),
        ],
        "query_string": query.urlencode(),
        "noindex": bool(request.GET),
        "crumbs": [(_("绩效评价"), None)],
    }
    return render(request, "disclosures/evaluation_list.html", context)


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


class _Echo:
    def write(self, value):
        return value


def evaluation_csv(request):
    queryset = filtered_evaluations(request.GET, request).qs
    writer = csv.writer(_Echo())

    def stream():
        yield "\ufeff"
        for row in export_rows(request, queryset):
            yield writer.writerow(["" if v is None else v for v in row])

    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="evaluations.csv"'
    return response


def _cell(value):
    if isinstance(value, Decimal):
        return float(value)
    if value is None or isinstance(value, (int, float)):
        return value
    return str(value)


def evaluation_xlsx(request):
    from openpyxl import Workbook

    queryset = filtered_evaluations(request.GET, request).qs
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("绩效评价结果"))
    for row in export_rows(request, queryset):
        sheet.append([_cell(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="evaluations.xlsx"'
    return response
