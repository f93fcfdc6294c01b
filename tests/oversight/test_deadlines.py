"""Due dates in working days from the official calendar, across the 2026 National Day holiday
(1-7 Oct, make-up working days Sun 20 Sep and Sat 10 Oct; Mid-Autumn Festival 25 Sep)."""

import datetime as dt

import pytest
from django.utils import timezone

from portal.oversight.models import OversightSettings
from portal.oversight.services.deadlines import due

pytestmark = pytest.mark.django_db


def at(y, m, d, hour=10):
    return timezone.make_aware(dt.datetime(y, m, d, hour))


def test_supplier_challenge_answer_in_seven_working_days_across_national_day():
    # Tue 29 Sep: 30 Sep (1), holiday 1-7 Oct, 8 (2), 9 (3), Sat 10 make-up (4), 12 (5), 13 (6), 14 (7).
    result = due("complaint", "challenge", at(2026, 9, 29))
    assert result.date == dt.date(2026, 10, 14) and result.days == 7 and result.official


def test_makeup_sunday_counts_and_mid_autumn_does_not():
    # Fri 18 Sep: Sun 20 make-up (1), 21 (2), 22 (3), 23 (4), 24 (5), 25 Mid-Autumn off, 28 (6), 29 (7).
    assert due("complaint", "challenge", at(2026, 9, 18)).date == dt.date(2026, 9, 29)


def test_public_complaint_default_fifteen_working_days():
    # From 29 Sep: the 7 above end on 14 Oct, then 15, 16, 19, 20, 21, 22, 23, 26 Oct.
    result = due("complaint", "quality", at(2026, 9, 29))
    assert result.days == 15 and result.date == dt.date(2026, 10, 26)


def test_service_standards_are_configurable():
    standards = OversightSettings.load()
    standards.complaint_days = 10
    standards.media_days = 3
    standards.save()
    # 7 end on 14 Oct, then 15, 16 and (after the weekend) 19 Oct.
    assert due("complaint", "quality", at(2026, 9, 29)).date == dt.date(2026, 10, 19)
    # Media: 30 Sep (1), 8 Oct (2), 9 Oct (3).
    assert due("media", "quality", at(2026, 9, 29)).date == dt.date(2026, 10, 9)
    # The statutory challenge clock does not follow the service standard.
    assert due("complaint", "challenge", at(2026, 9, 29)).days == 7


def test_receipt_day_is_a_local_date():
    # 23:30 UTC on 29 Sep is 07:30 on 30 Sep in Zhejiang: the clock starts from 30 Sep.
    received = dt.datetime(2026, 9, 29, 23, 30, tzinfo=dt.UTC)
    assert due("complaint", "challenge", received).date == dt.date(2026, 10, 15)


def test_deadline_in_a_year_without_official_calendar_is_flagged(client, bodies, complaint_data):
    result = due("complaint", "quality", at(2026, 12, 24))
    assert result.date.year == 2027 and not result.official and result.unofficial_years == (2027,)
    from portal.oversight.factories import DEFAULT_ACCESS_CODE, CaseFactory

    case = CaseFactory(received_at=at(2026, 12, 24))
    assert not case.due_official
    html = client.post("/oversight/track/", {"reference": case.reference, "access_code": DEFAULT_ACCESS_CODE}).content
    assert "该年度节假日安排尚未公布" in html.decode()
