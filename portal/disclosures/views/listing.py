"""The public notice listing at /disclosures/notices/ and its CSV/XLSX downloads."""

import csv
import io
from decimal import Decimal

from django.core.paginator import Paginator
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.search.segment import highlight_terms

from ..filters import SORTS, facets
from .common import filter_query, filtered_notices

PER_PAGE = 20
EXPORT_LIMIT = 20000


def _facet_links(request, facet_rows, param):
    current = request.GET.get(param, "")
    links = []
    for value, label, count in facet_rows:
        params = filter_query(request)
        selected = value == current
        if selected:
            params.pop(param, None)
        else:
            params[param] = value
        links.append(
            {"value": value, "label": label, "count": count, "selected": selected, "query": params.urlencode()}
        )
    return links


def notice_list(request):
    filterset = filtered_notices(request)
    queryset = filterset.qs
    page_obj = Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))
    counts = facets(queryset, region=filterset.form.cleaned_data.get("region"))
    facet_groups = [
        (_("公告类型"), "kind", _facet_links(request, counts["kind"], "kind")),
        (_("项目阶段"), "stage", _facet_links(request, counts["stage"], "stage")),
        (_("采购方式"), "method", _facet_links(request, counts["method"], "method")),
        (_("地区"), "region", _facet_links(request, counts["region"], "region")),
        (_("服务项目"), "item", _facet_links(request, counts["item"], "item")),
    ]
    query = filter_query(request)
    context = {
        "filterset": filterset,
        "form": filterset.form,
        "page_obj": page_obj,
        "notices": page_obj.object_list,
        "facet_groups": facet_groups,
        "query_string": query.urlencode(),
        "terms": highlight_terms(request.GET.get("q", "")),
        "noindex": bool(request.GET),
        "today": timezone.localdate(),
        "sorts": [(k, v[0]) for k, v in SORTS.items()],
        "crumbs": [(_("采购公告"), None)],
    }
    return render(request, "disclosures/notice_list.html", context)


def export_rows(queryset):
    yield [
        _("公告编号"),
        _("公告标题"),
        _("公告类型"),
        _("项目编号"),
        "OCID",
        _("采购人"),
        _("地区"),
        _("采购方式"),
        _("预算金额（元）"),
        _("发布日期"),
        _("投标截止时间"),
        _("供应商"),
        _("供应商统一社会信用代码"),
        _("金额（元）"),
        _("逾期工作日"),
        _("链接"),
    ]
    for notice in queryset[:EXPORT_LIMIT].iterator(chunk_size=500):
        project = notice.project
        deadline = notice.bid_deadline or notice.new_bid_deadline
        yield [
            notice.number,
            notice.title,
            notice.kind_label,
            project.project_number,
            project.ocid,
            project.purchaser,
            notice.region.full_name if notice.region_id else "",
            project.get_method_display(),
            project.budget,
            notice.published_on.isoformat() if notice.published_on else "",
            timezone.localtime(deadline).strftime("%Y-%m-%d %H:%M") if deadline else "",
            notice.supplier_name,
            notice.supplier_credit_code,
            notice.amount if notice.amount is not None else "",
            notice.late_working_days or "",
            notice.url_path,
        ]


def _absolute_rows(request, queryset):
    """Rows with the page link made absolute (url_path is relative to the site root)."""
    from wagtail.models import Site

    site = Site.find_for_request(request)
    root_path = site.root_page.url_path if site else "/"
    base = request.build_absolute_uri("/").rstrip("/")
    for index, row in enumerate(export_rows(queryset)):
        if index and row[-1].startswith(root_path):
            row[-1] = base + "/" + row[-1][len(root_path) :]
        yield row


class _Echo:
    def write(self, value):
        return value


def notice_csv(request):
    queryset = filtered_notices(request).qs
    writer = csv.writer(_Echo())

    def stream():
        yield "\ufeff"  # BOM so that spreadsheet programs read UTF-8 Chinese correctly
        for row in _absolute_rows(request, queryset):
            yield writer.writerow(row)

    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="notices.csv"'
    return response


def _cell(value):
    if isinstance(value, Decimal):
        return float(value)
    if value is None or isinstance(value, (int, float)):
        return value
    return str(value)


def notice_xlsx(request):
    from openpyxl import Workbook

    queryset = filtered_notices(request).qs
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("采购公告"))
    for row in _absolute_rows(request, queryset):
        sheet.append([_cell(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="notices.xlsx"'
    return response
