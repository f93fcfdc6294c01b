import datetime

import pytest

from portal.providers.factories import ProviderFactory, StatusChangeFactory
from portal.providers.models import Grade, ProviderType
from portal.reference.models import Region, ServiceItem


@pytest.fixture
def items(db):
    return {i.name: i for i in ServiceItem.objects.all()}


@pytest.fixture
def directory(regions, items):
    """Six providers in Hangzhou, Ningbo and Wenzhou with different services, types and grades;
    one suspended, one exited."""

    def make(name, region, services, **kwargs):
        return ProviderFactory(
            name=name, region=Region.objects.get(code=region), service_items=[items[s] for s in services], **kwargs
        )

    data = {
        "sunshine": make(
            "杭州市西湖区阳光社会工作服务中心",
            "330106",
            ["社会救助对象照料护理", "社会救助对象心理疏导"],
            description="为特困老人提供上门照料护理和心理疏导。",
            latest_grade=Grade.EXCELLENT,
            latest_grade_date=datetime.date(2025, 12, 1),
            registered_on=datetime.date(2015, 3, 1),
        ),
        "binjiang": make(
            "杭州市滨江区康宁康复服务中心",
            "330108",
            ["社会救助对象康复训练"],
            description="残疾人康复训练服务。",
            latest_grade=Grade.GOOD,
            latest_grade_date=datetime.date(2025, 6, 1),
            registered_on=datetime.date(2019, 3, 1),
        ),
        "hz_company": make(
            "杭州慧助信息科技有限公司",
            "330100",
            ["社会救助家庭经济状况核对", "社会救助绩效评价"],
            provider_type=ProviderType.ENTERPRISE,
            description="提供家庭经济状况核对系统和绩效评价服务。",
            latest_grade=Grade.PASS,
            latest_grade_date=datetime.date(2024, 6, 1),
            registered_on=datetime.date(2012, 1, 1),
        ),
        "haishu": make(
            "宁波市海曙区同心社会工作服务社",
            "330203",
            ["社会救助对象照料护理", "资源链接"],
            description="社区照料服务与资源链接。",
            registered_on=datetime.date(2020, 7, 1),
        ),
        "ningbo_inst": make(
            "宁波市社会救助指导中心",
            "330200",
            ["社会救助业务培训"],
            provider_type=ProviderType.PUBLIC_WELFARE_INSTITUTION,
            description="开展经办人员业务培训。",
            registered_on=datetime.date(2010, 1, 1),
        ),
        "lucheng": make(
            "温州市鹿城区爱心照护服务中心",
            "330302",
            ["社会救助对象照料护理"],
            description="居家照护。",
            latest_grade=Grade.FAIL,
            latest_grade_date=datetime.date(2025, 1, 1),
            registered_on=datetime.date(2018, 1, 1),
        ),
    }
    StatusChangeFactory(
        provider=data["lucheng"],
        status="suspended",
        decided_at=datetime.date(2025, 2, 1),
        effective_from=datetime.date(2025, 2, 1),
        suspended_until=datetime.date(2099, 1, 31),
        reason="年度绩效评价不合格，暂停承接资格。",
    )
    StatusChangeFactory(
        provider=data["ningbo_inst"],
        status="exited",
        decided_at=datetime.date(2024, 5, 1),
        effective_from=datetime.date(2024, 5, 1),
        reason="机构申请退出。",
    )
    for provider in data.values():
        provider.refresh_from_db()
    return data
