"""A provider's public profile lists the contracts it won (contract notices, or the award while no
contract notice is published yet)."""

import datetime as dt
from decimal import Decimal

import pytest

from portal.disclosures.factories import NoticePageFactory
from portal.disclosures.models import NoticeKind
from portal.providers.factories import ProviderFactory

pytestmark = pytest.mark.django_db


def _notice(project, provider, kind, **fields):
    notice = NoticePageFactory(
        parent=project,
        kind=kind,
        title=f"{project.title}{'合同公告' if kind == NoticeKind.CONTRACT else '中标结果公告'}",
        supplier_name=provider.name,
        supplier_credit_code=provider.credit_code,
        amount=Decimal("480000.00"),
        published_on=dt.date(2026, 11, 2),
        **fields,
    )
    notice.save_revision().publish()
    return notice


def test_profile_lists_contracts_and_pending_awards(client, make_project, regions):
    provider = ProviderFactory(name="西湖区康宁社会工作服务中心", region=regions["330106"])
    signed = make_project(title="西湖区照料护理服务项目")
    awarded = make_project(title="西湖区心理疏导服务项目")
    _notice(signed, provider, NoticeKind.RESULT, decision_date=dt.date(2026, 10, 30))
    _notice(
        signed,
        provider,
        NoticeKind.CONTRACT,
        signed_on=dt.date(2026, 10, 31),
        contract_start=dt.date(2026, 11, 1),
        contract_end=dt.date(2027, 10, 31),
    )
    _notice(awarded, provider, NoticeKind.RESULT, decision_date=dt.date(2026, 10, 30))
    other = ProviderFactory(name="另一家机构", region=regions["330106"])

    html = client.get(provider.get_absolute_url()).content.decode()
    assert "中标与合同" in html
    section = html.split("中标（成交）与合同")[1]
    assert "西湖区照料护理服务项目" in section and "2026-10-31" in section and "2027-10-31" in section
    assert "西湖区心理疏导服务项目" in section
    # The signed project's award is not listed twice.
    assert section.count("西湖区照料护理服务项目</a>") == 1
    assert "中标与合同" not in client.get(other.get_absolute_url()).content.decode()
