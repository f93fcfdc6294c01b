"""The open-data page and the OCDS endpoints."""

import datetime as dt

from django.core.exceptions import BadRequest
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from ..models import ProcurementProjectPage
from ..models.procurement import ocid_prefix
from ..ocds import record_package, release_package
from ..ocds.packages import LICENSE, PAGE_SIZE

JSON_OPTIONS = {"ensure_ascii": False, "indent": None}


def _policy(request):
    return request.build_absolute_uri(reverse("disclosures:open_data"))


def _parse_since(value):
    if not value:
        return None
    try:
        # parse_datetime gives None for a malformed value and raises ValueError for a well-formed
        # impossible one (2026-13-01T25:61:00Z).
        parsed = parse_datetime(value) or dt.datetime.combine(dt.date.fromisoformat(value), dt.time.min)
    except ValueError:
        raise BadRequest(_("since 参数格式错误，应为 YYYY-MM-DD 或 RFC 3339 日期时间。")) from None
    try:
        if timezone.is_naive(parsed):
            parsed = timezone.make_aware(parsed)
        # The database compares in UTC: 0001-01-01 in Shanghai or an offset past 9999-12-31 has no
        # UTC datetime (OverflowError).
        parsed.astimezone(dt.UTC)
    except OverflowError:
        raise BadRequest(_("since 参数超出可用的日期范围。")) from None
    return parsed


def ocds_releases(request):
    page = request.GET.get("page", "1")
    if not (page.isascii() and page.isdigit() and len(page) <= 9) or int(page) < 1:
        raise BadRequest(_("page 参数必须是正整数。"))
    since = _parse_since(request.GET.get("since"))
    package, page_obj = release_package(request, page, since=since, publication_policy=_policy(request))
    response = JsonResponse(package, json_dumps_params=JSON_OPTIONS)
    links = []
    params = request.GET.copy()
    if page_obj.has_next():
        params["page"] = page_obj.next_page_number()
        links.append(f'<{request.build_absolute_uri("?" + params.urlencode())}>; rel="next"')
    if page_obj.has_previous():
        params["page"] = page_obj.previous_page_number()
        links.append(f'<{request.build_absolute_uri("?" + params.urlencode())}>; rel="prev"')
    if links:
        response["Link"] = ", ".join(links)
    response["X-Total-Count"] = str(page_obj.paginator.count)
    return response


def ocds_record(request, ocid):
    prefix = ocid_prefix() + "-"
    if not ocid.startswith(prefix):
        raise Http404(_("没有这个开放合同编号（OCID）。"))
    project = ProcurementProjectPage.objects.live().public().filter(project_number=ocid[len(prefix) :]).first()
    if project is None:
        raise Http404(_("没有这个开放合同编号（OCID）。"))
    package = record_package(request, project, publication_policy=_policy(request))
    return JsonResponse(package, json_dumps_params=JSON_OPTIONS)


FIELDS = [
    ("公告编号", "number"),
    ("公告标题", "title"),
    ("公告类型", "kind"),
    ("项目编号 / OCID", "project_number, ocid"),
    ("采购人及地区", "purchaser, region"),
    ("采购方式", "method"),
    ("预算金额（元）", "budget"),
    ("发布日期", "published_on"),
    ("投标（响应）截止时间", "bid_deadline"),
    ("供应商名称及统一社会信用代码", "supplier_name, supplier_credit_code"),
    ("中标（成交、合同）金额（元）", "amount"),
    ("逾期发布工作日", "late_working_days"),
]


def open_data(request):
    context = {
        "licence_url": LICENSE,
        "page_size": PAGE_SIZE,
        "ocid_prefix": ocid_prefix(),
        "fields": FIELDS,
        "sample_project": ProcurementProjectPage.objects.live().public().order_by("-last_published_at").first(),
        "crumbs": [(_("开放数据"), None)],
    }
    return render(request, "disclosures/open_data.html", context)
