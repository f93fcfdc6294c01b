"""Years without official holiday data (2027 begins in a month; chinesecalendar has none): deadlines
are computed on the weekday rule and marked unofficial, editors are warned, nothing is refused for
that reason alone; an administrator loads the State Council's schedule for the year from a CSV file
(`manage.py load_holidays`) or enters it in the admin, and the year becomes official, the deadlines
computed afterwards and the open complaints' answer deadlines with it."""

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from portal.disclosures.models import Method, NoticeKind
from portal.disclosures.rules import compute
from portal.reference.models import CalendarDay, CalendarYear
from portal.reference.workdays import calendar

from .conftest import aware

pytestmark = pytest.mark.django_db
D = dt.date

# A schedule of the shape the State Council publishes (the dates are illustrative, not 2027's real ones).
SCHEDULE_2027 = """date,kind,name
2027-01-01,休,元旦
2027-02-05,休,春节
2027-02-06,休,春节
2027-02-07,休,春节
2027-02-08,休,春节
2027-02-09,休,春节
2027-02-10,休,春节
2027-02-11,休,春节
2027-02-12,休,春节
2027-02-14,班,春节
2027-02-20,班,春节
2027-10-01,休,国庆节
2027-10-04,休,国庆节
2027-10-05,休,国庆节
2027-10-06,休,国庆节
2027-10-07,休,国庆节
2027-10-09,班,国庆节
"""


@pytest.fixture
def schedule(tmp_path):
    def write(text):
        path = tmp_path / "schedule.csv"
        path.write_text(text, encoding="utf-8")
        return str(path)

    return write


def test_2027_deadlines_follow_the_weekday_rule_and_say_so():
    result = compute("tender_notice_period", D(2027, 2, 5))
    assert not result.official and result.deadline.unofficial_years == (2027,)
    assert result.date == D(2027, 2, 12)  # five weekdays, no holiday assumed
    assert not calendar().is_official(2028)


def test_load_holidays_makes_the_year_official(schedule):
    out = StringIO()
    call_command("load_holidays", "2027", schedule(SCHEDULE_2027), stdout=out)
    assert "2027 is official" in out.getvalue()
    year = CalendarYear.objects.get(year=2027)
    assert year.official and "国务院办公厅" in year.source
    assert CalendarDay.objects.filter(date__year=2027, kind=CalendarDay.Kind.HOLIDAY).count() == 14
    cal = calendar()
    assert cal.is_official(2027)
    assert not cal.is_workday(D(2027, 2, 8)) and cal.is_workday(D(2027, 2, 14))
    # From Thu 4 Feb: 5-12 Feb are holidays now; the working days are 14 (Sunday make-up), 15, 16, 17, 18 Feb.
    result = compute("tender_notice_period", D(2027, 2, 4))
    assert result.official and result.date == D(2027, 2, 18)
    # Loading again changes nothing; a corrected file replaces the year's days.
    call_command("load_holidays", "2027", schedule(SCHEDULE_2027), stdout=StringIO())
    assert CalendarDay.objects.filter(date__year=2027).count() == 17
    shorter = "\n".join(line for line in SCHEDULE_2027.splitlines() if "国庆" not in line) + "\n"
    call_command("load_holidays", "2027", schedule(shorter), stdout=StringIO())
    assert CalendarDay.objects.filter(date__year=2027).count() == 11
    assert calendar().is_workday(D(2027, 10, 4))


def test_bad_rows_are_all_reported_and_nothing_is_written(schedule):
    bad = (
        SCHEDULE_2027
        + "2027-13-01,休,春节\n2028-01-01,休,元旦\n2027-03-03,班,调休\n2027-01-01,休,元旦\n2027-04-05,放,清明\n"
    )
    err = StringIO()
    with pytest.raises(CommandError, match="5 bad rows"):
        call_command("load_holidays", "2027", schedule(bad), stdout=StringIO(), stderr=err)
    report = err.getvalue()
    for line in (19, 20, 21, 22, 23):
        assert f"line {line}:" in report, report
    assert "调休上班日只能是周六或周日" in report and "重复" in report
    assert not CalendarDay.objects.filter(date__year=2027).exists()
    assert not CalendarYear.objects.filter(year=2027, official=True).exists()
    err = StringIO()
    with pytest.raises(CommandError, match="1 bad rows"):
        call_command("load_holidays", "2027", schedule("day,type\n2027-01-01,休\n"), stderr=err)
    assert "表头必须包含" in err.getvalue()


def test_dry_run_writes_nothing(schedule):
    out = StringIO()
    call_command("load_holidays", "2027", schedule(SCHEDULE_2027), "--dry-run", stdout=out)
    assert "14 holidays, 3 make-up working days" in out.getvalue()
    assert not CalendarDay.objects.filter(date__year=2027).exists()


def test_open_complaints_get_official_deadlines_when_the_year_is_loaded(schedule, regions):
    from portal.oversight.factories import CaseFactory, HandlingBodyFactory
    from portal.oversight.models import Status

    HandlingBodyFactory(region=regions["330106"])
    received = timezone.make_aware(dt.datetime(2027, 1, 25, 10, 0))
    open_case = CaseFactory(region=regions["330106"], received_at=received, status=Status.ACCEPTED)
    closed = CaseFactory(region=regions["330106"], received_at=received, status=Status.CLOSED)
    assert not open_case.due_official and open_case.due_days == 15
    before = open_case.due_date
    call_command("load_holidays", "2027", schedule(SCHEDULE_2027), stdout=StringIO())
    open_case.refresh_from_db()
    closed.refresh_from_db()
    assert open_case.due_official
    # Eight Spring Festival days off and two make-up Sundays: six working days later.
    assert open_case.due_date == calendar().add_working_days(D(2027, 1, 25), 15).date
    assert open_case.due_date > before
    assert not closed.due_official and closed.due_date == before  # history is not rewritten


def test_year_marked_official_in_the_admin_is_official(admin_client):
    """The admin path: days in 节假日与调休, then the year in 节假日年度 marked official."""
    url = reverse("wagtailsnippets_reference_calendarday:add")
    response = admin_client.post(url, {"date": "2027-02-08", "kind": "holiday", "name": "春节", "source": "manual"})
    assert response.status_code == 302, response.content.decode()[:2000]
    url = reverse("wagtailsnippets_reference_calendaryear:add")
    response = admin_client.post(url, {"year": "2027", "official": "on", "source": "国务院办公厅通知", "note": ""})
    assert response.status_code == 302
    cal = calendar()
    assert cal.is_official(2027) and not cal.is_workday(D(2027, 2, 8))


@time_machine.travel(dt.datetime(2027, 1, 4, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=True)
def test_in_2027_notices_are_published_with_a_warning_not_refused(make_project, publish_notice, client):
    project = make_project(method=Method.OPEN)
    assert timezone.localdate() == D(2027, 1, 4)
    tender = publish_notice(
        project,
        NoticeKind.TENDER,
        published_on=D(2027, 1, 4),
        bid_deadline=aware(2027, 1, 25),
        documents_until=D(2027, 1, 11),
    )
    assert tender.live
    assert any("2027年" in w and "周一至周五" in w for w in tender.rule_warnings())
    project.refresh_from_db()
    assert project.stage() == "open"
    page = client.get(project.url)
    assert page.status_code == 200
    calculator = client.get(
        reverse("disclosures:deadline_calculator"), {"rule": "open_tender_bid", "start": "2027-01-04"}
    )
    assert "尚未载入国务院办公厅公布的节假日安排" in calculator.content.decode()


@time_machine.travel(dt.datetime(2027, 3, 1, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=True)
def test_result_challenge_deadline_in_2027_is_marked_unofficial(make_project, publish_notice, client):
    project = make_project(method=Method.INQUIRY)
    publish_notice(project, NoticeKind.TENDER, published_on=D(2027, 2, 15), bid_deadline=aware(2027, 2, 19))
    result = publish_notice(
        project,
        NoticeKind.RESULT,
        published_on=D(2027, 2, 24),
        decision_date=D(2027, 2, 23),
        supplier_name="示例社会工作服务中心",
        amount=100000,
    )
    body = client.get(result.url).content.decode()
    assert "提出质疑" in body and "尚未公布，按周一至周五推算" in body
    body = client.get(project.url).content.decode()
    assert "对结果提出质疑截止" in body and "尚未公布，按周一至周五推算" in body
