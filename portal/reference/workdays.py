"""Working-day arithmetic on the calendar in the database (official holidays and make-up working
days), following the Civil Code's rules for counting periods (民法典 第二百零一条至第二百零三条):

- the day on which a period starts is not counted;
- a period in calendar days whose last day is a statutory rest day ends on the next working day;
- a period in working days counts only working days, make-up working weekends included.

Years without official data are answered with the weekday rule and `official=False`, so callers
can warn instead of guessing silently.
"""

import datetime as dt
from dataclasses import dataclass, field

from portal.core import caching


class NoOfficialCalendar(LookupError):
    """Raised by strict lookups for a year that has no official holiday data."""

    def __init__(self, year):
        self.year = year
        super().__init__(f"no official holiday data for year {year}")


@dataclass(frozen=True)
class Deadline:
    """Result of a deadline computation: the date and whether every day counted was official data."""

    start: dt.date
    date: dt.date
    days: int
    unit: str  # "calendar_days" or "working_days"
    official: bool
    unofficial_years: tuple = field(default_factory=tuple)


def _calendar_rows():
    from .models import CalendarDay, CalendarYear

    holidays, workdays = set(), set()
    for date, kind in CalendarDay.objects.values_list("date", "kind"):
        (workdays if kind == CalendarDay.Kind.WORKDAY else holidays).add(date)
    official = set(CalendarYear.objects.filter(official=True).values_list("year", flat=True))
    return holidays, workdays, official


@dataclass
class WorkingCalendar:
    holidays: set
    workdays: set
    official_years: set

    @classmethod
    def load(cls):
        """The calendar from the fragment cache (an hour, purged with the content generation:
        saving a calendar day or year purges it), else from the database."""
        return cls(*caching.remember("reference:working-calendar", (), _calendar_rows, seconds=3600))

    @staticmethod
    def invalidate():
        """After writes that send no signal (bulk loads): purge the cached calendar, with the
        pages that show deadlines computed from it."""
        caching.purge()

    def is_official(self, year):
        return year in self.official_years

    def is_workday(self, day, strict=False):
        if strict and not self.is_official(day.year):
            raise NoOfficialCalendar(day.year)
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5

    def is_rest_day(self, day):
        return not self.is_workday(day)

    def next_workday(self, day):
        while not self.is_workday(day):
            day += dt.timedelta(days=1)
        return day

    def add_working_days(self, start, days):
        """The day on which a period of `days` working days after `start` ends. Negative values count
        backwards (the latest day that leaves `days` working days before `start`)."""
        step = 1 if days >= 0 else -1
        remaining = abs(days)
        day = start
        years = {start.year}
        while remaining:
            day += dt.timedelta(days=step)
            years.add(day.year)
            if self.is_workday(day):
                remaining -= 1
        return self._result(start, day, days, "working_days", years)

    def add_calendar_days(self, start, days, extend_to_workday=True):
        """The day on which a period of `days` calendar days after `start` ends; if that day is a rest
        day the period ends on the next working day (Civil Code art. 203)."""
        day = start + dt.timedelta(days=days)
        years = {start.year, day.year}
        if extend_to_workday and days >= 0:
            day = self.next_workday(day)
            years.add(day.year)
        return self._result(start, day, days, "calendar_days", years)

    def working_days_between(self, start, end):
        """Working days after `start` up to and including `end` (0 if end <= start)."""
        count = 0
        day = start
        while day < end:
            day += dt.timedelta(days=1)
            if self.is_workday(day):
                count += 1
        return count

    def _result(self, start, day, days, unit, years):
        unofficial = tuple(sorted(y for y in years if not self.is_official(y)))
        return Deadline(
            start=start, date=day, days=days, unit=unit, official=not unofficial, unofficial_years=unofficial
        )


def calendar():
    return WorkingCalendar.load()
