"""Provider applications: the public form (documents checked by content), reference and access
code, tracking, and the review in the Wagtail admin (approve creates or updates the provider)."""

import io
import random
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from portal.providers.factories import ApplicationFactory, ProviderFactory
from portal.providers.models import ApplicationStatus, Provider, ProviderApplication
from portal.providers.services import decide_application
from portal.reference import credit_code as cc

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


class FixedRng:
    """randbelow() that makes the CAPTCHA ask 三加三等于几 (answer 6)."""

    def randbelow(self, n):
        return 2 if n == 9 else 1


def solved_captcha():
    from portal.core import captcha

    _question, token = captcha.new_challenge(rng=FixedRng())
    return {"captcha_token": token, "captcha_answer": "6"}


def form_data(items, **overrides):
    data = {
        **solved_captcha(),
        "name": "杭州市拱墅区暖心助老服务中心",
        "credit_code": cc.generate("5", "2", "330105", rng=random.Random(7)),
        "provider_type": "social_org",
        "registration_authority": "杭州市拱墅区民政局",
        "registered_on": "2019-04-01",
        "address": "杭州市拱墅区湖墅南路1号",
        "region": "330105",
        "service_items": [items["社会救助对象照料护理"].pk, items["资源链接"].pk],
        "description": "为困难老人提供照料护理。",
        "staff_count": "15",
        "social_worker_count": "4",
        "facilities": "日间照料中心一处",
        "governance_attested": "on",
        "finance_attested": "on",
        "contact_name": "李老师",
        "contact_phone": "0571-88888888",
        "public_phone": "0571-86666666",
        "confirm": "on",
        "doc_registration": SimpleUploadedFile("登记证书.pdf", PDF, content_type="application/pdf"),
        "doc_governance": SimpleUploadedFile("章程.png", png_bytes(), content_type="image/png"),
    }
    data.update(overrides)
    return data


def test_submit_and_track(client, items, regions):
    response = client.post("/providers/apply/", form_data(items))
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    receipt = client.get(response["Location"]).content.decode()
    reference = re.search(r"<code>(SQ\w+)</code>", receipt).group(1)
    access_code = re.findall(r"<code>(\d{8})</code>", receipt)[0]
    application = ProviderApplication.objects.get(reference=reference)
    assert application.status == ApplicationStatus.SUBMITTED
    assert [d.content_type for d in application.documents.all()] == ["application/pdf", "image/png"]
    assert "provider-applications" in application.documents.first().file.path
    # The receipt is shown once.
    assert client.get("/providers/apply/submitted/").status_code == 302

    wrong = client.post("/providers/apply/track/", {"reference": reference, "access_code": "00000000"})
    assert "申请编号或查询码不正确" in wrong.content.decode()
    tracked = client.post("/providers/apply/track/", {"reference": reference.lower(), "access_code": access_code})
    assert tracked.context["application"] == application
    assert "已提交" in tracked.content.decode()


def test_documents_are_checked_by_content(client, items, regions):
    fake = SimpleUploadedFile("证书.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client.post("/providers/apply/", form_data(items, doc_registration=fake))
    assert response.status_code == 200
    assert "不是 PDF、JPEG 或 PNG 文件" in str(response.context["form"].errors["doc_registration"])
    renamed = SimpleUploadedFile("证书.jpg", PDF, content_type="image/jpeg")
    response = client.post("/providers/apply/", form_data(items, doc_registration=renamed))
    assert "扩展名与内容不符" in str(response.context["form"].errors["doc_registration"])
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * (10 * 1024 * 1024), content_type="application/pdf")
    response = client.post("/providers/apply/", form_data(items, doc_registration=big))
    assert "超过 10 MB" in str(response.context["form"].errors["doc_registration"])
    assert ProviderApplication.objects.count() == 0


def test_form_errors_keep_what_was_typed(client, items, regions):
    response = client.post("/providers/apply/", form_data(items, credit_code="91350100M000100Y44", staff_count="x"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "校验码错误" in content
    assert 'value="杭州市拱墅区暖心助老服务中心"' in content
    assert 'value="91350100M000100Y44"' in content


def test_duplicate_credit_code_is_refused_with_link(client, items, regions):
    existing = ProviderFactory()
    response = client.post("/providers/apply/", form_data(items, credit_code=existing.credit_code))
    content = response.content.decode()
    assert "已在名录中" in content
    assert f'href="{existing.get_absolute_url()}"' in content
    open_application = ApplicationFactory()
    response = client.post("/providers/apply/", form_data(items, credit_code=open_application.credit_code))
    assert "正在办理的申请" in response.content.decode()


def test_review_transitions_and_approval_creates_provider(client, regions):
    application = ApplicationFactory()
    with pytest.raises(Exception, match="必须写明理由"):
        decide_application(application, ApplicationStatus.RETURNED)
    decide_application(application, ApplicationStatus.UNDER_REVIEW)
    with pytest.raises(Exception, match="不能改为"):
        decide_application(application, ApplicationStatus.SUBMITTED)
    decide_application(application, ApplicationStatus.APPROVED, note="材料齐全")
    provider = Provider.objects.get(credit_code=application.credit_code)
    assert provider.name == application.name and provider.verified
    assert list(provider.service_items.all()) == list(application.service_items.all())
    assert application.provider == provider
    assert [e.status for e in application.events.all()] == ["under_review", "approved"]
    # The approved provider is found in the directory by its name and by its service item.
    item = application.service_items.get()
    for query in (application.name, item.name):
        found = client.get("/providers/", {"q": query}).context["result"].providers
        assert provider in found, query


def test_approval_updates_existing_provider(regions):
    application = ApplicationFactory(status=ApplicationStatus.UNDER_REVIEW)
    ProviderFactory(credit_code=application.credit_code, name="旧名称", region=application.region)
    decide_application(application, ApplicationStatus.APPROVED)
    assert Provider.objects.filter(credit_code=application.credit_code).count() == 1
    assert Provider.objects.get(credit_code=application.credit_code).name == application.name


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw")
    client.force_login(user)
    return client


def test_admin_review_form(admin_client, client, items, regions):
    application = ApplicationFactory()
    url = f"/admin/provider_applications/edit/{application.pk}/"
    page = admin_client.get(url)
    assert page.status_code == 200
    assert "审核决定" in page.content.decode()
    response = admin_client.post(url, {"decision": "returned", "review_note": ""})
    assert response.status_code == 200
    application.refresh_from_db()
    assert application.status == "submitted"
    admin_client.post(url, {"decision": "returned", "review_note": "请补充财务制度。"})
    application.refresh_from_db()
    assert application.status == "returned" and application.review_note == "请补充财务制度。"
    assert admin_client.get("/admin/provider_applications/new/").status_code in (302, 403)


def test_document_download_requires_permission(admin_client, client, items, regions):
    client.post("/providers/apply/", form_data(items))
    document = ProviderApplication.objects.get().documents.first()
    url = f"/admin/providers/application-documents/{document.pk}/"
    assert admin_client.get(url).status_code == 200
    admin_client.logout()
    assert client.get(url).status_code in (302, 403)


def test_admin_registry_pages(admin_client, regions):
    provider = ProviderFactory()
    assert admin_client.get("/admin/snippets/providers/provider/").status_code == 200
    assert admin_client.get(f"/admin/snippets/providers/provider/edit/{provider.pk}/").status_code == 200
    assert admin_client.get("/admin/snippets/providers/providerstatuschange/add/").status_code == 200
    assert admin_client.get("/admin/snippets/providers/eligibilitycriterion/").status_code == 200


def test_form_renders_each_field_once_and_works_without_js(client, regions):
    content = client.get("/providers/apply/").content.decode()
    for name in ("name", "credit_code", "contact_name", "doc_registration", "confirm"):
        assert content.count(f'name="{name}"') == 1, name
    assert 'enctype="multipart/form-data"' in content and "csrfmiddlewaretoken" in content
    assert "<script" not in content.split("</head>")[1]  # no inline script (CSP script-src 'self')
    assert "providers/credit-code.js" in content


def test_status_decisions_cannot_be_edited_in_admin(admin_client, regions):
    from portal.providers.factories import StatusChangeFactory

    change = StatusChangeFactory()
    response = admin_client.get(f"/admin/snippets/providers/providerstatuschange/edit/{change.pk}/")
    assert response.status_code in (302, 403)
    assert admin_client.get(f"/admin/snippets/providers/providerstatuschange/delete/{change.pk}/").status_code in (
        302,
        403,
    )
