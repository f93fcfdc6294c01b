"""Editorial workflow of campaigns, through the foundation's region folders and city review
workflows: drafts and preview, review by the city reviewer, scheduled publishing, expiry, revision
comparison, and editors confined to their own region."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from portal.publicity.factories import CampaignPageFactory
from portal.publicity.models import CampaignPage

pytestmark = pytest.mark.django_db


def form_data(slug, action, **overrides):
    data = {
        "title": "滨江区低保政策宣传周",
        "slug": slug,
        "summary": "低保政策进社区，困难群众应知尽知。",
        "audience": "people",
        "region": "",
        "start_date": "2026-03-01",
        "end_date": "2026-03-31",
        "cover_alt": "",
        "body": streamfield(
            [
                (
                    "key_facts",
                    {"heading": "政策要点", "facts": streamfield([("item", {"label": "热线", "value": "12345"})])},
                )
            ]
        ),
        "comments": inline_formset([]),
        action: "1",
    }
    data.update(overrides)
    return nested_form_data(data)


def add_url(folder):
    return reverse("wagtailadmin_pages:add", args=["publicity", "campaignpage", folder.pk])


def test_county_editor_campaign_waits_for_city_review_then_goes_live(client, users, folders, regions):
    client.force_login(users["binjiang"])
    response = client.post(add_url(folders["330108"]), form_data("bj-week", "action-submit"))
    assert response.status_code == 302, response.content.decode()[:2000]
    page = CampaignPage.objects.get(slug="bj-week")
    assert not page.live
    assert page.region == regions["330108"], "region defaults to the folder's"
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "市级审核·杭州市"
    assert client.get(page.url if page.url else "/publicity/330100/330108/bj-week/").status_code == 404

    # A reviewer of another city cannot approve it.
    approve = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.current_task_state.pk])
    client.force_login(users["ningbo"])
    client.post(approve, {"comment": ""})
    page.refresh_from_db()
    assert not page.live

    client.force_login(users["hangzhou"])
    response = client.post(approve, {"comment": "同意发布"})
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    state.refresh_from_db()
    assert page.live and state.status == WorkflowState.STATUS_APPROVED
    client.logout()
    assert "滨江区低保政策宣传周" in client.get(page.url).content.decode()
    assert "滨江区低保政策宣传周" in client.get("/publicity/").content.decode()


def test_county_editor_publish_action_does_not_publish(client, users, folders):
    client.force_login(users["binjiang"])
    client.post(add_url(folders["330108"]), form_data("bj-direct", "action-publish"))
    page = CampaignPage.objects.get(slug="bj-direct")
    assert not page.live


def test_editor_cannot_add_in_another_county_or_at_province_level(client, users, folders, index):
    client.force_login(users["xihu"])
    response = client.post(add_url(folders["330108"]), form_data("intrude", "action-submit"))
    assert response.status_code in (302, 403)
    assert not CampaignPage.objects.filter(slug="intrude").exists()
    assert not folders["330108"].permissions_for_user(users["xihu"]).can_add_subpage()
    assert not index.permissions_for_user(users["xihu"]).can_add_subpage()
    assert folders["330106"].permissions_for_user(users["xihu"]).can_add_subpage()


def test_editor_cannot_claim_another_region_in_the_form(client, users, folders, regions):
    client.force_login(users["xihu"])
    response = client.post(
        add_url(folders["330106"]), form_data("claim", "action-submit", region=str(regions["330108"].pk))
    )
    assert response.status_code == 200  # the form is shown again with the error
    assert "所属地区须在“杭州市西湖区”范围内" in response.content.decode()
    assert 'value="滨江区低保政策宣传周"' in response.content.decode()  # what was typed is kept
    assert not CampaignPage.objects.filter(slug="claim").exists()


def test_campaign_types_only_in_the_publicity_section(folders, section, roles):
    assert CampaignPage.can_create_at(folders["330106"])
    assert not CampaignPage.can_create_at(roles["330106"]), "not in the news section's folders"


def test_draft_preview(client, users, folders):
    page = CampaignPageFactory(parent=folders["330108"], title="滨江区草稿活动", slug="bj-draft", live=False)
    page.save_revision()
    client.force_login(users["binjiang"])
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    data = form_data("bj-draft", "action-submit", title="预览中的新标题")
    response = client.post(preview_url, data)
    assert response.status_code == 200 and response.json()["is_valid"]
    html = client.get(preview_url).content.decode()
    assert "预览中的新标题" in html
    assert "pub-key-facts" in html


def test_scheduled_publishing_goes_live_after_approval(users, folders, monkeypatch):
    page = CampaignPageFactory(parent=folders["330108"], title="定时发布活动", slug="scheduled", live=False)
    page.go_live_at = timezone.now() + datetime.timedelta(days=2)
    revision = page.save_revision(user=users["binjiang"])
    revision.publish(user=users["hangzhou"])
    page.refresh_from_db()
    revision.refresh_from_db()
    assert not page.live and revision.approved_go_live_at is not None

    call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live, "not before its time"

    # Move time past go_live_at (Wagtail and the command read the clock through timezone.now).
    later = timezone.now() + datetime.timedelta(days=3)
    monkeypatch.setattr(timezone, "now", lambda: later)
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live and page.live_revision_id == revision.pk


def test_expiry_takes_a_campaign_down(client, folders):
    page = CampaignPageFactory(parent=folders["330106"], title="到期下线活动", slug="expiring")
    page.expire_at = timezone.now() + datetime.timedelta(days=1)
    page.save_revision().publish()
    assert client.get(page.url).status_code == 200
    CampaignPage.objects.filter(pk=page.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=1))
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live and page.expired
    assert client.get("/publicity/330100/330106/expiring/").status_code == 404
    assert "到期下线活动" not in client.get("/publicity/").content.decode()


def test_revision_comparison(client, users, folders):
    page = CampaignPageFactory(parent=folders["330108"], title="对比修订活动", slug="compare")
    first = page.save_revision(user=users["binjiang"])
    first.publish()
    page.summary = "修改后的摘要：增加入户走访。"
    second = page.save_revision(user=users["binjiang"])
    client.force_login(users["hangzhou"])
    url = reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, first.pk, second.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert "修改后的摘要" in response.content.decode()


def test_admin_forms_render_for_a_county_editor(client, users, folders):
    client.force_login(users["binjiang"])
    for model in ("campaignpage", "materialpage", "trainingcoursepage"):
        url = reverse("wagtailadmin_pages:add", args=["publicity", model, folders["330108"].pk])
        assert client.get(url).status_code == 200, model
    html = client.get(add_url(folders["330108"])).content.decode()
    assert 'type="checkbox" name="channels"' in html and "微信公众号" in html
