"""Working-day arithmetic (Civil Code counting) on the calendar in the database."""

import datetime as dt

import pytest

from portal.reference.models import CalendarDay, CalendarYear
from portal.reference.workdays import NoOfficialCalendar, WorkingCalendar, calendar

pytestmark = pytest.mark.django_db

D = dt.date


def test_weekday_weekend_holiday_and_makeup_day():
    cal = calendar()
    assert cal.is_workday(D(2026, 11, 27))  # Friday
    assert not cal.is_workday(D(2026, 11, 28))  # Saturday
    assert not cal.is_workday(D(2026, 10, 5))  # Monday in the National Day holiday
    assert cal.is_workday(D(2026, 10, 10))  # Saturday make-up working day
    assert cal.is_workday(D(2026, 2, 14))  # Saturday make-up working day before Spring Festival


def test_working_days_skip_national_day_and_count_makeup_saturday():
    cal = calendar()
    # From Tuesday 29 Sep 2026: 30 Sep (1), holiday 1-7 Oct, 8 Oct (2), 9 Oct (3), Sat 10 Oct make-up (4), 12 Oct (5).
    result = cal.add_working_days(D(2026, 9, 29), 5)
    assert result.date == D(2026, 10, 12)
    assert result.unit == "working_days" and result.official


def test_working_days_across_spring_festival():
    cal = calendar()
    # Fri 13 Feb 2026 start: Sat 14 Feb make-up (1), holiday 15-23 Feb, 24 (2), 25 (3), 26 (4), 27 (5).
    assert cal.add_working_days(D(2026, 2, 13), 5).date == D(2026, 2, 27)


def test_calendar_period_ending_on_holiday_moves_to_next_working_day():
    cal = calendar()
    # 20 days after 13 Sep 2026 is 3 Oct (holiday): the period ends on 8 Oct.
    result = cal.add_calendar_days(D(2026, 9, 13), 20)
    assert result.date == D(2026, 10, 8)
    # 20 days after 1 Sep 2026 is Monday 21 Sep, a working day: unchanged.
    assert cal.add_calendar_days(D(2026, 9, 1), 20).date == D(2026, 9, 21)


def test_start_day_is_not_counted():
    cal = calendar()
    assert cal.add_working_days(D(2026, 11, 23), 1).date == D(2026, 11, 24)
    assert cal.working_days_between(D(2026, 11, 23), D(2026, 11, 27)) == 4


def test_year_without_official_data_is_flagged_not_guessed():
    cal = calendar()
    result = cal.add_working_days(D(2026, 12, 28), 10)
    assert not result.official
    assert result.unofficial_years == (2027,)
    with pytest.raises(NoOfficialCalendar) as exc:
        cal.is_workday(D(2027, 1, 4), strict=True)
    assert exc.value.year == 2027


def test_admin_edits_take_effect_immediately():
    assert calendar().is_workday(D(2027, 2, 8))
    CalendarDay.objects.create(date=D(2027, 2, 8), kind=CalendarDay.Kind.HOLIDAY, name="春节")
    CalendarYear.objects.create(year=2027, official=True, source="国办发明电〔2026〕")
    cal = calendar()
    assert not cal.is_workday(D(2027, 2, 8))
    assert cal.is_official(2027)
    WorkingCalendar.invalidate()
