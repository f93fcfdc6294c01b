"""Seed the working-day calendar from the `chinesecalendar` package (the State Council's yearly
notices on holiday arrangements). Administrators extend it in the admin for years the package does
not yet cover."""

from django.db import transaction

HOLIDAY_NAMES = {
    "new_years_day": "元旦",
    "spring_festival": "春节",
    "tomb_sweeping_day": "清明节",
    "labour_day": "劳动节",
    "dragon_boat_festival": "端午节",
    "national_day": "国庆节",
    "mid_autumn_festival": "中秋节",
}


def _name(holiday):
    """The package stores each day's holiday as the English name of its Holiday enum."""
    from chinese_calendar.constants import Holiday

    if not holiday:
        return ""
    for member in Holiday:
        if holiday in (member, member.value, member.name):
            return HOLIDAY_NAMES.get(member.name, getattr(member, "chinese", "") or "")[:32]
    return str(holiday)[:32]


def package_years():
    from chinese_calendar import constants

    years = {d.year for d in constants.holidays} | {d.year for d in constants.workdays}
    return min(years), max(years)


@transaction.atomic
def load_calendar(first_year=None, last_year=None):
    """Load official days for the given years (default: every year the package covers);
    returns (created, updated, years). Days an administrator entered by hand are left alone."""
    from chinese_calendar import constants

    from portal.reference.models import CalendarDay, CalendarYear

    lo, hi = package_years()
    first_year = max(first_year or lo, lo)
    last_year = min(last_year or hi, hi)
    wanted = {}
    for date, holiday in constants.holidays.items():
        if first_year <= date.year <= last_year:
            wanted[date] = (CalendarDay.Kind.HOLIDAY, _name(holiday))
    for date, holiday in constants.workdays.items():
        if first_year <= date.year <= last_year:
            wanted[date] = (CalendarDay.Kind.WORKDAY, _name(holiday))
    existing = {d.date: d for d in CalendarDay.objects.filter(date__year__gte=first_year, date__year__lte=last_year)}
    new, changed = [], []
    for date, (kind, name) in sorted(wanted.items()):
        day = existing.get(date)
        if day is None:
            new.append(CalendarDay(date=date, kind=kind, name=name, source=CalendarDay.Source.OFFICIAL))
        elif day.source == CalendarDay.Source.OFFICIAL and (day.kind, day.name) != (kind, name):
            day.kind, day.name = kind, name
            changed.append(day)
    CalendarDay.objects.bulk_create(new, batch_size=500)
    if changed:
        CalendarDay.objects.bulk_update(changed, ["kind", "name"])
    years = list(range(first_year, last_year + 1))
    for year in years:
        CalendarYear.objects.update_or_create(
            year=year, defaults={"official": True, "source": "chinesecalendar（国务院办公厅节假日安排通知）"}
        )
    from portal.reference.workdays import WorkingCalendar

    WorkingCalendar.invalidate()
    return len(new), len(changed), years


def package_calendar():
    """The working-day calendar of the `chinesecalendar` package alone, without the database: what
    load_calendar() writes, for pure computations (the demo's date plan and its test)."""
    from chinese_calendar import constants

    from portal.reference.workdays import WorkingCalendar

    lo, hi = package_years()
    return WorkingCalendar(
        holidays=set(constants.holidays), workdays=set(constants.workdays), official_years=set(range(lo, hi + 1))
    )


KIND_WORDS = {
    "休": "holiday",
    "holiday": "holiday",
    "假": "holiday",
    "班": "workday",
    "workday": "workday",
    "上班": "workday",
}


class ScheduleError(ValueError):
    """A schedule file with errors: `errors` lists (line number, message) for every bad row."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__("; ".join(f"第{line}行：{message}" for line, message in errors))


def parse_schedule(year, lines):
    """Rows of a year's schedule from CSV lines with the header `date,kind,name` (date as
    YYYY-MM-DD; kind 休/holiday or 班/workday; name the holiday, e.g. 春节). Returns a list of
    (date, kind, name); raises ScheduleError listing every bad row, so nothing is written."""
    import csv
    import datetime as dt

    from portal.reference.models import CalendarDay

    reader = csv.DictReader(lines)
    if reader.fieldnames is None or not {"date", "kind"} <= {f.strip().lstrip("\ufeff") for f in reader.fieldnames}:
        raise ScheduleError([(1, "表头必须包含 date、kind（可选 name）三列。")])
    reader.fieldnames = [f.strip().lstrip("\ufeff") for f in reader.fieldnames]
    rows, errors, seen = [], [], set()
    for line, raw in enumerate(reader, start=2):
        text = (raw.get("date") or "").strip()
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            errors.append((line, f"日期“{text}”不是 YYYY-MM-DD 格式。"))
            continue
        kind = KIND_WORDS.get((raw.get("kind") or "").strip().lower())
        name = (raw.get("name") or "").strip()[:32]
        if day.year != year:
            errors.append((line, f"日期 {day} 不在 {year} 年。"))
        elif kind is None:
            errors.append((line, f"类型“{raw.get('kind', '')}”应为 休 或 班。"))
        elif kind == CalendarDay.Kind.WORKDAY and day.weekday() < 5:
            errors.append((line, f"{day} 是工作日，调休上班日只能是周六或周日。"))
        elif day in seen:
            errors.append((line, f"日期 {day} 重复。"))
        else:
            seen.add(day)
            rows.append((day, kind, name))
    if errors:
        raise ScheduleError(errors)
    if not rows:
        raise ScheduleError([(2, "文件中没有任何日期。")])
    return rows


@transaction.atomic
def load_schedule(year, rows, source):
    """Make `rows` (from parse_schedule) the official schedule of `year`: the year's days become
    exactly these (days entered by hand for that year are replaced) and the year is marked
    official. Returns (created, updated, removed)."""
    from portal.reference.models import CalendarDay, CalendarYear

    wanted = {day: (kind, name) for day, kind, name in rows}
    existing = {d.date: d for d in CalendarDay.objects.filter(date__year=year)}
    removed = [d.pk for day, d in existing.items() if day not in wanted]
    CalendarDay.objects.filter(pk__in=removed).delete()
    new, changed = [], []
    for day, (kind, name) in sorted(wanted.items()):
        current = existing.get(day)
        if current is None:
            new.append(CalendarDay(date=day, kind=kind, name=name, source=CalendarDay.Source.MANUAL))
        elif (current.kind, current.name) != (kind, name):
            current.kind, current.name = kind, name
            changed.append(current)
    CalendarDay.objects.bulk_create(new)
    if changed:
        CalendarDay.objects.bulk_update(changed, ["kind", "name"])
    # Saved last and one by one: its post_save tells the apps that compute deadlines (e.g. the
    # oversight channel's answer periods) that the year is now official.
    calendar_year, _created = CalendarYear.objects.get_or_create(year=year)
    calendar_year.official = True
    calendar_year.source = source[:200]
    calendar_year.save()
    return len(new), len(changed), len(removed)
