"""A tender notice that waited too long for review: the city reviewer's approval must not publish it
with a bid period shorter than the law allows. The page goes back to the editor with the rule's
message, and nothing fails."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from wagtail.models import TaskState, WorkflowState

from portal.disclosures.factories import NoticeIndexPageFactory
from portal.disclosures.models import Method, NoticeKind, NoticePage, ProcurementProjectPage
from portal.home.roles import CITY_REVIEWERS, COUNTY_EDITORS, assign_user, ensure_region_folders, setup_roles
from portal.reference.models import ServiceItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(home_page, regions):
    index = NoticeIndexPageFactory(parent=home_page)
    setup_roles(sections=[index])
    folders = ensure_region_folders(index)
    project = ProcurementProjectPage(
        title="西湖区特困人员照料护理服务采购项目",
        slug="xh-care",
        project_number="ZJ-WF-0001",
        purchaser="西湖区民政局",
        region=regions["330106"],
        method=Method.OPEN,
        budget=Decimal("800000.00"),
        contact_name="王老师",
        contact_phone="0571-87000000",
        summary="为辖区特困人员提供上门照料护理服务。",
    )
    folders["330106"].add_child(instance=project)
    project.service_items.set([ServiceItem.objects.get(name="社会救助对象照料护理")])
    project.save_revision().publish()
    User = get_user_model()
    editor = assign_user(User.objects.create_user("xh-ed", "e@example.org", "pw"), COUNTY_EDITORS, regions["330106"])
    reviewer = assign_user(User.objects.create_user("hz-rv", "r@example.org", "pw"), CITY_REVIEWERS, regions["330100"])
    return project, editor, reviewer


def _submit_tender(project, editor, bid_deadline):
    notice = NoticePage(
        title="西湖区特困人员照料护理服务项目公开招标公告",
        slug="tender",
        kind=NoticeKind.TENDER,
        number="ZJ-WF-0001-ZB",
        body="<p>欢迎符合条件的供应商参加投标。</p>",
        bid_deadline=bid_deadline,
        live=False,
    )
    project.add_child(instance=notice)
    revision = notice.save_revision(user=editor)
    workflow = notice.get_workflow()
    assert workflow is not None and workflow.name == "市级审核·杭州市"
    workflow.start(notice, editor)
    return notice, revision


def _approve(client, reviewer, notice):
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(notice.pk))
    task_state = state.current_task_state
    client.force_login(reviewer)
    url = reverse("wagtailadmin_pages:workflow_action", args=[notice.pk, "approve", task_state.pk])
    return client.post(url, {"comment": "同意"}), state, task_state


def test_late_approval_returns_the_notice_with_the_rule(client, setup, monkeypatch):
    project, editor, reviewer = setup
    today = timezone.localdate()
    notice, _ = _submit_tender(
        project, editor, timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=21), dt.time(9, 30)))
    )
    # The reviewer approves twelve days later: only nine days would remain before the bid deadline.
    later = timezone.now() + dt.timedelta(days=12)
    monkeypatch.setattr(timezone, "now", lambda: later)
    response, state, task_state = _approve(client, reviewer, notice)
    assert response.status_code == 302
    notice.refresh_from_db()
    state.refresh_from_db()
    assert not notice.live
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    rejected = TaskState.objects.get(pk=task_state.pk)
    assert rejected.status == TaskState.STATUS_REJECTED
    assert "无法发布" in rejected.get_comment() and "政府采购法第三十五条" in rejected.get_comment()


def test_timely_approval_publishes(client, setup):
    project, editor, reviewer = setup
    today = timezone.localdate()
    notice, _ = _submit_tender(
        project, editor, timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=25), dt.time(9, 30)))
    )
    response, state, _ = _approve(client, reviewer, notice)
    assert response.status_code == 302
    notice.refresh_from_db()
    assert notice.live and NoticePage.objects.live().filter(pk=notice.pk).exists()
