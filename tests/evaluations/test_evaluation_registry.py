"""Evaluation results carried into the registry (latest grade on publish, profile history and
trend, the winner's past grades on result notices) and the exit mechanism: a 不合格 result opens a
decision task whose decision reaches the status history, the directory and the self-check."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from portal.providers.factories import ProviderFactory
from portal.providers.models import ExitDecisionTask, ProviderStatusChange, provider_in_good_standing

from .evaluation_fixtures import make_result, scheme  # noqa: F401

pytestmark = pytest.mark.django_db

FAIL_SCORES = {
    "purchaser_score": Decimal("50"),
    "satisfaction_rate": Decimal("50"),
    "third_party_score": Decimal("50"),
}


@pytest.fixture
def provider(regions):
    return ProviderFactory(name="西湖区阳光社会工作服务中心")


def test_publish_updates_latest_grade_and_unpublish_restores(provider, make_project, make_result):  # noqa: F811
    project = make_project()
    older = make_result(project, provider_credit_code=provider.credit_code, evaluated_on=dt.date(2025, 3, 1))
    provider.refresh_from_db()
    assert (provider.latest_grade, provider.latest_grade_date) == ("excellent", dt.date(2025, 3, 1))
    newer = make_result(
        project,
        provider_credit_code=provider.credit_code,
        evaluated_on=dt.date(2026, 3, 1),
        purchaser_score=Decimal("80"),
        satisfaction_rate=Decimal("80"),
        third_party_score=Decimal("80"),
    )
    provider.refresh_from_db()
    assert (provider.latest_grade, provider.latest_grade_date) == ("good", dt.date(2026, 3, 1))
    newer.unpublish()
    provider.refresh_from_db()
    assert (provider.latest_grade, provider.latest_grade_date) == ("excellent", dt.date(2025, 3, 1))
    older.unpublish()
    provider.refresh_from_db()
    assert provider.latest_grade is None
    # A draft does not reach the registry.
    make_result(project, provider_credit_code=provider.credit_code, publish=False)
    provider.refresh_from_db()
    assert provider.latest_grade is None


def test_profile_shows_history_and_trend(client, provider, make_project, make_result):  # noqa: F811
    project = make_project()
    make_result(project, provider_credit_code=provider.credit_code, year=2024, evaluated_on=dt.date(2025, 3, 1))
    make_result(
        project, provider_credit_code=provider.credit_code, year=2025, evaluated_on=dt.date(2026, 3, 1), **FAIL_SCORES
    )
    html = client.get(provider.get_absolute_url()).content.decode()
    assert "绩效评价记录" in html and "历次绩效评价综合得分" in html
    assert "2024年优秀 90" in html and "2025年不合格 50" in html  # the chart's description, oldest first
    assert html.index(">2025</a>") < html.index(">2024</a>")  # the table, newest first


def test_profile_of_a_provider_never_evaluated_has_no_section(client, provider):
    assert "绩效评价记录" not in client.get(provider.get_absolute_url()).content.decode()


def test_profile_query_count_stays_bounded(client, provider, make_project, make_result, django_assert_max_num_queries):  # noqa: F811
    project = make_project()
    for year in range(2015, 2025):
        make_result(project, provider_credit_code=provider.credit_code, year=year)
    client.get(provider.get_absolute_url())
    with django_assert_max_num_queries(14):
        client.get(provider.get_absolute_url())


def test_result_notice_shows_the_winners_past_grades(client, provider, make_project, make_result, publish_notice):  # noqa: F811
    earlier = make_project()
    make_result(earlier, provider_credit_code=provider.credit_code, year=2024)
    project = make_project()
    notice = publish_notice(
        project,
        "result",
        supplier_name=provider.name,
        supplier_credit_code=provider.credit_code,
        decision_date=dt.date(2026, 11, 2),
        published_on=dt.date(2026, 11, 3),
        amount=Decimal("480000"),
    )
    html = client.get(notice.url).content.decode()
    assert "中标（成交）供应商以往绩效评价" in html and "优秀" in html
    other = publish_notice(
        make_project(),
        "result",
        supplier_name="新机构",
        supplier_credit_code="52330106MJ0000009X",
        decision_date=dt.date(2026, 11, 2),
        published_on=dt.date(2026, 11, 3),
        amount=Decimal("300000"),
    )
    assert "尚无已公开的绩效评价结果" in client.get(other.url).content.decode()


def test_fail_result_opens_one_task_and_others_none(provider, make_project, make_result):  # noqa: F811
    project = make_project()
    make_result(project, provider_credit_code=provider.credit_code)
    assert not ExitDecisionTask.objects.exists()
    failed = make_result(project, provider_credit_code=provider.credit_code, **FAIL_SCORES)
    failed.save_revision().publish()  # republishing does not open a second task
    task = ExitDecisionTask.objects.get()
    assert task.evaluation_id == failed.pk and task.provider_credit_code == provider.credit_code
    assert "不合格" in task.trigger and not task.is_decided


def _decide(task, **fields):
    for key, value in fields.items():
        setattr(task, key, value)
    task.full_clean()
    task.save()
    return task


def test_suspension_reaches_status_history_directory_and_self_check(client, provider, items, make_project, make_result):  # noqa: F811
    make_result(make_project(), provider_credit_code=provider.credit_code, **FAIL_SCORES)
    task = ExitDecisionTask.objects.get()
    today = dt.date.today()
    _decide(
        task,
        decision="suspended",
        suspended_until=today + dt.timedelta(days=365),
        reason="年度绩效评价不合格，暂停承接一年。",
        decided_at=today,
    )
    change = ProviderStatusChange.objects.get(provider=provider)
    assert task.status_change_id == change.pk and change.status == "suspended"
    provider.refresh_from_db()
    assert provider.status == "suspended"
    assert not provider_in_good_standing(provider)
    html = client.get(provider.get_absolute_url()).content.decode()
    assert "年度绩效评价不合格，暂停承接一年。" in html
    # The directory flags it.
    html = client.get("/providers/", {"status": "suspended"}).content.decode()
    assert provider.name in html and 'class="status-flag status-suspended"' in html
    response = client.get(
        "/providers/eligibility-check/",
        {
            "check": "1",
            "credit_code": provider.credit_code,
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
        },
    )
    unmet = response.context["result"].unmet
    assert [r.criterion.code for r in unmet] == ["G-7"]
    assert "年度绩效评价不合格" in unmet[0].reason
    # The decision is append-only: the task can no longer be changed.
    task.reason = "改"
    with pytest.raises(ValidationError):
        task.full_clean()


def test_exit_decision_and_validation(provider, make_project, make_result):  # noqa: F811
    make_result(make_project(), provider_credit_code=provider.credit_code, **FAIL_SCORES)
    task = ExitDecisionTask.objects.get()
    task.decision = "exited"
    with pytest.raises(ValidationError) as exc:
        task.full_clean()
    assert {"reason", "decided_at"} <= set(exc.value.message_dict)
    task.decision, task.reason, task.decided_at = "suspended", "暂停", dt.date.today()
    with pytest.raises(ValidationError) as exc:
        task.full_clean()
    assert "suspended_until" in exc.value.message_dict
    assert not ProviderStatusChange.objects.exists()
    _decide(task, decision="exited", reason="连续两年不合格，退出。", decided_at=dt.date.today())
    provider.refresh_from_db()
    assert provider.status == "exited" and not provider_in_good_standing(provider)


def test_task_for_an_unregistered_provider_cannot_be_decided(make_project, make_result):  # noqa: F811
    make_result(make_project(), provider_credit_code="52330106MJ0000099X", **FAIL_SCORES)
    task = ExitDecisionTask.objects.get()
    task.decision, task.reason, task.decided_at = "exited", "退出", dt.date.today()
    with pytest.raises(ValidationError) as exc:
        task.full_clean()
    assert "decision" in exc.value.message_dict
