"""Editors create an evaluation result under its project in the Wagtail admin: the composite is
computed, typed-in numbers out of range re-render with errors, and the exit task list opens."""

from decimal import Decimal

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data

from portal.evaluations.models import EvaluationResultPage
from portal.providers.models import ExitDecisionTask

from .evaluation_fixtures import scheme  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.gov.cn", "pw")
    client.force_login(user)
    return client


def _post(admin_client, project, scheme, **overrides):  # noqa: F811
    url = reverse("wagtailadmin_pages:add", args=("evaluations", "evaluationresultpage", project.pk))
    fields = {
        "title": "2025年度绩效评价结果",
        "slug": "evaluation-2025",
        "scheme": scheme.pk,
        "provider_credit_code": "52330106MJ0000001X",
        "provider_name": "西湖区阳光社会工作服务中心",
        "year": "2025",
        "evaluated_on": "2026-03-01",
        "evaluator": "浙江公益评估中心",
        "purchaser_score": "85",
        "satisfaction_rate": "95",
        "survey_sample_size": "100",
        "survey_method": "入户问卷",
        "third_party_score": "80",
        "action-publish": "1",
    }
    fields.update(overrides)
    return admin_client.post(url, nested_form_data(fields))


def test_admin_creates_result_with_computed_composite(admin_client, make_project, scheme):  # noqa: F811
    project = make_project()
    response = _post(admin_client, project, scheme)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    result = EvaluationResultPage.objects.get(project=project)
    assert result.live and result.composite_score == Decimal("87.50") and result.grade == "good"
    assert result.service_item.name == "社会救助对象照料护理"


def test_admin_errors_keep_input(admin_client, make_project, scheme):  # noqa: F811
    project = make_project()
    response = _post(admin_client, project, scheme, purchaser_score="120", survey_sample_size="0")
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "purchaser_score" in errors and "survey_sample_size" in errors
    assert 'value="120"' in response.content.decode()
    assert not EvaluationResultPage.objects.exists()


def test_exit_task_list_in_admin(admin_client, make_project, scheme):  # noqa: F811
    project = make_project()
    _post(admin_client, project, scheme, purchaser_score="40", satisfaction_rate="50", third_party_score="40")
    assert ExitDecisionTask.objects.count() == 1
    response = admin_client.get(reverse("wagtailsnippets_disclosures_exitdecisiontask:list"))
    assert response.status_code == 200 and "西湖区阳光社会工作服务中心" in response.content.decode()


def test_pending_exit_decisions_on_the_dashboard(admin_client, make_project, scheme):  # noqa: F811
    assert "待处理的退出决定" not in admin_client.get(reverse("wagtailadmin_home")).content.decode()
    project = make_project()
    _post(admin_client, project, scheme, purchaser_score="40", satisfaction_rate="50", third_party_score="40")
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "待处理的退出决定" in html and "西湖区阳光社会工作服务中心" in html
