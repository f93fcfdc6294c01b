"""The registry's service functions other apps call: the provider with a credit code, and opening
an exit decision once per triggering evaluation result or complaint case."""

import pytest

from portal.providers.factories import ProviderFactory
from portal.providers.models import ExitDecisionTask
from portal.providers.services import open_exit_decision, provider_for_code


@pytest.mark.django_db
def test_provider_for_code(regions):
    provider = ProviderFactory()
    assert provider_for_code(provider.credit_code) == provider
    assert provider_for_code("") is None and provider_for_code(None) is None
    assert provider_for_code("91330100MA00000000") is None
    with_region = provider_for_code(provider.credit_code, select_related=["region"])
    assert with_region == provider
    from portal.providers.models import Provider

    assert provider_for_code(provider.credit_code, queryset=Provider.objects.none()) is None


@pytest.mark.django_db
def test_open_exit_decision_once_per_case_and_only_for_registered_providers(regions):
    provider = ProviderFactory(name="登记的机构")
    assert open_exit_decision("91330100MA00000000", "t", case_reference="R1", registered_only=True) is None
    task = open_exit_decision(
        provider.credit_code, "转包", case_reference="R2", provider_name="x", registered_only=True
    )
    assert (task.provider_credit_code, task.provider_name, task.trigger) == (provider.credit_code, "登记的机构", "转包")
    again = open_exit_decision(provider.credit_code, "again", case_reference="R2", registered_only=True)
    assert again.pk == task.pk and ExitDecisionTask.objects.count() == 1
    with pytest.raises(ValueError):
        open_exit_decision(provider.credit_code, "no key")
