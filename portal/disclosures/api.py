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


class EvaluationOut(Schema):
    id: int
    title: str
    url: str
    year: int
    period_start: dt.date | None
    period_end: dt.date | None
    evaluated_on: dt.date
    provider_name: str
    provider_credit_code: str
    region_code: str | None
    region: str
    service_item: str | None
    project_number: str | None
    evaluator: str
    scheme: str
    purchaser_score: Decimal
    purchaser_weight: Decimal
    satisfaction_rate: Decimal | None
    satisfaction_weight: Decimal
    survey_sample_size: int | None
    survey_method: str
    third_party_score: Decimal
    third_party_weight: Decimal
    effect_score: Decimal | None
    management_score: Decimal | None
    impact_score: Decimal | None
    composite_score: Decimal | None
    grade: str
    grade_label: str


def _evaluation_out(r, request):
    s = r.scheme
    return {
        "id": r.pk,
        "title": r.title,
        "url": r.get_full_url(request),
        "year": r.year,
        "period_start": r.period_start,
        "period_end": r.period_end,
        "evaluated_on": r.evaluated_on,
        "provider_name": r.provider_name,
        "provider_credit_code": r.provider_credit_code,
        "region_code": r.region.code if r.region_id else None,
        "region": r.region.full_name if r.region_id else "",
        "service_item": r.service_item.name if r.service_item_id else None,
        "project_number": r.project.project_number if r.project_id else None,
        "evaluator": r.evaluator,
        "scheme": s.name,
        "purchaser_score": r.purchaser_score,
        "purchaser_weight": s.purchaser_weight,
        "satisfaction_rate": r.satisfaction_rate,
        "satisfaction_weight": s.satisfaction_weight,
        "survey_sample_size": r.survey_sample_size,
        "survey_method": r.survey_method,
        "third_party_score": r.third_party_score,
        "third_party_weight": s.third_party_weight,
        "effect_score": r.effect_score,
        "management_score": r.management_score,
        "impact_score": r.impact_score,
        "composite_score": r.composite_score,
        "grade": r.grade,
        "grade_label": str(r.get_grade_display()),
    }


@router.get("evaluations/", response=list[EvaluationOut], summary="绩效评价结果列表")
@paginate(BoundedPagination, page_size=50)
def evaluations(request: HttpRequest, **kwargs):
    """Published evaluation results, newest first. Query parameters are those of
    /disclosures/evaluations/: region (code), item (id), provider (name or credit code), year, grade."""
    from .evaluations.filters import EvaluationFilterSet
    from .evaluations.filters import base_queryset as evaluation_queryset

    params = request.GET.copy()
    params.pop("page", None)
    filterset = EvaluationFilterSet(params, queryset=evaluation_queryset(), request=request)
    if not filterset.is_valid():
        raise HttpError(400, str(filterset.error_message()))
    return _LazyRows(filterset.qs, request, _evaluation_out)


class _LazyRows(_LazyNotices):
    """Like _LazyNotices, with the serialiser given."""

    def __init__(self, queryset, request, serialise):
        super().__init__(queryset, request)
        self.serialise = serialise

    def __getitem__(self, item):
        return [self.serialise(r, self.request) for r in self.queryset[item]]


# The township capacity disclosure's API (/api/v1/capacity/), with its own tag.
from .capacity.api import PREFIX as CAPACITY_PREFIX  # noqa: E402
from .capacity.api import router as capacity_router  # noqa: E402

router.add_router(CAPACITY_PREFIX, capacity_router)
