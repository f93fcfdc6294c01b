"""Property-based fuzzing of every public form: complaint, media inquiry, case tracking, provider
application, application tracking, eligibility self-check, deadline calculator and site search.
Never a 5xx; a form with errors re-renders with what was typed."""

import pytest
from django.utils.html import escape
from hypothesis import given
from hypothesis import strategies as st

from .conftest import ACCEPTABLE, FUZZ
from .strategies import hostile, value

pytestmark = pytest.mark.django_db

# Text fields whose typed value must come back in the re-rendered form (checked when it is short
# enough to be kept whole and has no characters a form field strips or refuses).
KEPT_MAX = 300


def _keepable(text):
    return (
        bool(text.strip())
        and len(text) <= KEPT_MAX
        and text == text.strip()
        and "\x00" not in text
        and "\r" not in text
        and text.isprintable()
    )


def assert_kept(response, data, fields):
    html = response.content.decode()
    for name in fields:
        typed = data.get(name)
        if isinstance(typed, str) and _keepable(typed):
            assert escape(typed) in html, (name, typed)


def _case_fields(regions):
    from portal.oversight.models import Category, SubjectType

    return {
        "category": value([c for c, _label in Category.choices]),
        "subject_type": value([c for c, _label in SubjectType.choices]),
        "region": value([str(regions["330106"].pk), str(regions["330100"].pk)]),
        "subject_text": value(["西湖区某居家养老服务站"]),
        "provider_credit_code": value(["91330106MA2XXXXX0X"]),
        "subject_url": value(["/", "http://testserver/disclosures/", "https://evil.example/"]),
        "description": value(["护理员多次未按约定时间上门，老人无人照料，请核查。"]),
        "anonymous": value(["on"]),
        "contact_name": value(["张三"]),
        "contact_phone": value(["13812345678", "0571-87000000"]),
        "contact_email": value(["zhangsan@example.com"]),
        "consent_publish": value(["on"]),
        "website": st.just(""),
    }


def _captcha(solved):
    from portal.core import captcha

    class FixedRng:
        def randbelow(self, n):
            return 2 if n == 9 else 1

    _question, token = captcha.new_challenge(rng=FixedRng())
    return {"captcha_token": token, "captcha_answer": "6" if solved else "-1"}


KEPT_CASE_FIELDS = ["subject_text", "description", "contact_name", "media_outlet"]


@pytest.mark.parametrize("path", ["/oversight/complaints/new/", "/oversight/media/new/"])
def test_submission_forms_never_5xx_and_keep_typed_text(client, fuzz_data, regions, path):
    from portal.oversight.models import Case

    fields = _case_fields(regions)
    if "media" in path:
        fields["media_outlet"] = value(["浙江日报"])

    seen = set()

    @FUZZ
    @given(data=st.fixed_dictionaries({}, optional=fields), solved=st.booleans())
    def run(data, solved):
        before = Case.objects.count()
        response = client.post(path, {**data, **_captcha(solved)})
        assert response.status_code in ACCEPTABLE, response.status_code
        seen.add(response.status_code)
        if response.status_code == 400:
            assert_kept(response, data, KEPT_CASE_FIELDS)
            assert Case.objects.count() == before
        elif response.status_code == 302:
            assert Case.objects.count() == before + 1

    run()
    assert 400 in seen  # the re-rendering (and the kept-text check) was exercised


def test_case_tracking_never_5xx(client, fuzz_data):
    @FUZZ
    @given(data=st.fixed_dictionaries({}, optional={"reference": value(["TS-2026-000001"]), "access_code": hostile}))
    def run(data):
        response = client.post("/oversight/track/", data)
        assert response.status_code in ACCEPTABLE, response.status_code
        if response.status_code in (400, 404):
            assert_kept(response, data, ["reference"])

    run()


def _application_fields(regions, items):
    from portal.providers.models import ProviderType

    return {
        "name": value(["杭州市西湖区测试社会工作服务中心"]),
        "credit_code": value(["91330106MA2XXXXX0X", "52330106MJ1234567X"]),
        "provider_type": value([c for c, _label in ProviderType.choices]),
        "registration_authority": value(["杭州市西湖区民政局"]),
        "registered_on": value(["2020-01-01"]),
        "address": value(["杭州市西湖区文三路1号"]),
        "region": value(["330106", "330100"]),
        "service_items": st.lists(value([str(i.pk) for i in items.values()][:3]), max_size=3),
        "description": value(["为特困老人提供上门照料护理。"]),
        "staff_count": value(["10"]),
        "social_worker_count": value(["2"]),
        "facilities": value(["服务场所200平方米"]),
        "governance_attested": value(["on"]),
        "finance_attested": value(["on"]),
        "contact_name": value(["李四"]),
        "contact_phone": value(["13912345678"]),
        "contact_email": value(["lisi@example.com"]),
        "public_phone": value(["0571-88000000"]),
        "confirm": value(["on"]),
    }


def test_provider_application_never_5xx_and_keeps_typed_text(client, fuzz_data, regions, items):
    from portal.providers.models import ProviderApplication

    @FUZZ
    @given(data=st.fixed_dictionaries({}, optional=_application_fields(regions, items)))
    def run(data):
        before = ProviderApplication.objects.count()
        response = client.post("/providers/apply/", data)
        assert response.status_code in ACCEPTABLE, response.status_code
        if response.status_code == 200:  # re-rendered with errors (no registration document sent)
            assert_kept(response, data, ["name", "address", "registration_authority", "contact_name"])
            assert ProviderApplication.objects.count() == before
            kept.append(response)

    kept = []
    run()
    assert kept


def test_application_tracking_never_5xx(client, fuzz_data):
    @FUZZ
    @given(data=st.fixed_dictionaries({}, optional={"reference": value(["SQ-2026-0001"]), "access_code": hostile}))
    def run(data):
        response = client.post("/providers/apply/track/", data)
        assert response.status_code in ACCEPTABLE, response.status_code
        if response.status_code == 200 and data.get("reference"):
            reference = data["reference"].strip().upper()
            if _keepable(reference) and len(reference) <= 20:
                assert escape(reference) in response.content.decode() or escape(data["reference"]) in (
                    response.content.decode()
                )

    run()


def test_eligibility_self_check_never_5xx(client, fuzz_data, items):
    from portal.providers.models import ProviderType

    yes_no = value(["yes", "no"])
    fields = {
        "check": value(["1"]),
        "format": value(["pdf", "html"]),
        "notice": value([str(fuzz_data["notice"].pk), str(fuzz_data["provider"].pk)]),
        "code": value([fuzz_data["provider"].credit_code]),
        "credit_code": value([fuzz_data["provider"].credit_code]),
        "provider_type": value([c for c, _label in ProviderType.choices]),
        "registered_on": value(["2015-03-01"]),
        "region": value(["330106"]),
        "target_region": value(["330106", "330100"]),
        "service_items": st.lists(value([str(i.pk) for i in items.values()][:3]), max_size=3),
        "staff_count": value(["10"]),
        "social_worker_count": value(["1"]),
        "civil_liability": yes_no,
        "facilities": yes_no,
        "governance": yes_no,
        "finance": yes_no,
        "financial_report": yes_no,
        "restricted": yes_no,
    }

    @FUZZ
    @given(data=st.fixed_dictionaries({}, optional=fields))
    def run(data):
        response = client.get("/providers/eligibility-check/", data)
        assert response.status_code in ACCEPTABLE, response.status_code

    run()


def test_deadline_calculator_never_5xx_and_keeps_the_date(client, fuzz_data):
    from portal.disclosures.rules import RULES

    @FUZZ
    @given(data=st.fixed_dictionaries({}, optional={"rule": value(list(RULES)), "start": value(["2026-11-02"])}))
    def run(data):
        response = client.get("/disclosures/deadlines/", data)
        assert response.status_code in ACCEPTABLE, response.status_code
        if response.status_code == 400:
            assert_kept(response, data, ["start"])

    run()


def test_site_search_never_5xx_and_keeps_the_query(client, fuzz_data):
    @FUZZ
    @given(data=st.fixed_dictionaries({}, optional={"q": value(["社会救助", "照料护理 西湖区"]), "page": value(["1"])}))
    def run(data):
        response = client.get("/search/", data)
        assert response.status_code in ACCEPTABLE, response.status_code
        if response.status_code == 200:
            assert_kept(response, data, ["q"])

    run()
