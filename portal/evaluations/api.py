"""Read API of the performance evaluations: /api/v1/evaluations/ (the query parameters of
/disclosures/evaluations/)."""

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from portal.disclosures.api import BoundedPagination, _LazyNotices

from .filters import EvaluationFilterSet
from .filters import base_queryset as evaluation_queryset

PREFIX = ""
router = Router(tags=["绩效评价"])


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
