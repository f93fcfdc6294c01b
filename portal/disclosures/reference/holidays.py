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

    from portal.disclosures.models import CalendarDay, CalendarYear

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
    from portal.disclosures.workdays import WorkingCalendar

    WorkingCalendar.invalidate()
    return len(new), len(changed), years


def package_calendar():
    """The working-day calendar of the `chinesecalendar` package alone, without the database: what
    load_calendar() writes, for pure computations (the demo's date plan and its test)."""
    from chinese_calendar import constants

    from portal.disclosures.workdays import WorkingCalendar

    lo, hi = package_years()
    return WorkingCalendar(
        holidays=set(constants.holidays), workdays=set(constants.workdays), official_years=set(range(lo, hi + 1))
    )
