"""The Wagtail admin refuses to publish a tender notice whose bid deadline is too short, naming
the rule, the citation and the earliest lawful date; a lawful one is published."""

import datetime as dt

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from portal.disclosures.models import Method, NoticeKind, NoticePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.gov.cn", "pw")
    client.force_login(user)
    return client


def _post(admin_client, project, bid_deadline, action="action-publish"):
    url = reverse("wagtailadmin_pages:add", args=("disclosures", "noticepage", project.pk))
    data = nested_form_data(
        {
            "title": "社会救助对象照料护理服务招标公告",
            "slug": "tender-notice",
            "kind": NoticeKind.TENDER,
            "number": "ZJ-TEST-ZB-01",
            "published_on": "2026-09-13",
            "body": rich_text("<p>欢迎符合条件的供应商参加投标。</p>"),
            "bid_deadline": bid_deadline,
            "affects_bids": "on",
            "documents": inline_formset([]),
            "comments": inline_formset([]),
        }
    )
    data[action] = "1"
    return admin_client.post(url, data)


def test_admin_refuses_too_short_bid_deadline(admin_client, make_project):
    project = make_project(method=Method.OPEN)
    response = _post(admin_client, project, "2026-10-07 09:30")
    assert response.status_code == 200
    html = response.content.decode()
    assert "公开招标等标期" in html
    assert "政府采购法第三十五条" in html
    assert "2026-10-08" in html
    assert not NoticePage.objects.filter(project=project).exists()


def test_admin_publishes_lawful_bid_deadline(admin_client, make_project):
    project = make_project(method=Method.OPEN)
    response = _post(admin_client, project, "2026-10-08 09:30")
    assert response.status_code == 302
    notice = NoticePage.objects.get(project=project)
    assert notice.live and notice.published_on == dt.date(2026, 9, 13)
    project.refresh_from_db()
    assert project.bid_deadline is not None


def test_admin_draft_with_short_deadline_is_saved_as_draft(admin_client, make_project):
    project = make_project(method=Method.OPEN)
    response = _post(admin_client, project, "2026-10-07 09:30", action="action-save-draft")
    assert response.status_code == 302
    notice = NoticePage.objects.get(project=project)
    assert not notice.live


def test_admin_warns_about_year_without_official_calendar(admin_client, make_project):
    project = make_project(method=Method.OPEN)
    url = reverse("wagtailadmin_pages:add", args=("disclosures", "noticepage", project.pk))
    data = nested_form_data(
        {
            "title": "跨年招标公告",
            "slug": "cross-year",
            "kind": NoticeKind.TENDER,
            "published_on": "2026-12-20",
            "body": rich_text("<p>正文</p>"),
            "bid_deadline": "2027-01-20 09:30",
            "affects_bids": "on",
            "documents": inline_formset([]),
            "comments": inline_formset([]),
        }
    )
    data["action-publish"] = "1"
    response = admin_client.post(url, data, follow=True)
    assert NoticePage.objects.get(project=project).live
    messages = [str(m) for m in response.context["messages"]]
    assert any("2027" in m and "尚未载入" in m for m in messages)


def test_project_form_region_defaults_to_folder_and_stays_within_it(admin_client, folders, regions):
    url = reverse("wagtailadmin_pages:add", args=("disclosures", "procurementprojectpage", folders["330106"].pk))
    response = admin_client.get(url)
    assert response.status_code == 200
    field = response.context["form"].fields["region"]
    codes = set(field.queryset.values_list("code", flat=True))
    assert "330106" in codes and "330203" not in codes
    assert response.context["form"].initial["region"] == regions["330106"].pk
