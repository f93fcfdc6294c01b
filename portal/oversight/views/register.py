"""The public register of handled cases (redacted, consented, reviewed) and the statistics page."""

import csv

from django.core.cache import cache
from django.core.exceptions import BadRequest
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from portal.disclosures.models import Region
from portal.search.segment import highlight_terms, query_terms

from ..models import Case, Category
from ..services import stats

PAGE_SIZE = 20


def _crumbs(title):
    return [(_("投诉监督"), reverse("oversight:complaint_new")), (title, None)]


def _int_param(request, name, low, high):
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 9) or not low <= int(raw) <= high:
        raise BadRequest(_("参数“%(name)s”无效。") % {"name": name})
    return int(raw)


def register(request):
    cities = list(Region.objects.cities().order_by("code"))
    city_codes = {c.code: c for c in cities}
    category = request.GET.get("category", "")
    if category and category not in Category.values:
        raise BadRequest(_("问题类别无效。"))
    region_code = request.GET.get("region", "")
    if region_code and region_code not in city_codes:
        raise BadRequest(_("地区无效。"))
    year = _int_param(request, "year", 2000, 2100)
    q = request.GET.get("q", "").strip()[:100]

    cases = Case.objects.published().select_related("region", "handling_body").order_by("-published_at", "-pk")
    if category:
        cases = cases.filter(category=category)
    if region_code:
        cases = cases.filter(region__code__startswith=city_codes[region_code].code_prefix)
    if year:
        cases = cases.filter(received_at__year=year)
    terms = query_terms(q) if q else []
    for term in terms:
        cases = cases.filter(search_text__icontains=term)
    cases = cases.only(
        "reference", "kind", "category", "public_subject", "redacted_summary", "public_answer", "finding", "received_at",
        "contact_name", "contact_phone", "contact_email",
        "answered_at", "published_at", "status", "region__name", "region__code", "handling_body__name",
    )  # fmt: skip
    paginator = Paginator(cases, PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    for case in page_obj.object_list:
        case.safe_answer = case.public_answer_redacted()
    filters = {k: v for k, v in (("category", category), ("region", region_code), ("year", year or ""), ("q", q)) if v}
    years = list(range(timezone.localdate().year, 2018, -1))
    context = {
        "title": _("投诉办理公示"),
        "crumbs": _crumbs(_("投诉办理公示")),
        "page_obj": page_obj,
        "query_string": urlencode(filters),
        "filters": filters,
        "categories": Category.choices,
        "cities": cities,
        "years": years,
        "q": q,
        "terms": highlight_terms(q) if q else [],
        "noindex": bool(filters) or page_obj.number > 1,
    }
    return render(request, "oversight/register.html", context)


def register_detail(request, reference):
    case = Case.objects.published().select_related("region", "handling_body").filter(reference=reference).first()
    if case is None:
        raise Http404
    history = [h for h in case.history.all() if h.to_status]
    context = {
        "title": case.reference,
        "crumbs": [(_("投诉办理公示"), reverse("oversight:register")), (case.reference, None)],
        "case": case,
        "history": history,
        "safe_answer": case.public_answer_redacted(),
    }
    return render(request, "oversight/register_detail.html", context)


STATS_CACHE_SECONDS = 300


def _statistics(year):
    key = f"oversight:stats:{year or 'all'}:{timezone.localdate():%Y%m%d}"
    result = cache.get(key)
    if result is None:
        result = stats.compute(year)
        cache.set(key, result, STATS_CACHE_SECONDS)
    return result


def statistics_view(request):
    year = _int_param(request, "year", 2000, 2100)
    data = _statistics(year)
    charts = [
        ("category", _("按问题类别的案件数"), data.by_category),
        ("region", _("按地区（市）的案件数"), data.by_region),
        ("month", _("按月份的接收案件数"), data.by_month),
    ]
    context = {
        "title": _("办理情况统计"),
        "crumbs": _crumbs(_("办理情况统计")),
        "stats": data,
        "charts": [
            {"key": key, "title": title, "rows": rows, "chart": stats.bar_chart(rows)} for key, title, rows in charts
        ],
        "years": stats.available_years(),
        "year": year,
        "noindex": bool(year),
    }
    return render(request, "oversight/statistics.html", context)


CSV_HEADER = [
    "维度",
    "代码",
    "名称",
    "案件数",
    "已答复",
    "按时答复",
    "按时答复率",
    "答复用时中位数（工作日）",
    "当前超期",
]


def statistics_csv(request):
    year = _int_param(request, "year", 2000, 2100)
    data = _statistics(year)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="oversight-statistics-{year or "all"}.csv"'
    response.write("\ufeff")  # so that spreadsheet programs read the Chinese text as UTF-8
    writer = csv.writer(response)
    writer.writerow(CSV_HEADER)
    for dimension, rows in (
        ("类别", data.by_category),
        ("地区", data.by_region),
        ("月份", data.by_month),
        ("办理机构", data.by_body),
    ):
        for row in rows:
            share = f"{row.on_time_share:.3f}" if row.on_time_share is not None else ""
            median = row.median_days if row.median_days is not None else ""
            writer.writerow(
                [dimension, row.key, row.label, row.cases, row.answered, row.on_time, share, median, row.overdue_now]
            )
    return response
