"""Every statutory rule code across the 2026 National Day and Spring Festival holidays and the
make-up working days (调休), on the calendar loaded from the official data."""

import datetime as dt

import pytest

from portal.disclosures.rules import RULES, compute, result_challenge_deadline
from portal.disclosures.rules.catalogue import CALENDAR_DAYS, LIMIT, MINIMUM, WORKING_DAYS
from portal.reference.workdays import calendar

pytestmark = pytest.mark.django_db
D = dt.date

ISSUE_RULES = {
    "intention_notice": (CALENDAR_DAYS, 30, MINIMUM),
    "tender_notice_period": (WORKING_DAYS, 5, MINIMUM),
    "tender_documents_period": (WORKING_DAYS, 5, MINIMUM),
    "open_tender_bid": (CALENDAR_DAYS, 20, MINIMUM),
    "invited_tender_bid": (CALENDAR_DAYS, 20, MINIMUM),
    "correction_notice": (CALENDAR_DAYS, 15, MINIMUM),
    "consultation_response": (CALENDAR_DAYS, 10, MINIMUM),
    "negotiation_response": (WORKING_DAYS, 3, MINIMUM),
    "inquiry_response": (WORKING_DAYS, 3, MINIMUM),
    "single_source_publicity": (WORKING_DAYS, 5, MINIMUM),
    "result_notice": (WORKING_DAYS, 2, LIMIT),
    "contract_notice": (WORKING_DAYS, 2, LIMIT),
    "enquiry_answer": (WORKING_DAYS, 3, LIMIT),
    "challenge_submit": (WORKING_DAYS, 7, LIMIT),
    "challenge_answer": (WORKING_DAYS, 7, LIMIT),
    "complaint_submit": (WORKING_DAYS, 15, LIMIT),
    "complaint_decision": (WORKING_DAYS, 30, LIMIT),
}


def test_calendar_facts_the_expectations_rely_on():
    cal = calendar()
    # National Day 2026: 1-7 Oct off, Sun 20 Sep and Sat 10 Oct worked; Fri 25 Sep (Mid-Autumn) off.
    assert all(not cal.is_workday(D(2026, 10, d)) for d in range(1, 8))
    assert cal.is_workday(D(2026, 9, 20)) and cal.is_workday(D(2026, 10, 10))
    assert not cal.is_workday(D(2026, 9, 25))
    # Spring Festival 2026: 15-23 Feb off, Sat 14 Feb and Sat 28 Feb worked.
    assert all(not cal.is_workday(D(2026, 2, d)) for d in range(15, 24))
    assert cal.is_workday(D(2026, 2, 14)) and cal.is_workday(D(2026, 2, 28))


@pytest.mark.parametrize("code", sorted(ISSUE_RULES))
def test_every_issue_rule_has_unit_days_direction_and_citation(code):
    rule = RULES[code]
    assert (rule.unit, rule.days, rule.direction) == ISSUE_RULES[code]
    assert rule.citation and ("政府采购法" in rule.citation or "财" in rule.citation)


# (rule, start, expected) around National Day 2026. Working days after Tue 29 Sep: 30 Sep (1),
# 8 Oct (2), 9 Oct (3), Sat 10 Oct make-up (4), 12 Oct (5), 13 (6), 14 (7), ... 26 Oct (15), 16 Nov (30).
NATIONAL_DAY = [
    ("result_notice", D(2026, 9, 29), D(2026, 10, 8)),
    ("contract_notice", D(2026, 9, 29), D(2026, 10, 8)),
    ("negotiation_response", D(2026, 9, 29), D(2026, 10, 9)),
    ("inquiry_response", D(2026, 9, 29), D(2026, 10, 9)),
    ("enquiry_answer", D(2026, 9, 29), D(2026, 10, 9)),
    ("tender_notice_period", D(2026, 9, 29), D(2026, 10, 12)),
    ("tender_documents_period", D(2026, 9, 29), D(2026, 10, 12)),
    ("single_source_publicity", D(2026, 9, 29), D(2026, 10, 12)),
    ("challenge_submit", D(2026, 9, 29), D(2026, 10, 14)),
    ("challenge_answer", D(2026, 9, 29), D(2026, 10, 14)),
    ("complaint_submit", D(2026, 9, 29), D(2026, 10, 26)),
    ("complaint_decision", D(2026, 9, 29), D(2026, 11, 16)),
    # Calendar-day periods whose last day falls in the holiday end on Thu 8 Oct.
    ("open_tender_bid", D(2026, 9, 13), D(2026, 10, 8)),
    ("invited_tender_bid", D(2026, 9, 11), D(2026, 10, 8)),
    ("correction_notice", D(2026, 9, 20), D(2026, 10, 8)),
    ("consultation_response", D(2026, 9, 24), D(2026, 10, 8)),
    ("intention_notice", D(2026, 9, 5), D(2026, 10, 8)),
    # A calendar-day period ending on the make-up Saturday (a working day) is not extended.
    ("consultation_response", D(2026, 9, 30), D(2026, 10, 10)),
    # A calendar-day period ending on an ordinary working day is unchanged.
    ("open_tender_bid", D(2026, 9, 1), D(2026, 9, 21)),
    # Ending on Fri 25 Sep (Mid-Autumn Festival) moves over the weekend to Mon 28 Sep.
    ("correction_notice", D(2026, 9, 10), D(2026, 9, 28)),
]

# Around the Spring Festival. Working days after Fri 13 Feb: Sat 14 Feb make-up (1), 24 Feb (2),
# 25 (3), 26 (4), 27 (5), Sat 28 Feb make-up (6), 2 Mar (7), ... 12 Mar (15), 2 Apr (30).
SPRING_FESTIVAL = [
    ("result_notice", D(2026, 2, 13), D(2026, 2, 24)),
    ("contract_notice", D(2026, 2, 13), D(2026, 2, 24)),
    ("negotiation_response", D(2026, 2, 13), D(2026, 2, 25)),
    ("inquiry_response", D(2026, 2, 13), D(2026, 2, 25)),
    ("enquiry_answer", D(2026, 2, 13), D(2026, 2, 25)),
    ("tender_notice_period", D(2026, 2, 13), D(2026, 2, 27)),
    ("tender_documents_period", D(2026, 2, 13), D(2026, 2, 27)),
    ("single_source_publicity", D(2026, 2, 13), D(2026, 2, 27)),
    ("challenge_submit", D(2026, 2, 13), D(2026, 3, 2)),
    ("challenge_answer", D(2026, 2, 13), D(2026, 3, 2)),
    ("complaint_submit", D(2026, 2, 13), D(2026, 3, 12)),
    ("complaint_decision", D(2026, 2, 13), D(2026, 4, 2)),
    ("open_tender_bid", D(2026, 1, 28), D(2026, 2, 24)),
    ("invited_tender_bid", D(2026, 1, 28), D(2026, 2, 24)),
    ("consultation_response", D(2026, 2, 5), D(2026, 2, 24)),
    ("intention_notice", D(2026, 1, 18), D(2026, 2, 24)),
    # 15 days after 30 Jan is Sat 14 Feb, a make-up working day: the period ends that day.
    ("correction_notice", D(2026, 1, 30), D(2026, 2, 14)),
]


@pytest.mark.parametrize("code,start,expected", NATIONAL_DAY + SPRING_FESTIVAL)
def test_rule_deadline_across_holidays(code, start, expected):
    result = compute(code, start)
    assert result.date == expected
    assert result.official
    data = result.as_dict()
    assert data == {
        "rule": code,
        "start": start.isoformat(),
        "deadline": expected.isoformat(),
        "unit": RULES[code].unit,
        "days": RULES[code].days,
        "citation": RULES[code].citation,
        "calendar_official": True,
    }


def test_both_holiday_tables_cover_every_issue_rule():
    assert {row[0] for row in NATIONAL_DAY} == set(ISSUE_RULES)
    assert {row[0] for row in SPRING_FESTIVAL} == set(ISSUE_RULES)


def test_result_challenge_counts_from_end_of_one_day_display():
    # Result published Tue 29 Sep: displayed until Wed 30 Sep, then 7 working days: 8, 9, 10 (Sat),
    # 12, 13, 14, 15 Oct.
    assert result_challenge_deadline(D(2026, 9, 29)).date == D(2026, 10, 15)
    # Published Fri 13 Feb: displayed until Sat 14 Feb (make-up), then 24, 25, 26, 27, 28 Feb, 2, 3 Mar.
    assert result_challenge_deadline(D(2026, 2, 13)).date == D(2026, 3, 3)


def test_unofficial_year_is_flagged():
    result = compute("complaint_decision", D(2026, 12, 10))
    assert result.date.year == 2027
    assert not result.official
    assert result.as_dict()["calendar_official"] is False
