"""seed_demo for providers is idempotent and covers every type, every city and every application
state; factories build valid records."""

import io

import pytest

from portal.core.demo import DemoContext
from portal.providers import demo
from portal.providers.factories import ApplicationFactory, CriterionFactory, ProviderFactory, StatusChangeFactory
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
