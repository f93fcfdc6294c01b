"""factory_boy factories for the provider registry (tests and seed_demo)."""

import datetime
import random

import factory

from portal.reference import credit_code as cc
from portal.reference.models import Region, ServiceItem

from .models import (
    ApplicationStatus,
    EligibilityCriterion,
    ExitDecisionTask,
    Provider,
    ProviderApplication,
    ProviderStatusChange,
    ProviderType,
    Requirement,
)

_rng = random.Random(117)

# (authority char, type char) of the credit code for each provider type.
CODE_PREFIX = {
    ProviderType.SOCIAL_ORGANISATION: ("5", "2"),
    ProviderType.PUBLIC_WELFARE_INSTITUTION: ("1", "2"),
    ProviderType.BUSINESS_INSTITUTION: ("1", "2"),
    ProviderType.ENTERPRISE: ("9", "1"),
    ProviderType.OTHER: ("Y", "1"),
}


def code_for(provider_type, region_code, rng=None):
    authority, org_type = CODE_PREFIX[ProviderType(provider_type)]
    return cc.generate(authority, org_type, region_code[:6], rng=rng or _rng)


def default_region():
    return Region.objects.get(code="330106")


class ProviderFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"杭州市西湖区第{n}社会工作服务中心")
    provider_type = ProviderType.SOCIAL_ORGANISATION
    region = factory.LazyFunction(default_region)
    credit_code = factory.LazyAttribute(lambda o: code_for(o.provider_type, o.region.code))
    registration_authority = factory.LazyAttribute(lambda o: f"{o.region.full_name}民政局")
    registered_on = datetime.date(2016, 5, 20)
    address = factory.LazyAttribute(lambda o: f"{o.region.full_name}文三路100号")
    description = "专注困难群众照料护理和心理疏导服务。"
    staff_count = 20
    social_worker_count = 5
    facilities = "服务场地300平方米"
    governance_attested = True
    finance_attested = True
    verified = True
    verified_on = datetime.date(2024, 3, 1)

    class Meta:
        model = Provider
        django_get_or_create = ("credit_code",)
        skip_postgeneration_save = True

    @factory.post_generation
    def service_items(self, create, extracted, **kwargs):
        if not create:
            return
        items = extracted if extracted is not None else list(ServiceItem.objects.filter(category="service")[:2])
        self.service_items.set(items)
        self.service_regions.set([self.region])


class StatusChangeFactory(factory.django.DjangoModelFactory):
    """A decision on a provider's standing (ProviderStatusChange): a suspension by default. create()
    saves it through the model, which refreshes the provider's status; build() and bulk_create do not."""

    provider = factory.SubFactory(ProviderFactory)
    status = "suspended"
    reason = "服务转包，经核查属实，暂停承接资格。"
    decided_at = datetime.date(2025, 1, 10)
    effective_from = datetime.date(2025, 1, 10)

    class Meta:
        model = ProviderStatusChange


class ExitDecisionTaskFactory(factory.django.DjangoModelFactory):
    """A pending exit decision (退出决定), opened by a substantiated 违规转包 complaint unless an
    `evaluation` (a 不合格 result) is given. The provider is named by its code and name, as the task
    records it, and not created: give a registered provider's to link the two. Building one makes no
    query."""

    provider_credit_code = factory.LazyFunction(lambda: code_for(ProviderType.SOCIAL_ORGANISATION, "330106"))
    provider_name = "杭州市西湖区阳光社会工作服务中心"
    evaluation = None
    case_reference = factory.LazyAttributeSequence(
        lambda o, n: "" if o.evaluation is not None else f"TS-2026-{800000 + n:06d}"
    )
    trigger = factory.LazyAttribute(
        lambda o: (
            f"{o.evaluation.year}年度绩效评价不合格（综合得分 {o.evaluation.composite_score}）"
            if o.evaluation is not None
            else f"违规转包投诉经核查属实（受理编号 {o.case_reference}）"
        )
    )

    class Meta:
        model = ExitDecisionTask


class ApplicationFactory(factory.django.DjangoModelFactory):
    reference = factory.LazyFunction(ProviderApplication.new_reference)
    access_code_hash = factory.LazyFunction(lambda: "")
    status = ApplicationStatus.SUBMITTED
    name = factory.Sequence(lambda n: f"宁波市海曙区第{n}助老服务社")
    region = factory.LazyFunction(lambda: Region.objects.get(code="330203"))
    credit_code = factory.LazyAttribute(lambda o: code_for(ProviderType.SOCIAL_ORGANISATION, o.region.code))
    provider_type = ProviderType.SOCIAL_ORGANISATION
    registration_authority = "宁波市海曙区民政局"
    registered_on = datetime.date(2019, 3, 1)
    address = "宁波市海曙区中山西路1号"
    staff_count = 12
    social_worker_count = 3
    governance_attested = True
    finance_attested = True
    contact_name = "王老师"
    contact_phone = "0574-87000000"

    class Meta:
        model = ProviderApplication
        skip_postgeneration_save = True

    @factory.post_generation
    def access_code(self, create, extracted, **kwargs):
        self.set_access_code(extracted or "12345678")
        if create:
            self.save(update_fields=["access_code_hash"])

    @factory.post_generation
    def service_items(self, create, extracted, **kwargs):
        if create:
            self.service_items.set(extracted if extracted is not None else ServiceItem.objects.all()[:1])


class CriterionFactory(factory.django.DjangoModelFactory):
    code = factory.Sequence(lambda n: f"T-{n}")
    title = "能够独立承担民事责任"
    text = "承接主体能够独立承担民事责任。"
    source = "浙民助〔2018〕117号 二、3"
    requirement = Requirement.CIVIL_LIABILITY
    effective_from = datetime.date(2018, 11, 1)

    class Meta:
        model = EligibilityCriterion
