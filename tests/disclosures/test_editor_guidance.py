"""Editors are guided in the admin: warnings on draft save (the draft is saved all the same), a
prefilled link to the deadline calculator, a warning for a call for bids without a procurement
intention, kind-specific field groups with 影响投标文件编制 unticked, generated notice numbers, and
ASCII slugs like the demo's."""

import datetime as dt
import re
from io import StringIO

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from portal.disclosures import numbering
from portal.disclosures.models import Method, NoticeKind, NoticePage, ProcurementProjectPage
from portal.disclosures.rules import compute

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.gov.cn", "pw")
    client.force_login(user)
    return client


def _notice_data(**fields):
    values = {
        "title": "社会救助对象照料护理服务公开招标公告",
        "slug": "",
        "kind": NoticeKind.TENDER,
        "published_on": "2026-09-13",
        "body": rich_text("<p>欢迎符合条件的供应商参加投标。</p>"),
        "bid_deadline": "2026-10-08 09:30",
        "documents": inline_formset([]),
        "comments": inline_formset([]),
    }
    values.update(fields)
    return nested_form_data(values)


def _add_notice(admin_client, project, action=None, **fields):
    url = reverse("wagtailadmin_pages:add", args=("disclosures", "noticepage", project.pk))
    data = _notice_data(**fields)
    if action:
        data[action] = "1"
    return admin_client.post(url, data, follow=True)


def _messages(response):
    return [str(m) for m in response.context["messages"]]


def _intention(project, published_on=dt.date(2026, 8, 3)):
    notice = NoticePage(
        title="采购意向",
        slug="intention",
        kind=NoticeKind.INTENTION,
        published_on=published_on,
        planned_start=compute("intention_notice", published_on).date,
    )
    project.add_child(instance=notice)
    notice.save_revision().publish()
    return notice


# Warnings on draft save ------------------------------------------------------------------------


def test_draft_with_unlawful_bid_period_is_saved_with_a_warning(admin_client, make_project):
    project = make_project(method=Method.OPEN)
    _intention(project)
    response = _add_notice(admin_client, project, bid_deadline="2026-10-07 09:30")
    notice = NoticePage.objects.get(project=project, kind=NoticeKind.TENDER)
    assert not notice.live
    warnings = [m for m in _messages(response) if "草稿已保存" in m]
    assert len(warnings) == 1
    assert "公开招标等标期" in warnings[0] and "2026-10-08" in warnings[0] and "截止时间" in warnings[0]
    # The form still refuses publication with the same rule.
    url = reverse("wagtailadmin_pages:edit", args=(notice.pk,))
    data = _notice_data(bid_deadline="2026-10-07 09:30", slug=notice.slug)
    data["action-publish"] = "1"
    response = admin_client.post(url, data)
    assert response.status_code == 200 and "公开招标等标期" in response.content.decode()
    assert not NoticePage.objects.get(pk=notice.pk).live


def test_lawful_draft_gets_no_rule_warning(admin_client, make_project):
    project = make_project(method=Method.OPEN)
    _intention(project)
    response = _add_notice(admin_client, project)
    assert not [m for m in _messages(response) if "草稿已保存" in m or "采购意向" in m]


def test_call_for_bids_without_intention_is_warned(admin_client, make_project):
    project = make_project(method=Method.OPEN)
    response = _add_notice(admin_client, project)
    assert any("尚未公开采购意向" in m and "财库〔2020〕10号" in m for m in _messages(response))
    # With a published intention whose 30 days have run, no warning.
    _intention(project)
    response = _add_notice(admin_client, project, title="第二个招标公告")
    assert not any("采购意向" in m for m in _messages(response))


def test_call_for_bids_before_the_intention_period_ran_is_warned(admin_client, make_project):
    project = make_project(method=Method.OPEN)
    _intention(project, published_on=dt.date(2026, 9, 1))
    earliest = compute("intention_notice", dt.date(2026, 9, 1)).date
    assert earliest > dt.date(2026, 9, 13)
    response = _add_notice(admin_client, project)
    assert any(f"采购活动最早于{earliest.isoformat()}开始" in m for m in _messages(response))


# The deadline calculator link --------------------------------------------------------------------


def test_form_links_to_the_calculator_prefilled(admin_client, make_project):
    project = make_project(method=Method.CONSULTATION)
    _intention(project)
    _add_notice(admin_client, project, documents_from="2026-09-14", bid_deadline="2026-10-08 09:30")
    notice = NoticePage.objects.get(project=project, kind=NoticeKind.TENDER)
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=(notice.pk,))).content.decode()
    assert 'href="/disclosures/deadlines/?rule=consultation_response&amp;start=2026-09-14"' in html
    expected = compute("consultation_response", dt.date(2026, 9, 14)).date.isoformat()
    assert "竞争性磋商响应期限" in html and f"：{expected}。" in html
    assert "disclosures/admin/notice-form.js" in html
    # A new notice: the project's rule, from today (the default publication date).
    add = admin_client.get(reverse("wagtailadmin_pages:add", args=("disclosures", "noticepage", project.pk)))
    assert 'data-rules="{&quot;intention&quot;: {&quot;rule&quot;: &quot;intention_notice&quot;' in add.content.decode()
    assert "&quot;tender&quot;: {&quot;rule&quot;: &quot;consultation_response&quot;" in add.content.decode()
    assert admin_client.get("/disclosures/deadlines/?rule=consultation_response&start=2026-09-14").status_code == 200


# Kind-specific fields ------------------------------------------------------------------------------


def test_form_groups_fields_by_kind_and_affects_bids_is_unticked(admin_client, make_project):
    project = make_project()
    response = admin_client.get(reverse("wagtailadmin_pages:add", args=("disclosures", "noticepage", project.pk)))
    html = response.content.decode()
    for heading in (
        "仅适用于：采购意向",
        "仅适用于：更正公告",
        "仅适用于：履约验收结果",
        "仅适用于：中标（成交）结果公告、合同公告",
    ):
        assert heading in html
    assert 'data-notice-kinds="tender prequalification"' in html
    # Every field is still in the page (the form works without JavaScript).
    for name in ("planned_start", "bid_deadline", "new_bid_deadline", "publicity_end", "signed_on", "accepted_on"):
        assert f'name="{name}"' in html
    checkbox = re.search(r"<input[^>]*name=\"affects_bids\"[^>]*>", html).group(0)
    assert "checked" not in checkbox
    assert NoticePage().affects_bids is False


def test_fields_of_other_kinds_are_kept_in_drafts_and_emptied_on_publish(admin_client, make_project):
    project = make_project(method=Method.OPEN)
    _intention(project)
    response = _add_notice(admin_client, project, planned_start="2026-12-01", termination_reason="误填")
    notice = NoticePage.objects.get(project=project, kind=NoticeKind.TENDER)
    draft = notice.get_latest_revision_as_object()
    assert draft.planned_start == dt.date(2026, 12, 1) and draft.termination_reason == "误填"
    assert any("不适用于" in m and "预计采购时间" in m and "终止原因" in m for m in _messages(response))
    url = reverse("wagtailadmin_pages:edit", args=(notice.pk,))
    data = _notice_data(planned_start="2026-12-01", termination_reason="误填", slug=notice.slug)
    data["action-publish"] = "1"
    assert admin_client.post(url, data).status_code == 302
    notice.refresh_from_db()
    assert notice.live and notice.planned_start is None and notice.termination_reason == ""
    assert notice.bid_deadline is not None


# Notice numbers ------------------------------------------------------------------------------------


def test_editor_created_notices_are_numbered(admin_client, make_project):
    project = make_project(method=Method.OPEN)
    _intention(project)
    _add_notice(admin_client, project, number="MY-OWN-NUMBER", action="action-publish")
    _add_notice(admin_client, project, title="第二个", action="action-publish", slug="second")
    numbers = list(
        NoticePage.objects.filter(project=project, kind=NoticeKind.TENDER)
        .order_by("pk")
        .values_list("number", flat=True)
    )
    assert numbers == ["330106-2026-CG-0001", "330106-2026-CG-0002"]
    intention = NoticePage.objects.get(project=project, kind=NoticeKind.INTENTION)
    assert intention.number == "330106-2026-YX-0001"
    # Read-only in the form.
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=(intention.pk,))).content.decode()
    assert "330106-2026-YX-0001" in html and 'name="number"' not in html


def test_number_follows_the_kind_until_first_published_then_never_changes(make_project):
    # Unpublished, the number carries the year of today (the pinned clock: PORTAL_TEST_TODAY).
    today = timezone.localdate()
    year = today.year
    project = make_project(method=Method.OPEN)
    notice = NoticePage(title="草稿", slug="draft", kind=NoticeKind.INTENTION, live=False)
    project.add_child(instance=notice)
    assert notice.number == f"330106-{year}-YX-0001"
    notice.kind = NoticeKind.TENDER
    notice.save()
    assert notice.number == f"330106-{year}-CG-0001"
    # Changed to a prequalification notice in a draft revision and published as such.
    notice.kind = NoticeKind.PREQUALIFICATION
    notice.bid_deadline = dt.datetime.combine(today + dt.timedelta(days=28), dt.time(9, 30), tzinfo=dt.UTC)
    notice.save_revision().publish()
    notice.refresh_from_db()
    assert notice.live and notice.number == f"330106-{year}-ZS-0001"
    number = notice.number
    notice.published_on = dt.date(year + 1, 1, 4)
    notice.save(clean=False)
    assert NoticePage.objects.get(pk=notice.pk).number == number
    # An old revision (saved before the number) never brings back another number.
    revision = notice.get_latest_revision()
    revision.content["number"] = ""
    revision.save()
    revision.publish()
    assert NoticePage.objects.get(pk=notice.pk).number == number


def test_a_copied_notice_gets_its_own_number(make_project):
    year = timezone.localdate().year
    project = make_project(method=Method.OPEN)
    notice = NoticePage(title="终止公告", slug="end", kind=NoticeKind.TERMINATION, termination_reason="需求变化")
    project.add_child(instance=notice)
    copy = notice.copy(update_attrs={"slug": "end-copy", "title": "终止公告（副本）"})
    assert notice.number == f"330106-{year}-ZZ-0001" and copy.number == f"330106-{year}-ZZ-0002"


# ASCII slugs ---------------------------------------------------------------------------------------


def _project_data(service_items=(), **fields):
    values = {
        "title": "西湖区社会救助对象照料护理服务项目",
        "slug": "西湖区社会救助对象照料护理服务项目",
        "project_number": "ZJ3301-2026-90077",
        "purchaser": "杭州市西湖区民政局",
        "agency": "",
        "method": Method.OPEN,
        "budget": "500000",
        "funding_source": "",
        "summary": "为辖区特困人员提供上门照料护理服务。",
        "takeover_plan": "",
        "comments": inline_formset([]),
    }
    values.update(fields)
    data = nested_form_data(values)
    data["service_items"] = [item.pk for item in service_items]
    return data


def test_editor_created_project_gets_an_ascii_slug_from_its_number(admin_client, folders, items, regions):
    url = reverse("wagtailadmin_pages:add", args=("disclosures", "procurementprojectpage", folders["330106"].pk))
    data = _project_data(region=regions["330106"].pk, service_items=[items["资源链接"]])
    data["action-publish"] = "1"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    project = ProcurementProjectPage.objects.get(project_number="ZJ3301-2026-90077")
    assert project.slug == "zj3301-2026-90077" == numbering.ascii_slug(project.project_number)
    assert project.url.endswith("/zj3301-2026-90077/")
    # A blank slug works the same way; a typed ASCII slug is kept.
    data = _project_data(
        region=regions["330106"].pk, service_items=[items["资源链接"]], slug="", project_number="ZJ3301-2026-90078"
    )
    data["action-publish"] = "1"
    assert admin_client.post(url, data).status_code == 302
    assert ProcurementProjectPage.objects.get(project_number="ZJ3301-2026-90078").slug == "zj3301-2026-90078"
    data = _project_data(
        region=regions["330106"].pk, service_items=[items["资源链接"]], slug="care", project_number="ZJ3301-2026-90079"
    )
    data["action-publish"] = "1"
    assert admin_client.post(url, data).status_code == 302
    assert ProcurementProjectPage.objects.get(project_number="ZJ3301-2026-90079").slug == "care"


def test_editor_created_notice_gets_an_ascii_slug(admin_client, make_project):
    project = make_project(method=Method.OPEN)
    _intention(project)
    _add_notice(admin_client, project, slug="社会救助对象照料护理服务公开招标公告", action="action-publish")
    notice = NoticePage.objects.get(project=project, kind=NoticeKind.TENDER)
    assert notice.slug == "tender-20260913"


# The seeded demo follows the same rules ------------------------------------------------------------


@pytest.mark.slow
def test_demo_numbers_slugs_and_lifecycle_follow_the_editors_rules(home_page, monkeypatch):
    from portal.core.demo import DemoContext
    from portal.disclosures import demo
    from portal.reference.models import Region

    def plan(ctx):
        cities = list(Region.objects.cities().order_by("code"))
        return [(cities[n % 2], n) for n in range(len(Method) * 2)]

    monkeypatch.setattr(demo, "_plan", plan)
    demo.seed(DemoContext(size="small", stdout=StringIO(), progress=False))
    notices = list(NoticePage.objects.select_related("project__region"))
    assert len(notices) > 20
    numbers = [n.number for n in notices]
    assert len(set(numbers)) == len(numbers)
    for notice in notices:
        match = numbering.NUMBER_PATTERN.match(notice.number)
        assert match, notice.number
        assert match["region"] == notice.project.region.code
        assert match["year"] == str(notice.published_on.year)
        assert match["kind"] == numbering.KIND_CODES[notice.kind]
    for project in ProcurementProjectPage.objects.all():
        assert project.slug == numbering.ascii_slug(project.project_number)
        state = {name: getattr(project, name) for name in ("bid_deadline", "awarded_on", "contracted_on")}
        project.refresh_lifecycle()
        assert state == {name: getattr(project, name) for name in state}


# The region chooser --------------------------------------------------------------------------------


def test_service_region_chooser_offers_the_folders_regions_grouped(admin_client, folders, regions):
    from portal.reference.models import Region

    url = reverse("wagtailadmin_pages:add", args=("disclosures", "procurementprojectpage", folders["330106"].pk))
    response = admin_client.get(url)
    form = response.context["form"]
    xihu = Region.objects.within(regions["330106"])
    assert 10 < xihu.count() < 40  # the county and its streets and townships, not 1,489 regions
    assert set(form.fields["service_regions"].queryset) == set(xihu)
    html = response.content.decode()
    assert html.count('name="service_regions"') == xihu.count()
    assert "西湖区（全域）" in html and "<details>" in html and "街道、乡镇（" in html
    assert "data-region-filters hidden" in html and 'data-filter="text"' in html
    assert "disclosures/admin/region-chooser.js" in html
    # The purchaser's region: a plain select (works without JavaScript) with a group per county.
    assert re.search(r'<select name="region"[^>]*>', html)
    assert '<optgroup label="杭州市西湖区">' in html


def test_city_folder_chooser_filters_by_county(admin_client, folders, regions):
    url = reverse("wagtailadmin_pages:add", args=("disclosures", "procurementprojectpage", folders["330100"].pk))
    html = admin_client.get(url).content.decode()
    assert 'data-filter="county"' in html
    assert "杭州市（全市）" in html and "西湖区（全域）" in html and "余杭区（全域）" in html
    assert "海曙区（全域）" not in html


def test_chosen_townships_are_saved_and_regions_outside_the_folder_refused(admin_client, folders, items, regions):
    from portal.reference.models import Region

    url = reverse("wagtailadmin_pages:add", args=("disclosures", "procurementprojectpage", folders["330106"].pk))
    street = Region.objects.within(regions["330106"]).townships().first()
    data = _project_data(
        service_items=[items["资源链接"]], region=regions["330106"].pk, project_number="ZJ3301-2026-90090"
    )
    data["service_regions"] = [street.pk, regions["330203"].pk]  # 海曙区 is not in 西湖区's folder
    data["action-publish"] = "1"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    form = response.context["form"]
    assert "service_regions" in form.errors
    html = response.content.decode()
    assert "ZJ3301-2026-90090" in html  # what was typed is kept
    assert re.search(rf'value="{street.pk}"[^>]*checked', html)
    data["service_regions"] = [street.pk, regions["330106"].pk]
    assert admin_client.post(url, data).status_code == 302
    project = ProcurementProjectPage.objects.get(project_number="ZJ3301-2026-90090")
    assert set(project.service_regions.all()) == {street, regions["330106"]}
    # Opened again, the chosen street's county is expanded.
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=(project.pk,))).content.decode()
    assert "<details open>" in html and f"已选：{regions['330106'].name}、{street.name}" in html


def test_regions_chosen_earlier_outside_the_folder_are_kept(admin_client, make_project, regions):
    project = make_project()
    project.service_regions.set([regions["330203"]])
    project.save_revision().publish()
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=(project.pk,)))
    assert regions["330203"] in response.context["form"].fields["service_regions"].queryset


def test_admin_selects_ask_to_choose_instead_of_dashes(admin_client, make_project):
    # The public forms said 请选择 since the conventions fix; the editors' notice and project forms
    # still offered "---------" as the first notice kind, method or region.
    project = make_project()
    pages = [("noticepage", project.pk), ("procurementprojectpage", project.get_parent().pk)]
    for model, parent in pages:
        html = admin_client.get(reverse("wagtailadmin_pages:add", args=("disclosures", model, parent))).content.decode()
        selects = re.findall(r"<select\b.*?</select>", html, flags=re.S)
        assert selects, model
        assert not any("---------" in select for select in selects), model
        assert any("请选择" in select for select in selects), model
