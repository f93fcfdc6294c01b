"""The public register of handled cases (redacted, consented, reviewed) and the statistics page."""

from django.core.exceptions import BadRequest
from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from portal.core import caching
from portal.core.listings.listing import Listing, page_number
from portal.core.listings.querystring import normalised_params
from portal.core.listings.tabular import tabular_response
from portal.search.segment import highlight_terms

from ..filters import RegisterFilterSet
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


def _register_cases():
    cases = Case.objects.published().select_related("region", "handling_body").order_by("-published_at", "-pk")
    return cases.only(
        "reference", "kind", "category", "public_subject", "redacted_summary", "public_answer", "finding", "received_at",
        "contact_name", "contact_phone", "contact_email", "description", "subject_text",
        "answered_at", "published_at", "status", "region__name", "region__code", "handling_body__name",
    )  # fmt: skip


def _render_register_body(request):
    """(rendered filter form with facet counts, and the page of results; page number shown)."""
    listing = Listing(request, RegisterFilterSet, _register_cases(), RegisterFilterSet.facets(), page_size=PAGE_SIZE)
    page_obj = listing.page_obj
    labels = {value: str(label) for value, label in Category.choices}
    for case in page_obj.object_list:
        case.safe_answer = case.public_answer_redacted()
        case.category_label = labels.get(case.category, case.category)
    q = listing.filterset.form.cleaned_data.get("q") or ""
    context = {
        **listing.context(),
        "q": q,
        "terms": highlight_terms(q) if q else [],
    }
    return (render_to_string("oversight/includes/register_body.html", context, request=request), page_obj.number)


def register(request):
    # Validated on every request (a 400 for nonsense), also when the body comes from the cache.
    filterset = RegisterFilterSet.bind(request.GET, request=request)
    page = page_number(request.GET)
    # The same for every visitor, so cached per filter set and page. The register changes only
    # when a case is saved again (published, handled), which purges the content generation; new
    # complaints are not on it.
    body, number = caching.remember(
        "oversight:register-body",
        (normalised_params(filterset.params()), page, get_language()),
        lambda: _render_register_body(request),
    )
    context = {
        "title": _("投诉办理公示"),
        "crumbs": _crumbs(_("投诉办理公示")),
        "body": body,
        "noindex": bool(filterset.params()) or number > 1,
    }
    return render(request, "oversight/register.html", context)


def _register_detail_body(request, reference):
    """(subject, rendered facts, summary, answer and history) of a published case, or None. The
    same for every visitor; a case leaves or changes on the register only when saved, which purges
    the content generation."""
    return caching.remember(
        "oversight:register-detail", (reference, get_language()), lambda: _render_register_detail(request, reference)
    )


def _render_register_detail(request, reference):
    case = Case.objects.published().select_related("region", "handling_body").filter(reference=reference).first()
    if case is None:
        return None
    context = {
        "case": case,
        "history": [h for h in case.history.all() if h.to_status],
        "safe_answer": case.public_answer_redacted(),
    }
    return case.public_subject, render_to_string("oversight/includes/register_detail_body.html", context, request)


def register_detail(request, reference):
    found = _register_detail_body(request, reference)
    if found is None:
        raise Http404
    subject, body = found
    context = {
        "title": reference,
        "crumbs": [(_("投诉办理公示"), reverse("oversight:register")), (reference, None)],
        "subject": subject,
        "reference": reference,
        "body": body,
    }
    return render(request, "oversight/register_detail.html", context)


STATS_CACHE_SECONDS = 300


def _statistics(year):
    # Keyed on the content generation too: handling a case (a save) purges it; new complaints do
    # not, so the figures are at most STATS_CACHE_SECONDS behind them.
    depends = (year, timezone.localdate())
    return caching.remember("oversight:stats", depends, lambda: stats.compute(year), seconds=STATS_CACHE_SECONDS)


# The handling-body table: the first BODIES_SHOWN rows in the chosen order, all of them on request
# (?bodies=all) and in the CSV. Orders: key -> (label, sort key of a stats Row; None values last).
BODIES_SHOWN = 10
BODY_ORDERS = {
    "cases": (_l("案件数（多到少）"), lambda r: (-r.cases, r.label)),
    "overdue": (_l("当前超期（多到少）"), lambda r: (-r.overdue_now, -r.cases, r.label)),
    "on_time": (
        _l("按时答复率（低到高）"),
        lambda r: (r.on_time_share is None, r.on_time_share or 0, -r.cases, r.label),
    ),
    "median": (
        _l("答复用时中位数（长到短）"),
        lambda r: (r.median_days is None, -(r.median_days or 0), -r.cases, r.label),
    ),
}


def _choice_param(request, name, choices):
    raw = request.GET.get(name, "")
    if raw and raw not in choices:
        raise BadRequest(_("参数“%(name)s”无效。") % {"name": name})
    return raw or None


def _statistics_body(request, year, order, show_all):
    """The page's filter form, figures, charts and tables: the same for every visitor, so cached
    (as rendered markup) like the figures they show."""
    seconds = min(caching.fragment_seconds(), STATS_CACHE_SECONDS)
    depends = (year, order, show_all, timezone.localdate(), get_language())
    return caching.remember(
        "oversight:stats-body",
        depends,
        lambda: _render_statistics_body(request, year, order, show_all),
        seconds=seconds,
    )


def _render_statistics_body(request, year, order="cases", show_all=False):
    data = _statistics(year)
    charts = [
        ("category", _("按问题类别的案件数"), data.by_category),
        ("region", _("按地区（市）的案件数"), data.by_region),
        ("month", _("按月份的接收案件数"), data.by_month),
    ]
    bodies = sorted(data.by_body, key=BODY_ORDERS[order][1])
    base = {"year": year} if year else {}
    context = {
        "stats": data,
        "charts": [
            {"key": name, "title": title, "rows": rows, "chart": stats.bar_chart(rows)} for name, title, rows in charts
        ],
        "years": stats.available_years(),
        "year": year,
        "bodies": bodies if show_all else bodies[:BODIES_SHOWN],
        "bodies_total": len(bodies),
        "bodies_cut": not show_all and len(bodies) > BODIES_SHOWN,
        "show_all": show_all,
        "order": order,
        "order_label": BODY_ORDERS[order][0],
        "orders": [
            (key, label, "?" + urlencode({**base, "order": key, **({"bodies": "all"} if show_all else {})}))
            for key, (label, _key) in BODY_ORDERS.items()
        ],
        "all_bodies_url": "?" + urlencode({**base, "order": order, "bodies": "all"}) + "#h-bodies",
        "csv_query": urlencode(base),
    }
    return render_to_string("oversight/includes/statistics_body.html", context, request=request)


def statistics_view(request):
    year = _int_param(request, "year", 2000, 2100)
    order = _choice_param(request, "order", BODY_ORDERS) or "cases"
    show_all = _choice_param(request, "bodies", {"all"}) == "all"
    context = {
        "title": _("办理情况统计"),
        "crumbs": _crumbs(_("办理情况统计")),
        "body": _statistics_body(request, year, order, show_all),
        "noindex": bool(request.GET),
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
    rows = []
    for dimension, group in (
        ("类别", data.by_category),
        ("地区", data.by_region),
        ("月份", data.by_month),
        ("办理机构", data.by_body),
    ):
        for row in group:
            share = f"{row.on_time_share:.3f}" if row.on_time_share is not None else ""
            median = row.median_days if row.median_days is not None else ""
            rows.append(
                [dimension, row.key, row.label, row.cases, row.answered, row.on_time, share, median, row.overdue_now]
            )
    return tabular_response("csv", CSV_HEADER, rows, f"oversight-statistics-{year or 'all'}")
