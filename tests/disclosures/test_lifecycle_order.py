"""The project/notice lifecycle under any approval order.

A county editor creates a project and its tender notice and submits both for review; the city
reviewer may approve them in either order. Whatever the order, the notice is never live while its
project is not (approving the notice first publishes the project in the same review), and the
project's lifecycle fields (stage, bid deadline, award and contract dates) are recomputed on every
publish and unpublish of a notice or of the project, including scheduled go-live and expiry."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import TaskState, WorkflowState

from portal.disclosures.factories import NoticeIndexPageFactory
from portal.disclosures.models import Method, NoticeKind, NoticePage, ProcurementProjectPage, Stage
from portal.home.roles import CITY_REVIEWERS, COUNTY_EDITORS, assign_user, ensure_region_folders, setup_roles
from portal.reference.models import ServiceItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(home_page, regions):
    index = NoticeIndexPageFactory(parent=home_page)
    setup_roles(sections=[index])
    folders = ensure_region_folders(index)
    User = get_user_model()
    editor = assign_user(User.objects.create_user("xh-ed", "e@example.org", "pw"), COUNTY_EDITORS, regions["330106"])
    reviewer = assign_user(User.objects.create_user("hz-rv", "r@example.org", "pw"), CITY_REVIEWERS, regions["330100"])
    return folders, editor, reviewer


def _deadline(days):
    return timezone.make_aware(dt.datetime.combine(timezone.localdate() + dt.timedelta(days=days), dt.time(9, 30)))


def _submitted_project(folders, regions, editor, number="ZJ3301-2026-90001"):
    project = ProcurementProjectPage(
        title="西湖区特困人员照料护理服务项目",
        slug=number.lower(),
        project_number=number,
        purchaser="杭州市西湖区民政局",
        region=regions["330106"],
        method=Method.OPEN,
        budget=Decimal("800000.00"),
        contact_name="王老师",
        contact_phone="0571-87000000",
        summary="为辖区特困人员提供上门照料护理服务。",
        live=False,
    )
    folders["330106"].add_child(instance=project)
    project.service_items.set([ServiceItem.objects.get(name="社会救助对象照料护理")])
    project.save_revision(user=editor)
    project.get_workflow().start(project, editor)
    return ProcurementProjectPage.objects.get(pk=project.pk)


def _submitted_tender(project, editor, days=25, **fields):
    notice = NoticePage(
        title="西湖区特困人员照料护理服务项目公开招标公告",
        slug="tender",
        kind=NoticeKind.TENDER,
        body="<p>欢迎符合条件的供应商参加投标。</p>",
        bid_deadline=_deadline(days),
        live=False,
        **fields,
    )
    project.add_child(instance=notice)
    notice.save_revision(user=editor)
    notice.get_workflow().start(notice, editor)
    return NoticePage.objects.get(pk=notice.pk)


def _approve(client, reviewer, page):
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(page.pk), status="in_progress")
    client.force_login(reviewer)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.current_task_state.pk])
    response = client.post(url, {"comment": "同意"})
    assert response.status_code == 302
    return state


def _open_now():
    return ProcurementProjectPage.objects.live().open_for_bids()


def _assert_open(project, notice):
    project.refresh_from_db()
    notice.refresh_from_db()
    assert project.live and notice.live
    assert project.bid_deadline == notice.bid_deadline
    assert project.stage() == Stage.OPEN
    assert project in _open_now()


def test_project_first_then_notice(client, people, regions):
    folders, editor, reviewer = people
    project = _submitted_project(folders, regions, editor)
    notice = _submitted_tender(project, editor)
    _approve(client, reviewer, project)
    project.refresh_from_db()
    assert project.live and project.stage() == Stage.PLANNING
    _approve(client, reviewer, notice)
    _assert_open(project, notice)


def test_notice_first_publishes_the_project_in_the_same_review(client, people, regions):
    """The defect: the notice went live under an unpublished project, and the project's later
    approval wrote the empty lifecycle fields of its submitted revision over the notice's."""
    folders, editor, reviewer = people
    project = _submitted_project(folders, regions, editor)
    notice = _submitted_tender(project, editor)
    _approve(client, reviewer, notice)
    _assert_open(project, notice)
    project_state = WorkflowState.objects.get(object_id=str(project.pk), base_content_type__model="page")
    assert project_state.status == WorkflowState.STATUS_APPROVED
    assert "一并审核通过" in TaskState.objects.filter(workflow_state=project_state).get().get_comment()
    # The project's public page and the notice's link to it work.
    assert client.get(project.url).status_code == 200
    assert client.get(notice.url).status_code == 200


def test_notice_approval_is_refused_while_the_project_was_never_submitted(client, people, regions):
    folders, editor, reviewer = people
    project = _submitted_project(folders, regions, editor)
    WorkflowState.objects.get(object_id=str(project.pk)).cancel(user=editor)
    notice = _submitted_tender(project, editor)
    state = _approve(client, reviewer, notice)
    notice.refresh_from_db()
    project.refresh_from_db()
    assert not notice.live and not project.live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    comment = TaskState.objects.filter(workflow_state=state).get().get_comment()
    assert "所属项目" in comment and "尚未发布" in comment and "提交审核" in comment


def test_direct_publish_of_a_notice_under_an_unpublished_project_is_refused(people, regions):
    folders, editor, _ = people
    project = _submitted_project(folders, regions, editor)
    notice = NoticePage(title="招标公告", slug="tender", kind=NoticeKind.TENDER, bid_deadline=_deadline(25), live=False)
    project.add_child(instance=notice)
    with pytest.raises(ValidationError) as refused:
        notice.save_revision().publish()
    assert "所属项目" in str(refused.value)
    assert not NoticePage.objects.get(pk=notice.pk).live


def test_republished_project_keeps_its_lifecycle(people, regions, client):
    """A project edited after its notices went live: its new revision (whose content holds the
    lifecycle fields of when it was loaded) must not overwrite the lifecycle."""
    folders, editor, reviewer = people
    project = _submitted_project(folders, regions, editor)
    stale = project.get_latest_revision()
    notice = _submitted_tender(project, editor)
    _approve(client, reviewer, project)
    _approve(client, reviewer, notice)
    stale.publish()  # an old revision published again (e.g. revert)
    _assert_open(project, notice)


def test_unpublishing_the_project_takes_its_notices_down(people, regions, client):
    folders, editor, reviewer = people
    project = _submitted_project(folders, regions, editor)
    notice = _submitted_tender(project, editor)
    _approve(client, reviewer, notice)
    project.refresh_from_db()
    project.unpublish()
    notice.refresh_from_db()
    project.refresh_from_db()
    assert not notice.live
    assert project.bid_deadline is None and project.stage() == Stage.PLANNING
    # Published again: the notice must be published again too before the project is open.
    project.get_latest_revision().publish()
    project.refresh_from_db()
    assert project.stage() == Stage.PLANNING
    notice.get_latest_revision().publish()
    _assert_open(project, notice)


def test_unpublishing_the_notice_recomputes_the_stage(people, regions, client):
    folders, editor, reviewer = people
    project = _submitted_project(folders, regions, editor)
    notice = _submitted_tender(project, editor)
    _approve(client, reviewer, notice)
    notice.refresh_from_db()
    notice.unpublish()
    project.refresh_from_db()
    assert project.live and project.bid_deadline is None and project not in _open_now()


def test_scheduled_notice_goes_live_with_its_lifecycle(people, regions, client):
    """Approved with a go-live time: the project is published now, the notice at its time (by
    publish_scheduled), and only then is the project open for bids."""
    folders, editor, reviewer = people
    project = _submitted_project(folders, regions, editor)
    go_live = timezone.now() + dt.timedelta(days=1)
    notice = _submitted_tender(project, editor, days=26, go_live_at=go_live)
    _approve(client, reviewer, notice)
    project.refresh_from_db()
    notice.refresh_from_db()
    assert project.live and not notice.live
    assert project.bid_deadline is None
    with time_machine.travel(go_live + dt.timedelta(minutes=5), tick=False):
        call_command("publish_scheduled", verbosity=0)
        _assert_open(project, notice)


def test_scheduled_expiry_of_the_project_recomputes_the_lifecycle(people, regions, client):
    folders, editor, reviewer = people
    project = _submitted_project(folders, regions, editor)
    notice = _submitted_tender(project, editor)
    _approve(client, reviewer, notice)
    expiry = timezone.now() + dt.timedelta(days=2)
    ProcurementProjectPage.objects.filter(pk=project.pk).update(expire_at=expiry)
    with time_machine.travel(expiry + dt.timedelta(minutes=5), tick=False):
        call_command("publish_scheduled", verbosity=0)
    project.refresh_from_db()
    notice.refresh_from_db()
    assert not project.live and not notice.live
    assert project.bid_deadline is None


def test_notice_cannot_go_live_before_its_scheduled_project(people, regions, client):
    """The project's revision asks to go live in three days: the notice's approval now would put it
    online first, so the notice goes back with the project's date and the project stays in review."""
    folders, editor, reviewer = people
    project = _submitted_project(folders, regions, editor)
    revision = project.get_latest_revision()
    revision.content["go_live_at"] = (timezone.now() + dt.timedelta(days=3)).isoformat()
    revision.save()
    notice = _submitted_tender(project, editor)
    state = _approve(client, reviewer, notice)
    notice.refresh_from_db()
    project.refresh_from_db()
    assert not notice.live and not project.live
    comment = TaskState.objects.filter(workflow_state=state).get().get_comment()
    assert "定于" in comment and "不能早于项目" in comment
    project_state = WorkflowState.objects.get(object_id=str(project.pk), base_content_type__model="page")
    assert project_state.status == WorkflowState.STATUS_IN_PROGRESS
