"""Read API of the oversight channel at /api/v1/oversight/: response statistics and the public
register (redacted, consented, reviewed cases only). No personal data is ever part of a response:
the schemas list the only fields that leave the database."""

import datetime as dt

from django.core.exceptions import BadRequest
from django.core.paginator import Paginator
from django.utils import timezone
from ninja import Router, Schema

from .models import Case, Category
from .services import stats

PREFIX = "oversight/"
router = Router(tags=["监督投诉"])
PAGE_SIZE = 50


class StatRowOut(Schema):
    key: str
    label: str
    cases: int
    answered: int
    on_time: int
    on_time_share: float | None
    median_working_days: float | None
    overdue_now: int


class StatisticsOut(Schema):
    year: int | None
    total: int
    answered: int
    on_time: int
    on_time_share: float | None
    median_working_days: float | None
    overdue_now: int
    by_category: list[StatRowOut]
    by_region: list[StatRowOut]
    by_month: list[StatRowOut]
    by_handling_body: list[StatRowOut]


class PublishedCaseOut(Schema):
    reference: str
    kind: str
    category: str
    region_code: str
    region: str
    handling_body: str | None
    subject: str
    summary: str
    answer: str
    finding: str | None
    status: str
    received: dt.date
    due: dt.date
    answered: dt.date | None
    answered_on_time: bool
    published: dt.date


class RegisterOut(Schema):
    count: int
    page: int
    pages: int
    results: list[PublishedCaseOut]


def _row(row):
    return {
        "key": row.key,
        "label": row.label,
        "cases": row.cases,
        "answered": row.answered,
        "on_time": row.on_time,
        "on_time_share": row.on_time_share,
        "median_working_days": row.median_days,
        "overdue_now": row.overdue_now,
    }


def _year(year):
    if year is not None and not 2000 <= year <= 2100:
        raise BadRequest("year 应为 2000–2100 之间的年份")
    return year


@router.get("statistics", response=StatisticsOut, summary="办理情况统计")
def statistics(request, year: int | None = None):
    data = stats.compute(_year(year))
    return {
        "year": data.year,
        "total": data.total,
        "answered": data.answered,
        "on_time": data.on_time,
        "on_time_share": data.on_time_share,
        "median_working_days": data.median_days,
        "overdue_now": data.overdue_now,
        "by_category": [_row(r) for r in data.by_category],
        "by_region": [_row(r) for r in data.by_region],
        "by_month": [_row(r) for r in data.by_month],
        "by_handling_body": [_row(r) for r in data.by_body],
    }


@router.get("register", response=RegisterOut, summary="投诉办理公示（已脱敏）")
def register(request, category: str | None = None, year: int | None = None, page: int = 1):
    cases = Case.objects.published().select_related("region", "handling_body").order_by("-published_at", "-pk")
    if category:
        if category not in Category.values:
            raise BadRequest("category 无效")
        cases = cases.filter(category=category)
    if _year(year):
        cases = cases.filter(received_at__year=year)
    paginator = Paginator(cases, PAGE_SIZE)
    if page < 1 or page > max(paginator.num_pages, 1):
        raise BadRequest("page 超出范围")
    results = []
    for case in paginator.page(page).object_list:
        results.append(
            {
                "reference": case.reference,
                "kind": case.kind,
                "category": case.category,
                "region_code": case.region.code,
                "region": case.region.name,
                "handling_body": case.handling_body.name if case.handling_body else None,
                "subject": case.public_subject,
                "summary": case.redacted_summary,
                "answer": case.public_answer_redacted(),
                "finding": case.finding or None,
                "status": case.status,
                "received": case.received_date,
                "due": case.due_date,
                "answered": case.answered_date,
                "answered_on_time": case.answered_on_time(),
                # Local dates (Asia/Shanghai) like received, due and answered: the UTC date of a
                # case published before 08:00 would be the day before.
                "published": timezone.localdate(case.published_at),
            }
        )
    return {"count": paginator.count, "page": page, "pages": paginator.num_pages, "results": results}
