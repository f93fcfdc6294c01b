"""Complainants' personal data never reaches a public page or output: a complaint and a media
inquiry with distinctive names, phones, e-mails and an ID number in the narrative are submitted
through the public forms, answered and published through the handling service; then every public
page, feed, API endpoint, open-data download and the sitemap is fetched and searched for them."""

import csv
import io
import re

import pytest
from django.contrib.auth import get_user_model
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def resident_id(first17):
    """A GB 11643 resident ID number with its check character."""
    total = sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS, strict=True))
    return first17 + "10X98765432"[total % 11]


COMPLAINANT = {"contact_name": "张三丰测试", "contact_phone": "13912345678", "contact_email": "leak-check@example.com"}
JOURNALIST = {"contact_name": "李四光测试", "contact_phone": "13711112222", "contact_email": "media-leak@example.com"}
ID_NUMBER = resident_id("33010619880715123")
NARRATIVE_PHONE = "13987654321"
ADDRESS = "文三路88号3幢502室"


def personal_values():
    return [
        *COMPLAINANT.values(),
        *JOURNALIST.values(),
        ID_NUMBER,
        NARRATIVE_PHONE,
        ADDRESS,
    ]


def _captcha():
    from portal.core import captcha

    class FixedRng:
        def randbelow(self, n):
            return 2 if n == 9 else 1

    _question, token = captcha.new_challenge(rng=FixedRng())
    return {"captcha_token": token, "captcha_answer": "6"}


def _submit(client, path, extra):
    from portal.oversight.models import Case
    from portal.oversight.views.public import RECEIPT_SESSION_KEY

    response = client.post(path, {**extra, **_captcha()})
    assert response.status_code == 302, response.content.decode()[:2000]
    receipt = client.session[RECEIPT_SESSION_KEY]
    return Case.objects.get(pk=receipt["case"]), receipt["code"]


ANSWER = f"经核查情况属实，已督促整改，并已电话{NARRATIVE_PHONE}告知投诉人。"


@pytest.fixture
def answer():
    return ANSWER


@pytest.fixture
def published_cases(client, fuzz_data, regions, answer):
    """A complaint and a media inquiry, answered and published with the redacted summary."""
    from portal.oversight.models import Status
    from portal.oversight.redaction import redact
    from portal.oversight.services.handling import change_status, publish_summary

    description = (
        f"我叫{COMPLAINANT['contact_name']}，身份证号{ID_NUMBER}，住在西湖区{ADDRESS}，"
        f"电话{NARRATIVE_PHONE}。护理员多次未按约定时间上门，老人无人照料，请核查。"
    )
    common = {
        "category": "quality",
        "subject_type": "provider",
        "region": str(regions["330106"].pk),
        "subject_text": "西湖区某居家养老服务站",
        "description": description,
        "consent_publish": "on",
    }
    complaint, complaint_code = _submit(client, "/oversight/complaints/new/", {**common, **COMPLAINANT})
    media, _media_code = _submit(
        client, "/oversight/media/new/", {**common, **JOURNALIST, "media_outlet": "浙江测试日报"}
    )
    admin = get_user_model().objects.create_superuser("leak-admin", "admin@example.org", "pw")
    for case, text in ((complaint, answer), (media, ANSWER)):
        change_status(case, Status.ACCEPTED, admin)
        change_status(case, Status.ANSWERED, admin, answer=text)
        case.refresh_from_db()
        publish_summary(case, redact(case.description).text, admin)
    complaint.refresh_from_db()
    media.refresh_from_db()
    assert complaint.published_at and media.published_at
    return {"complaint": complaint, "media": media, "complaint_code": complaint_code}


def _text(response):
    """The response body as text: HTML, CSV, JSON or XLSX (every cell)."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/vnd.openxmlformats"):
        workbook = load_workbook(io.BytesIO(content), read_only=True)
        cells = []
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows(values_only=True):
                cells.extend(str(v) for v in row if v is not None)
        return "\n".join(cells)
    text = content.decode("utf-8-sig", errors="replace")
    if response.get("Content-Type", "").startswith("text/csv"):
        text = "\n".join(",".join(row) for row in csv.reader(io.StringIO(text)))
    return text


def assert_no_personal_data(label, response):
    assert response.status_code == 200, (label, response.status_code)
    text = _text(response)
    compact = re.sub(r"[\s\-]", "", text)  # 139 1234 5678 and 139-1234-5678 count as the number
    for value in personal_values():
        assert value not in text and value.replace(" ", "") not in compact, (label, value)
    return text


def public_urls(cases):
    complaint, media = cases["complaint"], cases["media"]
    urls = [
        "/",
        "/oversight/register/",
        f"/oversight/register/{complaint.reference}/",
        f"/oversight/register/{media.reference}/",
        "/oversight/register/?q=护理员",
        "/oversight/statistics/",
        "/oversight/statistics.csv",
        f"/oversight/statistics/?year={complaint.received_at.year}",
        "/search/?q=护理员",
        "/feeds/notices.atom",
        "/disclosures/notices/",
        "/disclosures/notices/notices.csv",
        "/disclosures/notices/notices.xlsx",
        "/disclosures/evaluations/evaluations.csv",
        "/disclosures/evaluations/evaluations.xlsx",
        "/providers/",
        "/providers/export.csv",
        "/providers/export.xlsx",
        "/disclosures/capacity/?format=csv",
        "/disclosures/capacity/?format=xlsx",
        "/open-data/",
        "/open-data/ocds/releases.json",
        "/sitemap.xml",
        "/robots.txt",
        "/api/v1/notices/",
        "/api/v1/evaluations/",
        "/api/v1/capacity/",
        "/api/v1/oversight/statistics",
        "/api/v1/oversight/register",
        "/api/v1/oversight/register?category=quality",
        "/api/v1/schema/",
    ]
    return urls


def test_no_personal_data_on_any_public_output(client, published_cases):
    from django.test import Client

    public = Client()  # a visitor: not the submitter's session
    checked = 0
    for url in public_urls(published_cases):
        assert_no_personal_data(url, public.get(url))
        checked += 1
    print(f"personal data: {checked} public outputs checked for {len(personal_values())} values")


def test_cases_cannot_be_found_by_personal_values(published_cases):
    """Searching the register or the site for a name, phone, e-mail or ID number finds nothing (the
    typed query is echoed in the search box, so the check is on the case references)."""
    from django.test import Client

    public = Client()
    references = [published_cases["complaint"].reference, published_cases["media"].reference]
    assert references[0] in public.get("/oversight/register/?q=护理员").content.decode()  # search works
    # The phone written in the handler's answer is checked in the next test.
    for value in [v for v in personal_values() if v != NARRATIVE_PHONE]:
        for url in ("/oversight/register/", "/search/"):
            assert _finds(public, url, value, references) is False, (url, value)


def _finds(client, url, value, references):
    response = client.get(url, {"q": value[:100]})
    assert response.status_code == 200
    html = response.content.decode()
    return any(ref in html for ref in references)


def test_phone_in_the_answer_does_not_find_the_case(published_cases):
    from django.test import Client

    references = [published_cases["complaint"].reference, published_cases["media"].reference]
    assert _finds(Client(), "/oversight/register/", NARRATIVE_PHONE, references) is False


def test_every_read_api_operation_is_checked(client, published_cases):
    """New API endpoints must be added to the list above (those needing parameters are covered by
    schemathesis and do not return stored personal data)."""
    schema = client.get("/api/v1/schema/").json()
    listed = {url.split("?")[0] for url in public_urls(published_cases)}
    parameterised = {"/api/v1/deadlines/", "/api/v1/providers/check-code/"}
    for path in schema["paths"]:
        assert path in listed or path in parameterised, path


def test_register_shows_the_redacted_summary(client, published_cases):
    """The published entries are there (so the absence checks above are meaningful)."""
    complaint = published_cases["complaint"]
    html = client.get(f"/oversight/register/{complaint.reference}/").content.decode()
    assert complaint.reference in html
    assert "护理员多次未按约定时间上门" in html
    api = client.get("/api/v1/oversight/register").content.decode()
    assert complaint.reference in api


def test_tracking_page_shows_status_not_contact_details(published_cases):
    """The holder of the reference and access code sees the progress, not the contact details or
    the narrative's ID number (a code can be passed on or overheard)."""
    from django.test import Client

    complaint = published_cases["complaint"]
    response = Client().post(
        "/oversight/track/", {"reference": complaint.reference, "access_code": published_cases["complaint_code"]}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert complaint.reference in html
    assert "已督促整改" in html  # the answer addressed to the complainant (shown as written)
    for value in (COMPLAINANT["contact_phone"], COMPLAINANT["contact_email"], ID_NUMBER, ADDRESS):
        assert value not in html, value


@pytest.mark.parametrize("answer", [f"经核查情况属实，已督促整改，并电话告知{COMPLAINANT['contact_name']}。"])
def test_complainant_name_in_the_answer_is_not_published(client, published_cases, answer):
    from django.test import Client

    public = Client()
    complaint = published_cases["complaint"]
    for url in (
        "/oversight/register/",
        f"/oversight/register/{complaint.reference}/",
        "/api/v1/oversight/register",
    ):
        assert_no_personal_data(url, public.get(url))
