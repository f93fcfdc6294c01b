"""The database registry engine ranks the exact name and the exact credit code first (the contract
suite checks the cluster engine returns the same)."""

import pytest

from portal.providers.factories import ProviderFactory
from portal.providers.search import RegistryParams, get_engine

pytestmark = pytest.mark.django_db


def test_exact_name_and_credit_code_rank_first(regions):
    exact = ProviderFactory(name="阳光社会工作服务中心", region=regions["330106"])
    ProviderFactory(name="阳光社会工作服务中心西湖分中心", region=regions["330106"])
    ProviderFactory(name="一家阳光社会工作服务中心联合会", region=regions["330106"])
    engine = get_engine("database")
    result = engine.search(RegistryParams(q="阳光社会工作服务中心"))
    assert result.total == 3
    assert result.providers[0].pk == exact.pk
    by_code = engine.search(RegistryParams(q=exact.credit_code.lower()))
    assert [p.pk for p in by_code.providers] == [exact.pk]
