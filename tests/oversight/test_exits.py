"""A 违规转包 complaint found substantiated (or partly) opens an exit decision for the provider it is
about; the decision then reaches the registry and the self-check like one after a failed evaluation."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from portal.oversight.factories import CaseFactory
from portal.oversight.models import Case, Category, Finding, Status
from portal.oversight.services import handling
from portal.providers.factories import ProviderFactory
from portal.providers.models import ExitDecisionTask, provider_in_good_standing
from tests.oversight.conftest import bodies, make_handler  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def provider(regions):
    return ProviderFactory(name="西湖区转包测试社会工作服务中心")


@pytest.fixture
def handler(bodies):  # noqa: F811
    return make_handler("xh-handler", bodies["330106"])


def _accepted_case(regions, **fields):
    case = CaseFactory(region=regions["330106"], status=Status.ACCEPTED, **fields)
    return case


def _answer(case, user, finding, **extra):
    return handling.change_status(case, Status.ANSWERED, user, answer="经核查，情况如下。", finding=finding, **extra)


@pytest.mark.parametrize("finding", [Finding.SUBSTANTIATED, Finding.PARTLY])
def test_confirmed_subcontracting_opens_one_exit_task(regions, provider, handler, finding):
    case = _accepted_case(
        regions, category=Category.SUBCONTRACTING, subject_type="provider", provider_credit_code=provider.credit_code
    )
    _answer(case, handler, finding)
    task = ExitDecisionTask.objects.get()
    assert task.provider_credit_code == provider.credit_code
    assert task.provider_name == provider.name
    assert task.case_reference == case.reference
    assert case.reference in task.trigger and "违规转包" in task.trigger
    assert not task.is_decided
    assert Case.objects.get(pk=case.pk).finding == finding


@pytest.mark.parametrize(
    ("category", "finding"),
    [
        (Category.SUBCONTRACTING, Finding.UNSUBSTANTIATED),
        (Category.SUBCONTRACTING, ""),
        (Category.QUALITY, Finding.SUBSTANTIATED),
    ],
)
def test_no_task_without_a_confirmed_subcontracting_finding(regions, provider, handler, category, finding):
    case = _accepted_case(regions, category=category, provider_credit_code=provider.credit_code)
    _answer(case, handler, finding)
    assert not ExitDecisionTask.objects.exists()


def test_confirmed_subcontracting_needs_a_registered_provider(regions, handler):
    case = _accepted_case(regions, category=Category.SUBCONTRACTING, provider_credit_code="")
    with pytest.raises(ValidationError) as exc:
        _answer(case, handler, Finding.SUBSTANTIATED)
    assert "finding" in exc.value.message_dict
    case.refresh_from_db()
    assert case.status == Status.ACCEPTED and not case.finding
    assert not ExitDecisionTask.objects.exists()


def test_handler_can_supply_the_verified_credit_code(regions, provider, handler):
    case = _accepted_case(regions, category=Category.SUBCONTRACTING, provider_credit_code="")
    _answer(case, handler, Finding.SUBSTANTIATED, provider_credit_code=provider.credit_code)
    assert ExitDecisionTask.objects.get().provider_credit_code == provider.credit_code


def test_decision_reaches_registry_and_self_check(regions, provider, handler):
    case = _accepted_case(regions, category=Category.SUBCONTRACTING, provider_credit_code=provider.credit_code)
    _answer(case, handler, Finding.SUBSTANTIATED)
    task = ExitDecisionTask.objects.get()
    task.decision, task.reason, task.decided_at = "exited", "违规转包属实，退出。", dt.date.today()
    task.full_clean()
    task.save()
    provider.refresh_from_db()
    assert provider.status == "exited" and not provider_in_good_standing(provider)
    latest = provider.status_changes.order_by("-pk").first()
    assert (latest.status, latest.reason) == ("exited", "违规转包属实，退出。")


def test_admin_answer_with_finding_opens_task(client, regions, provider, handler):
    case = _accepted_case(regions, category=Category.SUBCONTRACTING, provider_credit_code=provider.credit_code)
    client.force_login(handler)
    response = client.post(
        reverse("oversight_case:status", args=[case.pk]),
        {"to_status": Status.ANSWERED, "answer": "经核查属实。", "finding": Finding.SUBSTANTIATED},
    )
    assert response.status_code == 302
    assert ExitDecisionTask.objects.filter(case_reference=case.reference).count() == 1


def test_admin_error_rerenders_and_keeps_the_typed_answer(client, regions, handler):
    case = _accepted_case(regions, category=Category.SUBCONTRACTING, provider_credit_code="")
    client.force_login(handler)
    response = client.post(
        reverse("oversight_case:status", args=[case.pk]),
        {"to_status": Status.ANSWERED, "answer": "这是一段很长的答复草稿。", "finding": Finding.SUBSTANTIATED},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "这是一段很长的答复草稿。" in html
    assert "统一社会信用代码" in html
    case.refresh_from_db()
    assert case.status == Status.ACCEPTED


def test_finding_is_public_on_tracking_and_register(client, regions, provider, handler):
    from django.utils import timezone

    case = _accepted_case(
        regions,
        category=Category.SUBCONTRACTING,
        provider_credit_code=provider.credit_code,
        consent_publish=True,
    )
    _answer(case, handler, Finding.PARTLY)
    Case.objects.filter(pk=case.pk).update(
        published_at=timezone.now(), summary_reviewed_at=timezone.now(), redacted_summary="某机构将服务转包。"
    )
    html = client.get(reverse("oversight:register_detail", args=[case.reference])).content.decode()
    assert "核查结论" in html and "部分属实" in html
    rows = client.get("/api/v1/oversight/register").json()["results"]
    assert [(r["reference"], r["finding"]) for r in rows] == [(case.reference, "partly")]
