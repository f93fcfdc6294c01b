"""Submission: one transaction, private attachments checked by content, receipt and PDF, queued mail."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from portal.oversight.models import Attachment, Case, OutboxMessage, ReferenceCounter, StatusChange
from portal.oversight.services.submission import check_access_code

from .conftest import jpeg_bytes, pdf_bytes, png_bytes

pytestmark = pytest.mark.django_db

URL = "/oversight/complaints/new/"


def private_files():
    # Only the oversight app's folder: other apps' tests (provider applications) also store private files.
    root = Path(settings.PRIVATE_MEDIA_ROOT) / "oversight"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def uploads():
    return [
        SimpleUploadedFile("照片.png", png_bytes(), content_type="image/png"),
        SimpleUploadedFile("scan.jpg", jpeg_bytes(), content_type="image/jpeg"),
        SimpleUploadedFile("合同.pdf", pdf_bytes(), content_type="application/pdf"),
    ]


def test_form_renders_with_captcha_question_and_honeypot(client, bodies):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "等于几？" in html
    assert 'name="website"' in html and 'class="ov-hp" aria-hidden="true"' in html
    assert reverse("oversight:complaint_new") == URL


def test_valid_submission_creates_case_files_history_and_mail(
    client, bodies, complaint_data, django_capture_on_commit_callbacks
):
    before = set(private_files())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {**complaint_data(), "attachments": uploads()})
    assert response.status_code == 302 and response["Location"] == reverse("oversight:receipt")
    case = Case.objects.get()
    assert case.reference.startswith("TS-") and len(case.reference) == len("TS-2026-000001")
    assert case.handling_body == bodies["330106"]
    assert case.status == "received" and StatusChange.objects.filter(case=case).count() == 1
    assert sorted(a.content_type for a in case.attachments.all()) == ["application/pdf", "image/jpeg", "image/png"]
    new_files = set(private_files()) - before
    assert len(new_files) == 3
    media_root = Path(settings.MEDIA_ROOT).resolve()
    assert all(media_root not in f.resolve().parents for f in new_files)
    # The receipt mail went through the outbox and was sent after commit.
    message = OutboxMessage.objects.get(case=case)
    assert message.state == "sent" and message.body == ""
    assert len(mail.outbox) == 1 and case.reference in mail.outbox[0].body
    code = client.session["oversight_receipt"]["code"]
    assert check_access_code(case, code) and code in mail.outbox[0].body
    assert code not in case.access_code_hash


def test_receipt_page_and_pdf_show_reference_and_code_but_no_personal_data(client, bodies, complaint_data, tmp_path):
    client.post(URL, complaint_data())
    case = Case.objects.get()
    code = client.session["oversight_receipt"]["code"]
    page = client.get(reverse("oversight:receipt")).content.decode()
    assert case.reference in page and code in page
    assert "张三" not in page and "13812345678" not in page and "zhangsan@" not in page

    response = client.get(reverse("oversight:receipt_pdf"))
    assert response["Content-Type"] == "application/pdf"
    pdf = response.content
    assert pdf.startswith(b"%PDF")
    (tmp_path / "receipt.pdf").write_bytes(pdf)  # to look at: pdftoppm -png -r 60 receipt.pdf receipt
    from io import BytesIO

    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages)
    assert case.reference in text and code in text
    assert "张三" not in text and "13812345678" not in text


def test_receipt_without_a_submission_in_the_session_redirects(client, db):
    assert client.get(reverse("oversight:receipt"))["Location"] == reverse("oversight:track")


def test_errors_keep_typed_fields_and_ask_again_for_attachments(client, bodies, complaint_data):
    data = complaint_data(description="短", subject_text="拱墅区某服务站<script>")
    response = client.post(URL, {**data, "attachments": uploads()})
    assert response.status_code == 400
    html = response.content.decode()
    assert "拱墅区某服务站&lt;script&gt;" in html and "<script>" not in html.split("<main")[1]
    assert "请重新选择附件" in html
    assert 'value="13812345678"' in html
    assert Case.objects.count() == 0 and Attachment.objects.count() == 0
    assert private_files() == []


@pytest.mark.parametrize(
    "upload, message",
    [
        (SimpleUploadedFile("fake.png", b"just some text, not an image" * 10, content_type="image/png"), "不是 PDF"),
        (
            SimpleUploadedFile("broken.pdf", b"%PDF-1.4\n garbage without pages", content_type="application/pdf"),
            "已损坏",
        ),
        (SimpleUploadedFile("evil.png", b"MZ\x90\x00" + b"\x00" * 300, content_type="image/png"), "不是 PDF"),
    ],
)
def test_attachments_are_checked_by_content_not_by_name(client, bodies, complaint_data, upload, message):
    response = client.post(URL, {**complaint_data(), "attachments": [upload]})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Case.objects.count() == 0


def test_attachment_limits_count_and_size(client, bodies, complaint_data):
    six = [SimpleUploadedFile(f"{i}.png", png_bytes(), content_type="image/png") for i in range(6)]
    response = client.post(URL, {**complaint_data(), "attachments": six})
    assert response.status_code == 400 and "最多上传5个附件" in response.content.decode()
    big = SimpleUploadedFile("big.pdf", pdf_bytes() + b"\0" * (10 * 1024 * 1024), content_type="application/pdf")
    response = client.post(URL, {**complaint_data(), "attachments": [big]})
    assert response.status_code == 400 and "超过10MB" in response.content.decode()
    assert Case.objects.count() == 0


def test_failure_after_attachment_write_leaves_no_rows_and_no_files(bodies, regions, monkeypatch):
    """The outbox write comes after the attachment files are written: make it fail."""
    from portal.oversight.services import outbox, submission

    def broken_queue(*args, **kwargs):
        assert len(private_files()) == 2  # the files really were written before the failure
        raise RuntimeError("database went away")

    monkeypatch.setattr(outbox, "queue", broken_queue)
    files = uploads()[:2]
    for f in files:
        f.portal_content_type = {"照片.png": "image/png", "scan.jpg": "image/jpeg"}[f.name]
    data = {
        "category": "quality",
        "subject_type": "provider",
        "region": regions["330106"],
        "subject_text": "某服务站",
        "description": "情况说明情况说明",
        "contact_name": "张三",
        "contact_email": "a@example.com",
    }
    with pytest.raises(RuntimeError):
        submission.submit_case(data, files)
    assert Case.objects.count() == 0
    assert Attachment.objects.count() == 0
    assert StatusChange.objects.count() == 0 and OutboxMessage.objects.count() == 0
    assert not ReferenceCounter.objects.filter(last__gt=0).exists()
    assert private_files() == []


def test_failure_in_the_view_returns_an_error_and_stores_nothing(client, bodies, complaint_data, monkeypatch):
    from portal.oversight.services import outbox

    monkeypatch.setattr(outbox, "queue", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("boom")))
    client.raise_request_exception = False
    response = client.post(URL, {**complaint_data(), "attachments": uploads()[:1]})
    assert response.status_code == 500
    assert Case.objects.count() == 0 and private_files() == []


def test_anonymous_submission_keeps_no_contact_details(client, bodies, complaint_data):
    response = client.post(URL, complaint_data(anonymous="on"))
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.anonymous and case.contact_name == case.contact_phone == case.contact_email == ""
    assert OutboxMessage.objects.count() == 0


def test_named_submission_needs_name_and_a_way_to_reply(client, bodies, complaint_data):
    response = client.post(URL, complaint_data(contact_name="", contact_phone="", contact_email=""))
    html = response.content.decode()
    assert response.status_code == 400 and "请填写姓名" in html and "至少填写联系电话或电子邮箱" in html


def test_supplier_challenge_is_named_about_a_procurement_and_gets_seven_working_days(client, bodies, complaint_data):
    response = client.post(URL, complaint_data(category="challenge", anonymous="on"))
    html = response.content.decode()
    assert response.status_code == 400 and "供应商质疑须实名提出" in html and "对象应为采购项目或公告" in html
    response = client.post(URL, complaint_data(category="challenge", subject_type="procurement"))
    assert response.status_code == 302
    assert Case.objects.get().due_days == 7


def test_media_inquiry_needs_outlet_and_email_and_gets_mt_reference(client, bodies, complaint_data):
    url = reverse("oversight:media_new")
    response = client.post(url, complaint_data(contact_email=""))
    html = response.content.decode()
    assert response.status_code == 400 and "媒体名称" in html
    response = client.post(url, complaint_data(media_outlet="浙江日报"))
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.reference.startswith("MT-") and case.kind == "media" and case.due_days == 5


def test_references_are_sequential_and_codes_unique(client, bodies, complaint_data):
    codes = set()
    for _ in range(3):
        client.post(URL, complaint_data())
        codes.add(client.session["oversight_receipt"]["code"])
    refs = sorted(Case.objects.values_list("reference", flat=True))
    numbers = [int(r.rsplit("-", 1)[1]) for r in refs]
    assert numbers == [numbers[0], numbers[0] + 1, numbers[0] + 2]
    assert len(codes) == 3


def test_subject_url_links_the_case_to_a_live_page(client, bodies, complaint_data, section):
    response = client.post(URL, complaint_data(subject_url="http://testserver" + section.url))
    assert response.status_code == 302
    assert Case.objects.get().subject_page_id == section.pk
    response = client.post(URL, complaint_data(subject_url="/no/such/page/"))
    assert response.status_code == 400 and "没有找到这个页面" in response.content.decode()


def test_oversized_request_is_refused_before_parsing(client, bodies):
    response = client.post(URL, {}, CONTENT_LENGTH=str(60 * 1024 * 1024))
    assert response.status_code == 413


def test_form_prefills_from_a_notice_page_or_provider_link(client, bodies, section):
    html = client.get(URL, {"page": section.pk}).content.decode()
    assert f'name="subject_text" value="{section.title}"' in html
    assert 'value="procurement" id="id_subject_type_1" required checked' in html
    html = client.get(URL, {"provider": "91330106MA2AXXXX0X"}).content.decode()
    assert 'value="91330106MA2AXXXX0X"' in html


def test_provider_credit_code_is_checked_and_looked_up_safely(client, bodies, complaint_data, monkeypatch):
    from django.apps import apps

    from portal.oversight.forms import CREDIT_CODE_ALPHABET, CREDIT_CODE_WEIGHTS, credit_code_valid
    from portal.oversight.services.subjects import provider_for_code

    body = "91330106MA2CFUEU1"
    total = sum(CREDIT_CODE_ALPHABET.index(c) * w for c, w in zip(body, CREDIT_CODE_WEIGHTS, strict=True))
    valid = body + CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]
    wrong = body + next(c for c in "0123456789" if c != valid[-1])
    assert credit_code_valid(valid) and not credit_code_valid(wrong)
    response = client.post(URL, complaint_data(provider_credit_code=wrong))
    assert response.status_code == 400 and "校验位" in response.content.decode()
    assert client.post(URL, complaint_data(provider_credit_code=valid.lower())).status_code == 302
    assert Case.objects.get().provider_credit_code == valid
    # Without the provider registry (or without a match) the lookup answers None, never an error.
    monkeypatch.setattr(apps, "get_model", lambda *a, **k: (_ for _ in ()).throw(LookupError("no app")))
    assert provider_for_code(valid) is None


def test_attachment_metadata_is_recorded(client, bodies, complaint_data):
    import hashlib

    content = png_bytes()
    client.post(URL, {**complaint_data(), "attachments": [SimpleUploadedFile("x.png", content)]})
    item = Attachment.objects.get()
    assert item.size == len(content) and item.sha256 == hashlib.sha256(content).hexdigest()
    assert item.original_name == "x.png" and item.file.name.endswith(".png") and "x.png" not in item.file.name
    with item.file.open("rb") as f:
        assert f.read() == content


def test_after_a_mistake_the_question_shown_is_the_one_checked(client, bodies, complaint_data):
    """The re-rendered form carries a fresh single-use question: its label must match its token."""
    import re

    from portal.core import captcha

    response = client.post(URL, complaint_data(subject_text=""))
    assert response.status_code == 400  # the form re-renders with its errors
    html = response.content.decode()
    token = re.search(r'name="captcha_token" value="([^"]+)"', html)[1]
    label = re.search(r'<label[^>]*for="id_captcha_answer"[^>]*>(.*?)</label>', html, re.S)[1]
    assert captcha.question_for(token) in label


def test_the_access_code_is_shown_once_and_the_session_forgets_it(client, bodies, complaint_data):
    """Right after submission the receipt shows the code; reloaded, it does not (the PDF still
    carries it for a while); after that nothing of the submission is left in the session."""
    import datetime as dt

    import time_machine
    from django.utils import timezone

    from portal.oversight.views.public import RECEIPT_SESSION_KEY

    client.post(URL, complaint_data())
    case = Case.objects.get()
    code = client.session[RECEIPT_SESSION_KEY]["code"]
    first = client.get(reverse("oversight:receipt")).content.decode()
    assert case.reference in first and code in first
    again = client.get(reverse("oversight:receipt"))
    assert again.status_code == 200 and code not in again.content.decode()
    assert "不再显示" in again.content.decode()
    assert again["Cache-Control"].startswith("max-age=0") or "no-store" in again["Cache-Control"]
    pdf = client.get(reverse("oversight:receipt_pdf"))
    assert pdf["Content-Type"] == "application/pdf"
    # Later in the same (two-week) session: no receipt, no PDF, no code in the session.
    with time_machine.travel(timezone.now() + dt.timedelta(days=1)):
        assert client.get(reverse("oversight:receipt"))["Location"] == reverse("oversight:track")
        assert client.get(reverse("oversight:receipt_pdf"))["Location"] == reverse("oversight:track")
        assert RECEIPT_SESSION_KEY not in client.session


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("测试@例子.中国", "测试@例子.中国"),
        ("zhangsan@例子.中国", "zhangsan@例子.中国"),
        ("张三.投诉@example.com", "张三.投诉@example.com"),
        ("ｚｈａｎｇｓａｎ＠ｅｘａｍｐｌｅ．ｃｏｍ", "zhangsan@example.com"),  # typed with a full-width IME
    ],
)
def test_internationalised_email_addresses_are_accepted(client, bodies, complaint_data, typed, stored):
    response = client.post(URL, complaint_data(contact_email=typed))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Case.objects.get().contact_email == stored


@pytest.mark.parametrize("typed", ["测 试@例子.中国", "测\u200b试@例子.中国", "测试@", "测试例子.中国", "测试@例子"])
def test_malformed_email_addresses_are_refused_with_the_text_kept(client, bodies, complaint_data, typed):
    response = client.post(URL, complaint_data(contact_email=typed))
    assert response.status_code == 400
    html = response.content.decode()
    assert "请填写有效的电子邮箱地址" in html and f'value="{typed}"' in html  # the typed text kept
    assert not Case.objects.exists()


def test_receipt_pdf_and_mail_link_to_the_public_address(
    client, bodies, complaint_data, settings, django_capture_on_commit_callbacks
):
    """The printed receipt and the receipt mail lead to the public tracking page, not to the host
    the complaint was posted to."""
    from io import BytesIO

    from pypdf import PdfReader

    settings.PORTAL_BASE_URL = "https://jiuzhu.example.gov.cn"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, complaint_data(), HTTP_HOST="10.0.8.15:8080")
    track = "https://jiuzhu.example.gov.cn" + reverse("oversight:track")
    assert track in mail.outbox[0].body and "10.0.8.15" not in mail.outbox[0].body
    pdf = client.get(reverse("oversight:receipt_pdf"), HTTP_HOST="10.0.8.15:8080").content
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages).replace("\n", "")
    assert track in text and "10.0.8.15" not in text
