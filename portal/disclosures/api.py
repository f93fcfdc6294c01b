"""Read API: /api/v1/notices/ (the notice list with the listing's filters) and
/api/v1/deadlines/ (the statutory deadline calculator)."""

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination, paginate

from .filters import NoticeFilterSet, base_queryset
from .rules import RULES, compute

PREFIX = ""


class BoundedPagination(PageNumberPagination):
    """Page numbers the database can take: a huge page would overflow the SQL OFFSET (a 500)."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=100_000)
        page_size: int | None = Field(None, ge=1, le=1000)


router = Router(tags=["采购公告"])


class DeadlineOut(Schema):
    rule: str
    start: dt.date
    deadline: dt.date
    unit: str
    days: int
    citation: str
    calendar_official: bool


class ErrorOut(Schema):
    detail: str


@router.get("deadlines/", response={200: DeadlineOut, 400: ErrorOut}, summary="法定期限计算")
def deadlines(request: HttpRequest, rule: str = "", start: str = ""):
    """Apply a statutory rule to a start date (the start day is not counted). Rules:"""
    if rule not in RULES:
        return Status(400, {"detail": f"未知的期限规则：{rule!r}。可用规则：{', '.join(RULES)}"})
    try:
        day = dt.date.fromisoformat(start)
    except ValueError:
        return Status(400, {"detail": f"起算日期格式错误：{start!r}，应为 YYYY-MM-DD。"})
    return Status(200, compute(rule, day).as_dict())


class NoticeOut(Schema):
    id: int
    title: str
    kind: str
    kind_label: str
    number: str
    url: str
    project_number: str
    ocid: str
    purchaser: str
    region_code: str | None
    region: str
    method: str
    budget: Decimal
    published_on: dt.date | None
    bid_deadline: dt.datetime | None
    stage: str
    supplier_name: str
    supplier_credit_code: str
    amount: Decimal | None
    late_working_days: int | None


def _notice_out(notice, request):
    project = notice.project
    return {
        "id": notice.pk,
        "title": notice.title,
        "kind": notice.kind,
        "kind_label": str(notice.kind_label),
        "number": notice.number,
        "url": notice.get_full_url(request),
        "project_number": project.project_number,
        "ocid": project.ocid,
        "purchaser": project.purchaser,
        "region_code": notice.region.code if notice.region_id else None,
        "region": notice.region.full_name if notice.region_id else "",
        "method": project.method,
        "budget": project.budget,
        "published_on": notice.published_on,
        "bid_deadline": notice.bid_deadline or notice.new_bid_deadline,
        "stage": notice.stage_now,
        "supplier_name": notice.supplier_name,
        "supplier_credit_code": notice.supplier_credit_code,
        "amount": notice.amount,
        "late_working_days": notice.late_working_days,
    }


@router.get("notices/", response=list[NoticeOut], summary="采购公告列表")
@paginate(BoundedPagination, page_size=50)
def notices(request: HttpRequest, **kwargs):
    """Published notices, newest first. Query parameters are those of /disclosures/notices/: q, kind,
    method, stage, region (code), item (id), purchaser, published_after, published_before,
    budget_min, budget_max, sort."""
    params = request.GET.copy()
    params.pop("page", None)
    filterset = NoticeFilterSet(params, queryset=base_queryset(), request=request)
    if not filterset.is_valid():
        raise HttpError(400, str(filterset.error_message()))
    return _LazyNotices(filterset.qs, request)


class _LazyNotices:
    """Sliceable view of the queryset that serialises only the requested page."""

    def __init__(self, queryset, request):
        self.queryset = queryset
        self.request = request

    def __len__(self):
        return self.queryset.count()

    def count(self):
        return self.queryset.count()

    def __getitem__(self, item):
        return [_notice_out(n, self.request) for n in self.queryset[item]]


# The township capacity disclosure's API (/api/v1/capacity/), with its own tag.
from .capacity.api import PREFIX as CAPACITY_PREFIX  # noqa: E402
from .capacity.api import router as capacity_router  # noqa: E402

router.add_router(CAPACITY_PREFIX, capacity_router)
