"""Region-scoped editing: county editors edit only their county, city reviewers approve their
counties' pages through the workflow, province administrators see everything."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, streamfield

from portal.home.factories import StandardPageFactory
from portal.home.models import StandardPage
from portal.home.roles import CITY_REVIEWERS, COUNTY_EDITORS, PROVINCE_ADMINS, assign_user

pytestmark = pytest.mark.django_db

User = get_user_model()


@pytest.fixture
def users(roles, regions):
    def make(name, role, code=None):
        user = User.objects.create_user(name, f"{name}@example.org", "pw")
        return assign_user(user, role, regions.get(code))

    return {
        "xihu": make("xihu", COUNTY_EDITORS, "330106"),
        "binjiang": make("binjiang", COUNTY_EDITORS, "330108"),
        "haishu": make("haishu", COUNTY_EDITORS, "330203"),
        "hangzhou": make("hangzhou", CITY_REVIEWERS, "330100"),
        "ningbo": make("ningbo", CITY_REVIEWERS, "330200"),
        "province": make("province", PROVINCE_ADMINS),
    }


@pytest.fixture
def binjiang_page(roles):
    page = StandardPageFactory(parent=roles["330108"], title="滨江区社会救助工作动态", slug="bj-news")
    page.save_revision().publish()
    return page


def test_groups_exist_for_every_city_and_county(roles):
    assert Group.objects.filter(name__startswith=CITY_REVIEWERS + "·").count() == 11
    assert Group.objects.filter(name__startswith=COUNTY_EDITORS + "·").count() == 90
    assert Group.objects.filter(name="县级编辑·杭州市西湖区").exists()


def test_setup_roles_is_idempotent(roles, section):
    from portal.home.roles import setup_roles

    before = (Page.objects.count(), Group.objects.count())
    setup_roles()
    assert (Page.objects.count(), Group.objects.count()) == before


def test_county_editor_cannot_edit_or_publish_another_county(users, binjiang_page, client):
    perms = binjiang_page.permissions_for_user(users["xihu"])
    assert not perms.can_edit()
    assert not perms.can_publish()
    assert not perms.can_delete()
    client.force_login(users["xihu"])
    response = client.get(reverse("wagtailadmin_pages:edit", args=[binjiang_page.pk]))
    assert response.status_code in (302, 403)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[binjiang_page.pk]),
        nested_form_data(
            {"title": "被篡改", "slug": "bj-news", "summary": "", "body": streamfield([]), "action-publish": "1"}
        ),
    )
    assert response.status_code in (302, 403)
    binjiang_page.refresh_from_db()
    assert binjiang_page.title == "滨江区社会救助工作动态"
    # Nor can they add pages under another county's folder.
    assert not binjiang_page.get_parent().permissions_for_user(users["xihu"]).can_add_subpage()


def test_county_editor_can_edit_own_county_but_not_publish(users, binjiang_page):
    perms = binjiang_page.permissions_for_user(users["binjiang"])
    assert perms.can_edit()
    assert not perms.can_publish()


def test_city_reviewer_scope(users, binjiang_page, roles):
    assert binjiang_page.permissions_for_user(users["hangzhou"]).can_publish()
    assert not binjiang_page.permissions_for_user(users["ningbo"]).can_edit()
    haishu_page = StandardPageFactory(parent=roles["330203"], title="海曙区动态", slug="hs")
    assert not haishu_page.permissions_for_user(users["hangzhou"]).can_edit()


def test_province_admin_sees_everything(users, binjiang_page, roles):
    perms = binjiang_page.permissions_for_user(users["province"])
    assert perms.can_edit() and perms.can_publish()
    assert roles["330203"].permissions_for_user(users["province"]).can_add_subpage()


def test_workflow_county_submits_city_approves(users, roles, client):
    folder = roles["330108"]
    client.force_login(users["binjiang"])
    add_url = reverse("wagtailadmin_pages:add", args=["home", "standardpage", folder.pk])
    data = nested_form_data(
        {
            "title": "滨江区开展照料护理服务",
            "slug": "bj-care",
            "summary": "摘要",
            "body": streamfield([]),
            "action-publish": "1",
        }
    )
    client.post(add_url, data)
    page = StandardPage.objects.get(slug="bj-care")
    assert not page.live, "a county editor's publish action must not make the page live"

    data = nested_form_data(
        {
            "title": "滨江区开展照料护理服务",
            "slug": "bj-care",
            "summary": "摘要",
            "body": streamfield([]),
            "action-submit": "1",
        }
    )
    client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "市级审核·杭州市"
    task_state = state.current_task_state

    # Another city's reviewer cannot approve it.
    client.force_login(users["ningbo"])
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    client.post(url, {"comment": ""})
    page.refresh_from_db()
    assert not page.live

    client.force_login(users["hangzhou"])
    response = client.post(url, {"comment": "同意发布"})
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    state.refresh_from_db()
    assert page.live
    assert state.status == WorkflowState.STATUS_APPROVED
    assert client.get(page.url).status_code == 200


def test_publishing_a_new_section_creates_its_region_folders(home_page, roles):
    from portal.home.models import RegionSectionPage, SectionPage

    section = SectionPage(title="通知公告", slug="notices-x", show_in_menus=True)
    home_page.add_child(instance=section)
    section.save_revision().publish()
    folders = RegionSectionPage.objects.descendant_of(section)
    assert folders.count() == 11 + 90
    xihu = folders.get(region__code="330106")
    assert xihu.get_parent().specific.region.code == "330100"
    user = User.objects.create_user("x2", "x2@example.org", "pw")
    from portal.reference.models import Region

    assign_user(user, COUNTY_EDITORS, Region.objects.get(code="330106"))
    assert xihu.permissions_for_user(user).can_add_subpage()


def test_every_app_declares_its_role_permissions_and_each_exists(db):
    """Each app declares the model permissions its roles get (AppConfig.role_permissions), home
    collects them; a declared permission that does not exist (a typo, a renamed model) fails here
    instead of being skipped silently when roles are set up."""
    from django.contrib.auth.models import Permission

    from portal.home.roles import declared_permissions, editor_model_perms, province_model_perms

    declaring = {label for label, _codename in declared_permissions("province")}
    assert {"reference", "home", "disclosures", "providers", "publicity", "oversight"} <= declaring
    assert set(editor_model_perms()) <= set(province_model_perms())
    for label, codename in province_model_perms():
        assert Permission.objects.filter(content_type__app_label=label, codename=codename).exists(), (label, codename)
