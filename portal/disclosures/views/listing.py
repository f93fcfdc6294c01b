"""The public notice listing at /disclosures/notices/ and its CSV/XLSX downloads."""

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from portal.core.listings.listing import Listing
from portal.core.listings.tabular import tabular_response
from portal.search.segment import highlight_terms

from ..filters import SORTS, NoticeFilterSet, listing_queryset
from .cards import page_cards
from .common import filtered_notices
from .fragments import filter_sidebar

PER_PAGE = 20
EXPORT_LIMIT = 20000


def notice_list(request):
    today = timezone.localdate()
    # The facet counts depend on the day: a project's stage (open, awarded...) follows the date.
    listing = Listing(
        request,
        NoticeFilterSet,
        listing_queryset(),
        NoticeFilterSet.facets(),
        page_size=PER_PAGE,
        cache="disclosures:notice-facets",
        depends=(today.isoformat(),),
    )
    # Links built only when drawn: the sidebar holding them is usually a cached fragment.
    facet_groups = SimpleLazyObject(listing.facet_groups)
    filters_html = filter_sidebar(
        "notice", listing.key, listing.filterset, facet_groups, reverse("disclosures:notice_list")
    )
    terms = highlight_terms(request.GET.get("q", ""))
    cards, notices = page_cards(listing.filterset.qs, listing.page_obj, request, terms, today, ids_key=listing.key)
    context = {
        **listing.context(),
        "filters_html": filters_html,
        "notices": notices,
        "cards": cards,
        "facet_groups": facet_groups,
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
    """The filtered notices (at most EXPORT_LIMIT) as CSV or XLSX (portal.core.listings.tabular)."""
    rows = _absolute_rows(request, filtered_notices(request).qs)
    header = next(rows)
    return tabular_response(fmt, header, rows, "notices", sheet_title=_("采购公告"))


def notice_csv(request):
    return _export(request, "csv")


def notice_xlsx(request):
    return _export(request, "xlsx")
