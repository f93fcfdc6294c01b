"""seed_demo for providers is idempotent and covers every type, every city and every application
state; factories build valid records."""

import datetime
import io

import pytest

from portal.core.demo import DemoContext
from portal.providers import demo
from portal.providers.factories import (
    ApplicationFactory,
    CriterionFactory,
    ExitDecisionTaskFactory,
    ProviderFactory,
    StatusChangeFactory,
)
from portal.providers.models import (
    ApplicationStatus,
    EligibilityCriterion,
    Provider,
    ProviderApplication,
    ProviderStatusChange,
    ProviderType,
)
from portal.reference import credit_code as cc
from portal.reference.models import Region

pytestmark = pytest.mark.django_db


def test_factories_build_valid_records(regions):
    provider = ProviderFactory()
    assert cc.is_valid(provider.credit_code)
    assert provider.get_absolute_url() == f"/providers/{provider.credit_code}/"
    assert "服务" in provider.search_text
    assert StatusChangeFactory().provider.status == "suspended"
    application = ApplicationFactory()
    assert application.check_access_code("12345678") and not application.check_access_code("1")
    assert CriterionFactory().pk


def test_exit_decision_task_factory(regions, django_assert_num_queries):
    with django_assert_num_queries(0):
        built = ExitDecisionTaskFactory.build()
    assert cc.is_valid(built.provider_credit_code) and built.pk is None
    assert built.case_reference and built.case_reference in built.trigger and built.evaluation is None

    provider = ProviderFactory()
    task = ExitDecisionTaskFactory(provider_credit_code=provider.credit_code, provider_name=provider.name)
    assert not task.is_decided and task.provider() == provider
    task.decision, task.reason, task.decided_at = "exited", "违规转包属实。", datetime.date(2026, 11, 2)
    task.full_clean()
    task.save()
    assert task.is_decided and ProviderStatusChange.objects.get(pk=task.status_change_id).provider == provider


@pytest.mark.slow
def test_seed_is_idempotent_and_complete(regions):
    ctx = DemoContext(size="small", stdout=io.StringIO(), progress=False)
    demo.seed(ctx)
    counts = (
        Provider.objects.count(),
        ProviderStatusChange.objects.count(),
        ProviderApplication.objects.count(),
        EligibilityCriterion.objects.count(),
    )
    assert counts[0] == 300 + ProviderApplication.objects.filter(status="approved").count()
    for provider in Provider.objects.all()[:300]:
        assert cc.is_valid(provider.credit_code)
    cities = Region.objects.cities()
    for city in cities:
        in_city = Provider.objects.filter(region__code__startswith=city.code[:4])
        assert set(in_city.values_list("provider_type", flat=True)) == set(ProviderType.values), city.name
    assert set(ProviderApplication.objects.values_list("status", flat=True)) == set(ApplicationStatus.values)
    assert set(Provider.objects.values_list("status", flat=True)) == {"active", "suspended", "exited"}
    assert Provider.objects.filter(latest_grade__isnull=False).exists()
    assert EligibilityCriterion.objects.filter(region__isnull=False).count() == len(demo.LOCAL_CRITERIA)

    demo.seed(DemoContext(size="small", stdout=io.StringIO(), progress=False))
    assert (
        Provider.objects.count(),
        ProviderStatusChange.objects.count(),
        ProviderApplication.objects.count(),
        EligibilityCriterion.objects.count(),
    ) == counts
