"""Eligibility criteria and the self-check: eligible, ineligible with cited unmet criteria,
suspended or exited providers while the decision is in force, local criteria, ?notice=, PDF."""

import datetime
import subprocess

import pytest
from django.utils import timezone

from portal.providers.factories import CriterionFactory, ProviderFactory, StatusChangeFactory
from portal.providers.models import EligibilityCriterion, ProviderStatusChange, Requirement, provider_in_good_standing
from portal.reference.models import Region

pytestmark = pytest.mark.django_db

URL = "/providers/eligibility-check/"


def answers(items, **overrides):
    data = {
        "check": "1",
        "provider_type": "social_org",
        "registered_on": "2016-05-20",
        "region": "330106",
        "target_region": "330106",
        "service_items": [items["社会救助对象照料护理"].pk],
        "staff_count": "20",
        "social_worker_count": "5",
        "civil_liability": "yes",
        "facilities": "yes",
        "governance": "yes",
        "finance": "yes",
        "financial_report": "yes",
        "restricted": "no",
    }
    data.update(overrides)
    return data


@pytest.fixture
def local_criteria(regions):
    hangzhou = Region.objects.get(code="330100")
    CriterionFactory(
        code="L-330100-1",
        title="持证社工不少于3名",
        text="承接服务性工作的，应有不少于3名持证社会工作者。",
        source="杭州市民政局 2024 年第1号公告",
        region=hangzhou,
        service_category="service",
        requirement=Requirement.SOCIAL_WORKERS_MIN,
        threshold=3,
        effective_from=datetime.date(2024, 1, 1),
    )
    CriterionFactory(
        code="L-330100-2",
        title="登记成立满2年",
        text="应登记成立满2年。",
        source="杭州市民政局 2024 年第1号公告",
        region=hangzhou,
        requirement=Requirement.YEARS_MIN,
        threshold=2,
        effective_from=datetime.date(2024, 1, 1),
    )
    # An expired version must not apply.
    CriterionFactory(
        code="L-330100-3",
        title="从业人员不少于100人",
        text="旧版要求。",
        source="杭州市民政局 2019 年公告",
        region=hangzhou,
        requirement=Requirement.STAFF_MIN,
        threshold=100,
        effective_from=datetime.date(2019, 1, 1),
        effective_to=datetime.date(2023, 12, 31),
    )


def test_general_criteria_quote_the_policy():
    codes = list(EligibilityCriterion.objects.filter(region__isnull=True).values_list("code", flat=True))
    assert codes == ["G-1", "G-2", "G-3", "G-4", "G-5", "G-6", "G-7"]
    g2 = EligibilityCriterion.objects.get(code="G-2")
    assert g2.text == "承接主体能够独立承担民事责任。" and "浙民助〔2018〕117号" in g2.source


def test_eligible_provider(client, items, local_criteria):
    response = client.get(URL, answers(items))
    result = response.context["result"]
    assert result.eligible, [(r.criterion.code, r.reason) for r in result.unmet]
    codes = [r.criterion.code for r in result.results]
    assert "L-330100-1" in codes and "L-330100-2" in codes and "L-330100-3" not in codes
    assert "自查结果：符合条件" in response.content.decode()


def test_ineligible_provider_gets_each_unmet_criterion_cited(client, items, local_criteria):
    response = client.get(
        URL,
        answers(items, social_worker_count="1", governance="no", registered_on=str(timezone.localdate())),
    )
    result = response.context["result"]
    assert not result.eligible
    unmet = {r.criterion.code: r.reason for r in result.unmet}
    assert set(unmet) == {"G-5", "L-330100-1", "L-330100-2"}
    assert unmet["L-330100-1"] == "持证社工 1 人，要求不少于 3 人。"
    content = response.content.decode()
    assert "有 3 项条件不符合" in content
    assert "L-330100-1（第1版）持证社工不少于3名" in content


def test_local_criteria_only_for_their_region_and_category(client, items, local_criteria):
    # Ningbo: Hangzhou's local criteria do not apply.
    result = client.get(URL, answers(items, target_region="330203", social_worker_count="0")).context["result"]
    assert result.eligible
    # Hangzhou but affairs work only: the service-category criterion does not apply.
    affairs = [items["社会救助业务培训"].pk]
    result = client.get(URL, answers(items, service_items=affairs, social_worker_count="0")).context["result"]
    assert "L-330100-1" not in [r.criterion.code for r in result.results]


def test_suspended_provider_fails_while_in_force(client, items, regions):
    provider = ProviderFactory()
    StatusChangeFactory(
        provider=provider,
        status="suspended",
        decided_at=datetime.date(2025, 3, 1),
        effective_from=datetime.date(2025, 3, 1),
        suspended_until=datetime.date(2099, 12, 31),
        reason="违规转包服务，暂停承接资格。",
    )
    response = client.get(URL, answers(items, credit_code=provider.credit_code))
    result = response.context["result"]
    assert [r.criterion.code for r in result.unmet] == ["G-7"]
    assert "违规转包服务" in result.unmet[0].reason and "2099-12-31" in result.unmet[0].reason
    # The applicant's own answer cannot override the registry.
    assert not provider_in_good_standing(provider)
    assert provider_in_good_standing(provider, datetime.date(2025, 2, 28))
    assert not provider_in_good_standing(provider, datetime.date(2099, 12, 31))
    assert provider_in_good_standing(provider, datetime.date(2100, 1, 1))


def test_exited_provider_fails_and_reinstatement_restores(regions):
    provider = ProviderFactory()
    StatusChangeFactory(
        provider=provider,
        status="exited",
        reason="退出",
        effective_from=datetime.date(2024, 1, 1),
        decided_at=datetime.date(2024, 1, 1),
    )
    provider.refresh_from_db()
    assert provider.status == "exited"
    assert not provider_in_good_standing(provider, datetime.date(2030, 1, 1))
    StatusChangeFactory(
        provider=provider,
        status="active",
        reason="恢复",
        effective_from=datetime.date(2025, 1, 1),
        decided_at=datetime.date(2025, 1, 1),
    )
    provider.refresh_from_db()
    assert provider.status == "active"
    assert provider_in_good_standing(provider, datetime.date(2025, 6, 1))
    assert not provider_in_good_standing(provider, datetime.date(2024, 6, 1))


def test_status_history_is_append_only(regions):
    from django.core.exceptions import ValidationError

    change = StatusChangeFactory()
    change.reason = "改写"
    with pytest.raises(ValidationError):
        change.save()
    with pytest.raises(ValidationError):
        change.delete()
    assert ProviderStatusChange.objects.get().reason != "改写"


def test_prefill_from_registry(client, items, regions):
    provider = ProviderFactory(staff_count=33, social_worker_count=7)
    response = client.get(URL, {"code": provider.credit_code.lower()})
    form = response.context["form"]
    assert form.initial["staff_count"] == 33 and form.initial["provider_type"] == "social_org"
    assert "已按名录中" in response.content.decode()
    unknown = client.get(URL, {"code": "91350100M000100Y43"})
    assert "名录中没有" in unknown.content.decode()
    invalid = client.get(URL, {"code": "91350100M000100Y44"})
    assert "校验码错误" in invalid.content.decode()


def test_form_errors_keep_input(client, items):
    response = client.get(URL, {"check": "1", "staff_count": "abc", "registered_on": "2016-05-20"})
    assert response.status_code == 200 and response.context["result"] is None
    content = response.content.decode()
    assert 'value="2016-05-20"' in content and "errorlist" in content


class FakeNotice:
    pass


def test_notice_parameter(client, items, local_criteria, home_page, monkeypatch):
    from wagtail.models import Page

    # A page with eligibility_scope(): the notice fixes region and items.
    from portal.home.models import StandardPage

    notice = home_page.add_child(instance=StandardPage(title="照料护理服务采购公告", slug="notice-x"))
    hangzhou = Region.objects.get(code="330100")
    monkeypatch.setattr(
        StandardPage, "eligibility_scope", lambda self: (hangzhou, [items["社会救助对象照料护理"]]), raising=False
    )
    data = answers(items, social_worker_count="1")
    data.pop("target_region")
    data.pop("service_items")
    response = client.get(URL, {**data, "notice": notice.pk})
    result = response.context["result"]
    assert [r.criterion.code for r in result.unmet] == ["L-330100-1"]
    assert "照料护理服务采购公告" in response.content.decode()
    # A page without eligibility_scope(), a missing page and a non-number give 400.
    monkeypatch.delattr(StandardPage, "eligibility_scope")
    assert client.get(URL, {"notice": notice.pk}).status_code == 400
    assert client.get(URL, {"notice": Page.objects.order_by("-pk").first().pk + 100}).status_code == 400
    assert client.get(URL, {"notice": "abc"}).status_code == 400


def test_pdf(client, items, local_criteria, tmp_path):
    response = client.get(URL, answers(items, social_worker_count="1", format="pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "result.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "承接主体资格自查结果" in text and "有 1 项条件不符合" in text and "L-330100-1" in text
    assert client.get(URL, {"format": "pdf"}).status_code == 400


def test_criteria_page(client, local_criteria):
    content = client.get("/providers/eligibility/").content.decode()
    assert "承接主体能够独立承担民事责任。" in content
    assert "持证社工不少于3名" in content
    assert "已失效或尚未生效的版本" in content and "从业人员不少于100人" in content
    assert client.get("/providers/eligibility/", {"region": "330106"}).status_code == 200
    assert client.get("/providers/eligibility/", {"region": "1"}).status_code == 400


def test_refresh_provider_status_ends_expired_suspensions(regions):
    import io

    from django.core.management import call_command

    provider = ProviderFactory()
    StatusChangeFactory(
        provider=provider,
        status="suspended",
        decided_at=datetime.date(2020, 1, 1),
        effective_from=datetime.date(2020, 1, 1),
        suspended_until=datetime.date(2099, 1, 1),
    )
    provider.refresh_from_db()
    assert provider.status == "suspended"
    # Shorten the suspension directly in the database (as if time had passed).
    ProviderStatusChange.objects.filter(provider=provider).update(suspended_until=datetime.date(2021, 1, 1))
    out = io.StringIO()
    call_command("refresh_provider_status", stdout=out)
    provider.refresh_from_db()
    assert provider.status == "active" and provider.status_since == datetime.date(2021, 1, 2)
    assert "1 家" in out.getvalue()
