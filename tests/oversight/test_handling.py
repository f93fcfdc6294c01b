"""Routing, regional visibility, status workflow, named handler, notes, and the audit log (including
every view of personal data)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from portal.oversight.factories import CaseFactory, HandlingBodyFactory
from portal.oversight.models import CaseLogEntry, StatusChange
from portal.oversight.services import handling
from portal.oversight.services.routing import route
from portal.oversight.services.visibility import visible_cases

from .conftest import make_handler, pdf_bytes, png_bytes

pytestmark = pytest.mark.django_db


def test_routing_county_then_city_then_province(bodies, regions):
    from portal.reference.models import Region

    assert route(regions["330106"]) == bodies["330106"]  # Xihu has its own body
    assert route(regions["330108"]) == bodies["330100"]  # Binjiang has none: Hangzhou
    assert route(regions["330100"]) == bodies["330100"]
    assert route(regions["330302"]) == bodies["330000"]  # Wenzhou has no body at all: the province
    township = Region.objects.filter(level=4, code__startswith="330106").first()
    assert route(township) == bodies["330106"]  # townships go to their county


def test_handlers_see_only_their_region_and_below(bodies, regions):
    xihu = CaseFactory(region=regions["330106"])
    binjiang = CaseFactory(region=regions["330108"])
    ningbo = CaseFactory(region=regions["330203"])
    city = make_handler("hz", bodies["330100"])
    county = make_handler("xh", bodies["330106"])
    nb = make_handler("nb", bodies["330200"])
    province = make_handler("prov", view_all=True)
    nobody = make_handler("none")
    assert set(visible_cases(city)) == {xihu, binjiang}
    assert set(visible_cases(county)) == {xihu}
    assert set(visible_cases(nb)) == {ningbo}
    assert set(visible_cases(province)) == {xihu, binjiang, ningbo}
    assert list(visible_cases(nobody)) == []


def test_admin_queue_lists_only_visible_cases_by_urgency(client, bodies, regions):
    now = timezone.now()
    late = CaseFactory(region=regions["330106"], received_at=now - dt.timedelta(days=40))
    fresh = CaseFactory(region=regions["330106"], received_at=now)
    other = CaseFactory(region=regions["330203"])
    client.force_login(make_handler("xh", bodies["330106"]))
    response = client.get(reverse("oversight_case:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert late.reference in html and fresh.reference in html and other.reference not in html
    assert html.index(late.reference) < html.index(fresh.reference)
    assert "超期" in html
    # Another region's case page is not reachable.
    assert client.get(reverse("oversight_case:edit", args=[other.pk])).status_code == 404


def test_admin_queue_query_count_is_bounded(client, bodies, regions, django_assert_max_num_queries):
    for _ in range(30):
        CaseFactory(region=regions["330106"])
    client.force_login(make_handler("prov", view_all=True))
    with django_assert_max_num_queries(25):
        assert client.get(reverse("oversight_case:index")).status_code == 200


def test_viewing_personal_data_is_audited(client, bodies, regions):
    case = CaseFactory(region=regions["330106"])
    handler = make_handler("xh", bodies["330106"])
    client.force_login(handler)
    response = client.get(reverse("oversight_case:edit", args=[case.pk]))
    assert response.status_code == 200
    assert "张三" in response.content.decode() and "13812345678" in response.content.decode()
    entries = CaseLogEntry.objects.filter(action="oversight.view_personal_data", case_id=case.pk)
    assert entries.count() == 1 and entries.get().user == handler
    client.get(reverse("oversight_case:edit", args=[case.pk]))
    assert entries.count() == 2  # every view, not only the first


def test_attachment_download_is_permission_checked_and_audited(client, bodies, regions):
    from portal.oversight.models import Attachment

    case = CaseFactory(region=regions["330106"])
    item = Attachment(case=case, original_name="照片.png", content_type="image/png", size=10, sha256="x")
    item.file.save("a.png", SimpleUploadedFile("a.png", png_bytes()), save=True)
    url = reverse("oversight_case:attachment", args=[case.pk, item.pk])
    assert client.get(url).status_code == 302  # not logged in: to the login page
    client.force_login(make_handler("nb", bodies["330200"]))
    assert client.get(url).status_code == 404  # other region
    handler = make_handler("xh", bodies["330106"])
    client.force_login(handler)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == png_bytes()
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    entry = CaseLogEntry.objects.get(action="oversight.view_personal_data", data__what=f"attachment:{item.pk}")
    assert entry.user == handler
    # And there is no public URL for the file.
    with pytest.raises(ValueError):
        item.file.url  # noqa: B018
    from pathlib import Path

    from django.conf import settings

    assert Path(item.file.path).is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT))
    assert not Path(item.file.path).is_relative_to(Path(settings.MEDIA_ROOT))


def test_user_without_case_permission_is_refused(client, bodies, regions, django_user_model):
    case = CaseFactory(region=regions["330106"])
    user = django_user_model.objects.create_user("plain", password="x")
    bodies["330106"].members.add(user)
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get(reverse("oversight_case:edit", args=[case.pk])).status_code in (302, 403)
    assert not CaseLogEntry.objects.filter(action="oversight.view_personal_data").exists()


def test_workflow_history_is_append_only_and_actions_are_logged(bodies, regions):
    case = CaseFactory(region=regions["330106"])
    handler = make_handler("xh", bodies["330106"])
    handling.change_status(case, "accepted", handler)
    case.refresh_from_db()
    assert case.handler == handler  # first contact takes responsibility
    handling.change_status(case, "in_progress", handler, public_note="正在核查")
    with pytest.raises(ValidationError):
        handling.change_status(case, "answered", handler, answer="  ")
    handling.change_status(case, "answered", handler, answer="已整改。")
    handling.change_status(case, "closed", handler)
    case.refresh_from_db()
    assert case.status == "closed" and case.answered_at and case.closed_at
    history = list(StatusChange.objects.filter(case=case).values_list("from_status", "to_status"))
    assert history == [
        ("", "received"), ("received", "accepted"), ("accepted", "in_progress"),
        ("in_progress", "answered"), ("answered", "closed"),
    ]  # fmt: skip
    with pytest.raises(ValidationError):
        handling.change_status(case, "accepted", handler)  # closed is final
    entry = StatusChange.objects.filter(case=case).first()
    with pytest.raises(ValueError):
        entry.save()
    with pytest.raises(ValueError):
        entry.delete()
    assert CaseLogEntry.objects.filter(action="oversight.status", case_id=case.pk).count() == 4


def test_not_accepted_and_transferred_need_reasons(bodies, regions):
    handler = make_handler("xh", bodies["330106"])
    case = CaseFactory(region=regions["330106"])
    with pytest.raises(ValidationError):
        handling.change_status(case, "not_accepted", handler)
    handling.change_status(case, "not_accepted", handler, reason="不属于本平台受理范围，请向法院起诉。")
    case.refresh_from_db()
    assert case.status == "not_accepted" and "法院" in case.history.last().public_note
    other = CaseFactory(region=regions["330106"])
    with pytest.raises(ValidationError):
        handling.change_status(other, "transferred", handler, reason="涉及采购投诉")
    handling.change_status(other, "transferred", handler, transferred_to="西湖区财政局", reason="属于政府采购投诉")
    other.refresh_from_db()
    assert other.transferred_to == "西湖区财政局" and "西湖区财政局" in other.history.last().public_note


def test_handlers_cannot_act_outside_their_region(bodies, regions):
    case = CaseFactory(region=regions["330203"])
    with pytest.raises(PermissionDenied):
        handling.change_status(case, "accepted", make_handler("xh", bodies["330106"]))


def test_assignment_only_to_members_of_the_regions_bodies(bodies, regions):
    case = CaseFactory(region=regions["330106"])
    boss = make_handler("hz", bodies["330100"])
    colleague = make_handler("xh2", bodies["330106"])
    outsider = make_handler("nb", bodies["330200"])
    handling.assign(case, colleague, boss)
    case.refresh_from_db()
    assert case.handler == colleague
    with pytest.raises(ValidationError):
        handling.assign(case, outsider, boss)
    assert CaseLogEntry.objects.filter(action="oversight.assign").count() == 1


def test_admin_actions_through_the_views(client, bodies, regions):
    case = CaseFactory(region=regions["330106"])
    handler = make_handler("xh", bodies["330106"])
    client.force_login(handler)
    client.post(reverse("oversight_case:status", args=[case.pk]), {"to_status": "accepted"})
    client.post(reverse("oversight_case:note", args=[case.pk]), {"text": "已电话联系服务站负责人"})
    client.post(reverse("oversight_case:status", args=[case.pk]), {"to_status": "answered", "answer": "已督促整改。"})
    case.refresh_from_db()
    assert case.status == "answered" and case.notes.get().text == "已电话联系服务站负责人"
    # Internal notes never reach the public tracking page.
    from portal.oversight.factories import DEFAULT_ACCESS_CODE

    client.logout()
    html = client.post("/oversight/track/", {"reference": case.reference, "access_code": DEFAULT_ACCESS_CODE})
    assert "已督促整改。" in html.content.decode() and "已电话联系" not in html.content.decode()


def test_routing_falls_back_when_county_body_is_added_later(bodies, regions):
    case_region = regions["330108"]
    assert route(case_region) == bodies["330100"]
    body = HandlingBodyFactory(region=case_region)
    assert route(case_region) == body


def test_admin_search_by_reference_and_filters(client, bodies, regions):
    a = CaseFactory(region=regions["330106"])
    b = CaseFactory(region=regions["330106"], category="conduct")
    client.force_login(make_handler("xh", bodies["330106"]))
    html = client.get(reverse("oversight_case:index"), {"q": a.reference}).content.decode()
    assert a.reference in html and b.reference not in html
    html = client.get(reverse("oversight_case:index"), {"category": "conduct"}).content.decode()
    assert b.reference in html and a.reference not in html


def test_review_and_publish_through_the_admin(client, bodies, regions):
    case = CaseFactory(
        region=regions["330106"], description="我叫张三，手机13812345678，家住西湖区文三路478号。护工不来。"
    )
    handler = make_handler("xh", bodies["330106"])
    handling.change_status(case, "accepted", handler)
    handling.change_status(case, "answered", handler, answer="已整改。")
    client.force_login(handler)
    page = client.get(reverse("oversight_case:edit", args=[case.pk])).content.decode()
    assert "自动脱敏已隐去" in page and "手机号 1 处" in page and "姓名 1 处" in page
    assert "我叫某某，手机[手机号已隐去]，家住西湖区[详细地址已隐去]。护工不来。" in page
    response = client.post(
        reverse("oversight_case:publish", args=[case.pk]),
        {"subject": "西湖区某服务站", "summary": "我叫某某，家住西湖区[详细地址已隐去]。护工不来。"},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.published_at and case.summary_reviewed_by == handler
    assert CaseLogEntry.objects.filter(action="oversight.publish", case_id=case.pk).exists()
    assert client.get(reverse("oversight:register_detail", args=[case.reference])).status_code == 200
    client.post(reverse("oversight_case:publish", args=[case.pk]), {"unpublish": "1"})
    case.refresh_from_db()
    assert case.published_at is None
    assert client.get(reverse("oversight:register_detail", args=[case.reference])).status_code == 404


def test_handling_bodies_admin_offers_only_province_city_and_county(client, regions, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.com", "x")
    client.force_login(admin)
    response = client.get(reverse("oversight_body:add"))
    assert response.status_code == 200
    region_field = response.context["form"].fields["region"]
    assert set(region_field.queryset.values_list("level", flat=True)) == {1, 2, 3}


def test_dashboard_panel_counts_only_visible_cases(client, bodies, regions):
    handler = make_handler("xh", bodies["330106"])
    late = CaseFactory(region=regions["330106"], received_at=timezone.now() - dt.timedelta(days=60))
    own = CaseFactory(region=regions["330106"], handler=handler)
    CaseFactory(region=regions["330203"], received_at=timezone.now() - dt.timedelta(days=60))
    client.force_login(handler)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "办理中（未答复）：2 件" in html and "已超期：1 件" in html and "我负责的未答复案件：1 件" in html
    mine = client.get(reverse("oversight_case:index"), {"mine": "true", "open_only": "true"}).content.decode()
    assert own.reference in mine and late.reference not in mine


def _answered_case(regions, handler, **fields):
    case = CaseFactory(region=regions["330106"], **fields)
    handling.change_status(case, "accepted", handler)
    handling.change_status(case, "answered", handler, answer="已整改。")
    case.refresh_from_db()
    return case


@pytest.mark.parametrize(
    "summary",
    [
        "张三反映护工不来。",  # the sender's name, no cue word
        "张\u200b三反映护工不来。",  # split by a zero-width space
        "回电１３８１２３４５６７８。护工不来。",  # full-width digits
        "回电138 1234 5678。护工不来。",
        "邮件zhangsan＠example.com。护工不来。",  # full-width ＠
        "在文三路478号，护工不来。",  # the address of the narrative
    ],
)
def test_publication_refused_while_the_summary_carries_personal_data(client, bodies, regions, summary):
    handler = make_handler("xh", bodies["330106"])
    case = _answered_case(regions, handler, description="我家住西湖区文三路478号。护工不来。")
    with pytest.raises(ValidationError) as refused:
        handling.publish_summary(case, summary, handler, subject="西湖区某服务站")
    assert "summary" in refused.value.error_dict
    case.refresh_from_db()
    assert case.published_at is None
    # Through the admin: the form comes back with the error by the field and the typed text kept.
    client.force_login(handler)
    response = client.post(
        reverse("oversight_case:publish", args=[case.pk]), {"subject": "西湖区某服务站", "summary": summary}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "仍含投诉人的个人信息" in html and summary.split("。")[0][:4] in html
    case.refresh_from_db()
    assert case.published_at is None


def test_the_suggested_summary_can_be_published_as_it_is(client, bodies, regions):
    """The suggestion a handler accepts carries none of the case's personal data, however the
    sender wrote it (own name without a cue, full-width and split digits, full-width ＠)."""
    handler = make_handler("xh", bodies["330106"])
    case = _answered_case(
        regions,
        handler,
        contact_name="张三丰",
        contact_phone="13712345678",
        contact_email="leak-check@example.com",
        description=(
            "张三丰反映：护理员多次不上门。电话１３７\u200b１２３４\u200b５６７８，"
            "邮箱 leak-check＠example.com，住在西湖区文三路478号。"
        ),
    )
    client.force_login(handler)
    page = client.get(reverse("oversight_case:edit", args=[case.pk]))
    form = page.context["summary_form"]
    suggestion, subject = form.initial["summary"], form.initial["subject"]
    for value in ("张三丰", "13712345678", "leak-check", "文三路"):
        assert value not in suggestion
    assert "护理员多次不上门" in suggestion
    response = client.post(
        reverse("oversight_case:publish", args=[case.pk]), {"subject": subject, "summary": suggestion}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.published_at is not None


def test_invisible_characters_are_not_published(bodies, regions):
    handler = make_handler("xh", bodies["330106"])
    case = _answered_case(regions, handler)
    handling.publish_summary(case, "护理员\u202e多次\u200b未上门。\ufeff", handler, subject="某服务站\u2066")
    case.refresh_from_db()
    assert case.redacted_summary == "护理员多次未上门。" and case.public_subject == "某服务站"
    handling.change_status(case, "closed", handler, public_note="已办结\u202e")
    assert case.history.last().public_note == "已办结"


@pytest.mark.parametrize(
    "original, stored_type, content, served_type, served_name",
    [
        ("photo.html", "image/png", png_bytes, "image/png", "photo.png"),
        ("photo\u202egnp.exe", "image/png", png_bytes, "image/png", "photognp.png"),
        ("报告.pdf.exe", "application/pdf", pdf_bytes, "application/pdf", "报告.pdf"),
        ("../../x.svg", "image/png", png_bytes, "image/png", "x.png"),
        # Recorded as a PNG but the bytes are a PDF: served as what the bytes are.
        ("scan.png", "image/png", pdf_bytes, "application/pdf", "scan.pdf"),
        ("...", "image/png", png_bytes, "image/png", None),
    ],
)
def test_attachments_are_served_with_the_extension_of_the_sniffed_type(
    client, bodies, regions, original, stored_type, content, served_type, served_name
):
    from portal.oversight.models import Attachment

    case = CaseFactory(region=regions["330106"])
    item = Attachment(case=case, original_name=original, content_type=stored_type, size=10, sha256="x")
    item.file.save("upload", SimpleUploadedFile("upload", content()), save=True)
    client.force_login(make_handler("xh", bodies["330106"]))
    response = client.get(reverse("oversight_case:attachment", args=[case.pk, item.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == served_type
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    expected = served_name or f"附件{item.pk}{'.png'}"
    from urllib.parse import quote

    assert f'filename="{expected}"' in disposition or f"filename*=utf-8''{quote(expected)}" in disposition, disposition
    page = client.get(reverse("oversight_case:edit", args=[case.pk])).content.decode()
    assert "\u202e" not in page
    assert item.safe_name() in page  # the name with the type recorded at upload
