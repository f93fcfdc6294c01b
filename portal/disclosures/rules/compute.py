"""Computing a rule's date on the working-day calendar."""

import datetime as dt
from dataclasses import dataclass

from portal.reference.workdays import Deadline, calendar

from .catalogue import CALENDAR_DAYS, RESULT_DISPLAY_WORKING_DAYS, RULES, Rule


class UnknownRule(KeyError):
    """Raised for a rule code that is not in the table."""


@dataclass(frozen=True)
class RuleResult:
    """A rule applied to a start date."""

    rule: Rule
    deadline: Deadline

    @property
    def date(self):
        return self.deadline.date

    @property
    def official(self):
        return self.deadline.official

    def as_dict(self):
        """The public JSON shape of the deadlines API."""
        return {
            "rule": self.rule.code,
            "start": self.deadline.start.isoformat(),
            "deadline": self.deadline.date.isoformat(),
            "unit": self.rule.unit,
            "days": self.rule.days,
            "citation": self.rule.citation,
            "calendar_official": self.deadline.official,
        }


def compute(code, start, cal=None):
    """Apply rule `code` to the date `start` (the start day itself is not counted)."""
    try:
        rule = RULES[code]
    except KeyError:
        raise UnknownRule(code) from None
    if isinstance(start, dt.datetime):
        start = start.date()
    cal = cal or calendar()
    if rule.unit == CALENDAR_DAYS:
        deadline = cal.add_calendar_days(start, rule.days)
    else:
        deadline = cal.add_working_days(start, rule.days)
    return RuleResult(rule, deadline)


def result_challenge_deadline(published_on, cal=None):
    """Last day for a challenge to a result: 7 working days counted from the end of the result
    notice's 1-working-day display period."""
    cal = cal or calendar()
    display_end = cal.add_working_days(published_on, RESULT_DISPLAY_WORKING_DAYS)
    result = compute("challenge_submit", display_end.date, cal)
    if not display_end.official and result.official:
        deadline = Deadline(
            start=result.deadline.start,
            date=result.deadline.date,
            days=result.deadline.days,
            unit=result.deadline.unit,
            official=False,
            unofficial_years=display_end.unofficial_years,
        )
        result = RuleResult(result.rule, deadline)
    return result
