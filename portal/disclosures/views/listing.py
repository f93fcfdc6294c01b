"""The public notice listing at /disclosures/notices/ and its CSV/XLSX downloads."""

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core.tabular import tabular_response
from portal.search.segment import highlight_terms

from ..filters import SORTS, facets, listing_queryset
from .cards import page_cards
from .common import facet_links, filter_query, filtered_notices
from .fragments import counted_page, filter_sidebar, normalised_params

PER_PAGE = 20
EXPORT_LIMIT = 20000


def notice_list(request):
    filterset = filtered_notices(request, queryset=listing_queryset())
    queryset = filterset.qs
    query = filter_query(request)
    key = normalised_params(query)
    counts, page_obj = counted_page("notice", key, filterset, facets, request.GET.get("page"), PER_PAGE)
    get = request.GET.get
    facet_groups = [
        {"title": _("公告类型"), "key": "kind", "entries": facet_links(query, counts["kind"], "kind", get("kind", ""))},
        {
            "title": _("项目阶段"),
            "key": "stage",
            "entries": facet_links(query, counts["stage"], "stage", get("stage", "")),
        },
        {
            "title": _("采购方式"),
            "key": "method",
            "entries": facet_links(query, counts["method"], "method", get("method", "")),
        },
        {
            "title": _("地区"),
            "key": "region",
            "entries": facet_links(query, counts["region"], "region", get("region", "")),
        },
        {"title": _("服务项目"), "key": "item", "entries": facet_links(query, counts["item"], "item", get("item", ""))},
    ]
    filters_html = filter_sidebar("notice", key, filterset, facet_groups, reverse("disclosures:notice_list"))
    terms = highlight_terms(request.GET.get("q", ""))
    today = timezone.localdate()
    cards, notices = page_cards(queryset, page_obj, request, terms, today, ids_key=key)
    context = {
        "filterset": filterset,
        "form": filterset.form,
        "filters_html": filters_html,
        "page_obj": page_obj,
        "notices": notices,
        "cards": cards,
        "facet_groups": facet_groups,
        "query_string": query.urlencode(),
        "terms": terms,
        "noindex": bool(request.GET),
        "today": today,
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


def _export(request, fmt):
    """The filtered notices (at most EXPORT_LIMIT) as CSV or XLSX (portal.core.tabular)."""
    rows = _absolute_rows(request, filtered_notices(request).qs)
    header = next(rows)
    return tabular_response(fmt, header, rows, "notices", sheet_title=_("采购公告"))


def notice_csv(request):
    return _export(request, "csv")


def notice_xlsx(request):
    return _export(request, "xlsx")
