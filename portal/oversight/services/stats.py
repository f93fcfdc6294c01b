"""Response statistics: cases by category, region and month; median working days to answer; share
answered on time per handling body; overdue cases now. A bounded number of queries whatever the
number of cases (the rows are aggregated in Python with the working-day calendar)."""

import statistics
from collections import Counter
from dataclasses import dataclass, field

from django.utils import timezone

from portal.reference import codes
from portal.reference.models import Region
from portal.reference.workdays import calendar

from ..models import OPEN_STATUSES, Case, Category, HandlingBody


@dataclass
class Row:
    """One line of a statistics table."""

    key: str
    label: str
    cases: int = 0
    answered: int = 0
    on_time: int = 0
    overdue_now: int = 0
    days: list = field(default_factory=list, repr=False)

    @property
    def median_days(self):
        return statistics.median(self.days) if self.days else None

    @property
    def on_time_share(self):
        return self.on_time / self.answered if self.answered else None


@dataclass
class Statistics:
    year: int | None
    total: int
    answered: int
    on_time: int
    overdue_now: int
    median_days: float | None
    by_category: list
    by_region: list
    by_month: list
    by_body: list

    @property
    def on_time_share(self):
        return self.on_time / self.answered if self.answered else None


def available_years():
    return sorted({d.year for d in Case.objects.dates("received_at", "year")}, reverse=True)


def compute(year=None, today=None):
    today = today or timezone.localdate()
    cal = calendar()
    queryset = Case.objects.all()
    if year:
        queryset = queryset.filter(received_at__year=year)
    rows = queryset.values_list(
        "category", "region__code", "received_at", "answered_at", "due_date", "status", "handling_body_id"
    )
    cities = {codes.city_prefix(r.code): r for r in Region.objects.cities()}
    bodies = {b.pk: b.name for b in HandlingBody.objects.all()}

    categories = {value: Row(value, str(label)) for value, label in Category.choices}
    regions = {prefix: Row(city.code, city.name) for prefix, city in sorted(cities.items())}
    months = {}
    per_body = {}
    all_days = []
    totals = Counter()
    for category, region_code, received_at, answered_at, due_date, status, body_id in rows.iterator():
        received = timezone.localdate(received_at)
        targets = [categories.setdefault(category, Row(category, category))]
        city = codes.city_prefix(region_code)
        if city in regions:
            targets.append(regions[city])
        month = f"{received:%Y-%m}"
        targets.append(months.setdefault(month, Row(month, month)))
        body_key = body_id or 0
        targets.append(per_body.setdefault(body_key, Row(str(body_key), bodies.get(body_id, "未分派"))))
        answered = answered_at is not None
        overdue = status in OPEN_STATUSES and due_date < today
        on_time = answered and timezone.localdate(answered_at) <= due_date
        days = cal.working_days_between(received, timezone.localdate(answered_at)) if answered else None
        totals.update(cases=1, answered=int(answered), on_time=int(on_time), overdue=int(overdue))
        if days is not None:
            all_days.append(days)
        for row in targets:
            row.cases += 1
            row.answered += int(answered)
            row.on_time += int(on_time)
            row.overdue_now += int(overdue)
            if days is not None:
                row.days.append(days)
    return Statistics(
        year=year,
        total=totals["cases"],
        answered=totals["answered"],
        on_time=totals["on_time"],
        overdue_now=totals["overdue"],
        median_days=statistics.median(all_days) if all_days else None,
        by_category=list(categories.values()),
        by_region=list(regions.values()),
        by_month=[months[k] for k in sorted(months)][-24:],
        by_body=sorted((r for r in per_body.values() if r.cases), key=lambda r: (-r.cases, r.label)),
    )


def month_figures(today=None):
    """This month's received / answered / answered-on-time counts (for the home page)."""
    today = today or timezone.localdate()
    start = today.replace(day=1)
    received = Case.objects.filter(received_at__date__gte=start).count()
    answered = Case.objects.filter(answered_at__date__gte=start)
    answered_rows = list(answered.values_list("answered_at", "due_date"))
    on_time = sum(1 for at, due in answered_rows if timezone.localdate(at) <= due)
    return {"received": received, "answered": len(answered_rows), "on_time": on_time}


def bar_chart(rows, value="cases", width=420, bar_height=28, label_width=110):
    """Geometry for a horizontal SVG bar chart of `rows` (rendered by a template)."""
    values = [getattr(r, value) or 0 for r in rows]
    peak = max(values) if values and max(values) > 0 else 1
    plot = width - label_width - 48
    bars = []
    for i, (row, v) in enumerate(zip(rows, values, strict=True)):
        length = round(plot * v / peak, 1)
        bars.append(
            {
                "label": row.label,
                "value": v,
                "y": i * bar_height,
                "text_y": i * bar_height + bar_height * 0.65,
                "length": length,
                "value_x": label_width + length + 6,
            }
        )
    return {
        "bars": bars,
        "width": width,
        "height": max(len(bars), 1) * bar_height,
        "label_width": label_width,
        "label_x": label_width - 8,
        "bar_height": bar_height - 6,
    }
