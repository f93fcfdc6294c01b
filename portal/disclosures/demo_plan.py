"""The demo's date plan: when each demo project's notices are published and which dates they carry,
as a pure function of "today", the procurement method, the stage the project is to be in today and
the working-day calendar (no database, no pages).

Every date is placed by the rules engine, never at a fixed offset: a notice is published at or after
the earliest lawful date of the rule that governs it (and within every time limit), on a working day.
The chain of a project is built forwards from its first procurement notice; that first notice is
moved back from today until the whole chain has happened by today and the project is in the wanted
stage today. tests/disclosures/test_demo_plan.py checks the plan against the rules for every day
from 2025 to 2028 and every method and stage.
"""

import datetime as dt
from dataclasses import dataclass, field

from .rules import compute

STAGES = ("open", "evaluating", "awarded", "contracted", "accepted", "terminated", "planning", "late")

# Method codes (the values of models.Method; kept as strings so the plan needs no model import).
OPEN, INVITED, SINGLE_SOURCE = "open_tender", "invited_tender", "single_source"
BID_RULE = {
    "open_tender": "open_tender_bid",
    "invited_tender": "invited_tender_bid",
    "consultation": "consultation_response",
    "negotiation": "negotiation_response",
    "inquiry": "inquiry_response",
}

# The lifecycle stage (models.Stage values) each demo stage shows today.
EXPECTED_STAGE = {
    "planning": "planning",
    "open": "open",
    "evaluating": "evaluating",
    "awarded": "awarded",
    "late": "awarded",
    "contracted": "contracted",
    "accepted": "contracted",
    "terminated": "terminated",
}

DEADLINE_TIME = dt.time(9, 30)
PUBLICITY_END_TIME = dt.time(17, 0)


@dataclass(frozen=True)
class PlannedNotice:
    """One notice: its kind (models.NoticeKind values), publication day and its date fields (dates,
    or naive local datetimes for the deadlines)."""

    kind: str
    published_on: dt.date
    dates: dict = field(default_factory=dict)


@dataclass(frozen=True)
class ProjectPlan:
    method: str
    stage: str
    today: dt.date
    notices: tuple
    service_start: dt.date
    service_end: dt.date

    def notice(self, kind):
        return next((n for n in self.notices if n.kind == kind), None)

    @property
    def year(self):
        """The project's year: that of its first notice."""
        return self.notices[0].published_on.year


class _Days:
    """Working-day helpers on one calendar."""

    def __init__(self, cal):
        self.cal = cal

    def earliest(self, code, start):
        return compute(code, start, self.cal).date

    def latest(self, code, start):
        return compute(code, start, self.cal).date

    def on_or_before(self, day):
        while not self.cal.is_workday(day):
            day -= dt.timedelta(days=1)
        return day

    def on_or_after(self, day):
        return self.cal.next_workday(day)

    def after(self, day, working_days):
        return self.cal.add_working_days(day, working_days).date


def _intention(days, first, rnd):
    """The intention notice: the latest working day from which the 30-day intention period ends by
    `first` (the start of procurement), moved back a few days at random."""
    day = days.on_or_before(first - dt.timedelta(days=30))
    while days.earliest("intention_notice", day) > first:
        day = days.on_or_before(day - dt.timedelta(days=1))
    day = days.on_or_before(day - dt.timedelta(days=rnd.randrange(0, 6)))
    return PlannedNotice("intention", day, {"planned_start": first})


def _chain(days, method, stage, first, today, draws):
    """Every notice after the intention, built forwards from `first` (a working day); `draws` are
    the random choices, fixed before the search for `first` so that the search converges."""
    notices = []
    publish = first
    if method == INVITED:
        pre_deadline = days.earliest("tender_notice_period", first)
        notices.append(
            PlannedNotice(
                "prequalification", first, {"bid_deadline": dt.datetime.combine(pre_deadline, PUBLICITY_END_TIME)}
            )
        )
        publish = days.after(pre_deadline, draws["gap"])
    if method == SINGLE_SOURCE:
        end = days.earliest("single_source_publicity", publish)
        if stage == "open":
            end = max(end, days.on_or_after(today + dt.timedelta(days=draws["open_days"])))
        notices.append(PlannedNotice("single_source", publish, {"publicity_start": publish, "publicity_end": end}))
        deadline_day = end
    else:
        deadline_day = days.earliest(BID_RULE[method], publish)
        correction_day = None
        if method in (OPEN, INVITED) and stage in ("evaluating", "accepted"):
            correction_day = days.after(publish, 2)
            # The correction changes the documents, so at least 15 days must remain before the deadline.
            deadline_day = max(deadline_day, days.earliest("correction_notice", correction_day))
        if stage == "open":
            deadline_day = max(deadline_day, days.on_or_after(today + dt.timedelta(days=draws["open_days"])))
        dates = {
            "documents_from": publish,
            "bid_deadline": dt.datetime.combine(deadline_day, DEADLINE_TIME),
        }
        if method in (OPEN, INVITED):
            dates["documents_until"] = days.earliest("tender_documents_period", publish)
        notices.append(PlannedNotice("tender", publish, dates))
        if correction_day is not None:
            notices.append(PlannedNotice("correction", correction_day, {}))
    if stage in ("open", "evaluating", "planning"):
        return notices, deadline_day
    if stage == "terminated":
        notices.append(PlannedNotice("termination", days.after(deadline_day, draws["step"]), {}))
        return notices, deadline_day
    decision = days.after(deadline_day, draws["step"])
    limit = days.latest("result_notice", decision)
    result_day = days.after(limit, draws["late"]) if stage == "late" else days.after(decision, draws["result"])
    notices.append(PlannedNotice("result", result_day, {"decision_date": decision}))
    if stage in ("awarded", "late"):
        return notices, deadline_day
    signed = min(days.after(result_day, draws["sign"]), days.latest("contract_signing", result_day))
    contract_day = days.after(signed, draws["result"])
    contract_start = signed + dt.timedelta(days=draws["start"])
    contract_end = _year_later(contract_start)
    notices.append(
        PlannedNotice(
            "contract",
            contract_day,
            {"signed_on": signed, "contract_start": contract_start, "contract_end": contract_end},
        )
    )
    if stage == "accepted":
        # Accepted after the one-year service period ended.
        accepted = days.after(contract_end, draws["sign"])
        notices.append(PlannedNotice("acceptance", days.after(accepted, draws["result"]), {"accepted_on": accepted}))
    return notices, deadline_day


def _year_later(start):
    """The last day of a one-year period starting on `start`."""
    try:
        return start.replace(year=start.year + 1) - dt.timedelta(days=1)
    except ValueError:  # 29 February
        return start.replace(year=start.year + 1, day=28)


def _due(stage, notices, deadline_day):
    """The day by which the chain must have happened: the call published before today; while
    evaluating, the deadline passed; otherwise the last notice published."""
    if stage == "open":
        return notices[-1].published_on + dt.timedelta(days=1)
    if stage == "evaluating":
        return max(deadline_day, notices[-1].published_on) + dt.timedelta(days=1)
    return notices[-1].published_on


def plan_project(today, method, stage, rnd, cal):
    """The notices of one demo project in `stage` today (see STAGES), for `method` (a
    models.Method value), drawing its choices from `rnd` (random.Random)."""
    if stage not in EXPECTED_STAGE:
        raise ValueError(f"unknown demo stage {stage!r}")
    days = _Days(cal)
    if stage == "planning":
        start = days.on_or_before(today - dt.timedelta(days=rnd.randrange(0, 10)))
        planned = days.on_or_after(days.earliest("intention_notice", start) + dt.timedelta(days=rnd.randrange(0, 21)))
        notices = (PlannedNotice("intention", start, {"planned_start": planned}),)
        service_start = planned + dt.timedelta(days=60)
        return ProjectPlan(method, stage, today, notices, service_start, _year_later(service_start))
    draws = {
        "gap": rnd.randrange(1, 4),
        "open_days": rnd.randrange(2, 15),
        "step": rnd.randrange(1, 4),
        "late": rnd.randrange(2, 7),
        "result": rnd.randrange(1, 3),
        "sign": rnd.randrange(5, 13),
        "start": rnd.randrange(1, 8),
    }
    target = today - dt.timedelta(days=rnd.randrange(0, 6 if stage == "open" else 15))
    first = days.on_or_before(target)
    while True:
        notices, deadline_day = _chain(days, method, stage, first, today, draws)
        over = (_due(stage, notices, deadline_day) - target).days
        if over <= 0:
            break
        first = days.on_or_before(first - dt.timedelta(days=over))
    notices = [_intention(days, first, rnd), *notices]
    contract = next((n for n in notices if n.kind == "contract"), None)
    if contract is not None:
        service_start, service_end = contract.dates["contract_start"], contract.dates["contract_end"]
    else:
        service_start = deadline_day + dt.timedelta(days=30)
        service_end = _year_later(service_start)
    return ProjectPlan(method, stage, today, tuple(notices), service_start, service_end)
