"""The demo's date plan is lawful on every day: for each day from 2025-01-01 to 2028-12-31 and every
procurement method and demo stage, the planned notices pass the same rule checks the admin applies
at publication (portal.disclosures.enforcement.check_notice), nothing is published after today or
on a rest day, and the project is in the wanted stage today. A pure function of "today": no pages,
no database (the calendar is the chinesecalendar package's; 2027 and 2028 have no official data,
so the weekday rule applies there, as in the portal). The database is only touched for the content
type that an unsaved page instance looks up once."""

import copy
import datetime as dt
import functools
import random
import zlib

import pytest
from django.utils import timezone

from portal.disclosures.demo_plan import EXPECTED_STAGE, STAGES, plan_project
from portal.disclosures.enforcement import check_notice
from portal.disclosures.models import Method, NoticeKind, NoticePage, ProcurementProjectPage
from portal.disclosures.rules import compute
from portal.reference.data.holidays import package_calendar

pytestmark = pytest.mark.django_db

FIRST, LAST = dt.date(2025, 1, 1), dt.date(2028, 12, 31)
FILLERS = {
    NoticeKind.SINGLE_SOURCE: {"supplier_name": "示例机构", "single_source_reason": "唯一供应商"},
    NoticeKind.RESULT: {"supplier_name": "示例机构", "amount": 1},
    NoticeKind.CONTRACT: {"supplier_name": "示例机构", "amount": 1},
    NoticeKind.TERMINATION: {"termination_reason": "不足三家"},
    NoticeKind.ACCEPTANCE: {"acceptance_result": "passed", "recipients_participation": "服务对象参与"},
    NoticeKind.CORRECTION: {"affects_bids": True},
}


def _days():
    day = FIRST
    while day <= LAST:
        yield day
        day += dt.timedelta(days=1)


@functools.cache
def _blank(model, **fields):
    """One unsaved instance per kind: pages are copied from it, which is ten times faster than
    building each (Page.__init__ looks up its content type and sets every default)."""
    return model(locale_id=1, **fields)


def _new(model, **fields):
    instance = copy.copy(_blank(model, **{k: v for k, v in fields.items() if k in ("kind", "method")}))
    for name, value in fields.items():
        setattr(instance, name, value)
    return instance


def _problems(plan, cal):
    """Every way in which `plan` breaks the rules or misses its stage (empty when lawful)."""
    today = plan.today
    problems = []
    project = _new(ProcurementProjectPage, method=plan.method, title="示例项目")
    current = None  # the bid deadline in force, for corrections
    state = {"bid_deadline": None, "awarded_on": None, "contracted_on": None, "terminated_on": None}
    previous = None
    for planned in plan.notices:
        where = f"{planned.kind} {planned.published_on}"
        if planned.published_on > today:
            problems.append(f"{where}: published after today")
        if not cal.is_workday(planned.published_on):
            problems.append(f"{where}: published on a rest day")
        if previous is not None and planned.published_on < previous:
            problems.append(f"{where}: published before the notice that precedes it")
        previous = planned.published_on
        notice = _new(NoticePage, kind=planned.kind, published_on=planned.published_on, **planned.dates)
        for name, value in FILLERS.get(planned.kind, {}).items():
            setattr(notice, name, value)
        notice.project = project
        check = check_notice(notice, cal=cal, current_deadline=current)
        problems += [f"{where}: {name}: {m}" for name, messages in check.errors.items() for m in messages]
        if planned.kind == NoticeKind.RESULT:
            late = check.late_working_days or 0
            if (late > 0) != (plan.stage == "late"):
                problems.append(f"{where}: {late} working days late in stage {plan.stage}")
            state["awarded_on"] = planned.dates["decision_date"]
            if planned.dates["decision_date"] > planned.published_on:
                problems.append(f"{where}: decided after the result notice")
        if planned.kind in (NoticeKind.TENDER, NoticeKind.PREQUALIFICATION):
            if planned.kind == NoticeKind.TENDER:
                current = planned.dates["bid_deadline"]
                state["bid_deadline"] = current
            elif planned.dates["bid_deadline"].date() >= today and plan.stage != "open":
                problems.append(f"{where}: prequalification still open")
        if planned.kind == NoticeKind.SINGLE_SOURCE:
            state["bid_deadline"] = dt.datetime.combine(planned.dates["publicity_end"], dt.time(23, 59))
        if planned.kind == NoticeKind.CONTRACT:
            if check.late_working_days:
                problems.append(f"{where}: contract notice {check.late_working_days} working days late")
            signing_limit = compute("contract_signing", plan.notice(NoticeKind.RESULT).published_on, cal).date
            if planned.dates["signed_on"] > signing_limit:
                problems.append(f"{where}: signed after the 30-day limit {signing_limit}")
            state["contracted_on"] = planned.dates["signed_on"]
        if planned.kind == NoticeKind.TERMINATION:
            state["terminated_on"] = planned.published_on
        if planned.kind == NoticeKind.ACCEPTANCE and planned.dates["accepted_on"] > planned.published_on:
            problems.append(f"{where}: accepted after the acceptance notice")
    first = plan.notices[0]
    if first.kind != NoticeKind.INTENTION:
        problems.append("the intention notice does not come first")
    elif len(plan.notices) > 1 and first.dates["planned_start"] != plan.notices[1].published_on:
        problems.append("procurement does not start on the intention's planned start")
    if plan.service_end < plan.service_start:
        problems.append("service period ends before it starts")
    for key, value in state.items():
        if isinstance(value, dt.datetime):
            value = timezone.make_aware(value)
        setattr(project, key, value)
    stage = project.stage(today)
    if stage != EXPECTED_STAGE[plan.stage]:
        problems.append(f"stage today is {stage}, not {EXPECTED_STAGE[plan.stage]}")
    return problems


@pytest.mark.slow
@pytest.mark.clock
def test_demo_date_plan_is_lawful_on_every_day_2025_to_2028():
    cal = package_calendar()
    assert 2026 in cal.official_years and 2027 not in cal.official_years
    failures = []
    plans = 0
    for today in _days():
        for method in Method:
            for stage in STAGES:
                rnd = random.Random(zlib.crc32(f"{today}{method}{stage}".encode()))
                plan = plan_project(today, method, stage, rnd, cal)
                plans += 1
                for problem in _problems(plan, cal):
                    failures.append(f"{today} {method} {stage}: {problem}")
    assert plans == 1461 * len(Method) * len(STAGES)
    assert not failures, f"{len(failures)} problems, e.g.\n" + "\n".join(failures[:20])


def test_plan_today_of_the_report_places_intention_by_the_rules():
    """2026-12-02, the day the fixed offsets failed: a call published in the National Day holiday
    window needs its intention 30 days before, extended past the holiday."""
    cal = package_calendar()
    for stage in STAGES:
        for seed in range(40):
            plan = plan_project(dt.date(2026, 12, 2), Method.OPEN, stage, random.Random(seed), cal)
            assert not _problems(plan, cal), (stage, seed)


def test_problems_are_found_in_a_plan_that_breaks_the_rules():
    """The checker can fail: an intention 20 days before the call and a result a week late in the
    'awarded' stage are reported."""
    import dataclasses

    cal = package_calendar()
    plan = plan_project(dt.date(2026, 11, 16), Method.OPEN, "awarded", random.Random(1), cal)
    intention, tender, *rest = plan.notices
    early = dataclasses.replace(intention, published_on=tender.published_on - dt.timedelta(days=20))
    broken = dataclasses.replace(plan, notices=(early, tender, *rest))
    assert any("planned_start" in p for p in _problems(broken, cal))
    result = plan.notice(NoticeKind.RESULT)
    late = dataclasses.replace(result, published_on=cal.add_working_days(result.published_on, 6).date)
    broken = dataclasses.replace(plan, notices=tuple(late if n is result else n for n in plan.notices))
    assert any("working days late" in p for p in _problems(broken, cal))


def test_the_plan_follows_today():
    cal = package_calendar()
    for today in (dt.date(2025, 1, 2), dt.date(2027, 1, 4), dt.date(2028, 12, 31)):
        plan = plan_project(today, Method.CONSULTATION, "contracted", random.Random(3), cal)
        assert max(n.published_on for n in plan.notices) <= today
        assert (today - plan.notices[0].published_on).days < 200
