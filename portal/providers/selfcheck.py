"""The eligibility self-check: which published criteria apply, and which of them a provider meets.
Each unmet criterion is reported with its citation, so the result says exactly what is missing."""

import datetime
from dataclasses import dataclass, field

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import EligibilityCriterion, ProviderType, Requirement
from .models.status import status_on

ELIGIBLE_TYPES = {
    ProviderType.SOCIAL_ORGANISATION,
    ProviderType.PUBLIC_WELFARE_INSTITUTION,
    ProviderType.BUSINESS_INSTITUTION,
    ProviderType.ENTERPRISE,
}


@dataclass
class Answers:
    """What the provider told the self-check (or what the registry says about it)."""

    provider_type: str
    registered_on: datetime.date | None
    region: object  # reference.Region where it is registered or has premises
    staff_count: int = 0
    social_worker_count: int = 0
    civil_liability: bool = False
    facilities: bool = False
    governance: bool = False
    finance: bool = False
    financial_report: bool = False
    declared_restricted: bool = False  # the applicant says a suspension or exit is in force
    provider: object = None  # providers.Provider from the registry, when the credit code is listed


@dataclass
class CriterionResult:
    criterion: EligibilityCriterion
    met: bool
    reason: str


@dataclass
class SelfCheckResult:
    on_date: datetime.date
    results: list = field(default_factory=list)
    scope_region: object = None
    scope_items: list = field(default_factory=list)

    @property
    def eligible(self):
        return all(r.met for r in self.results)

    @property
    def unmet(self):
        return [r for r in self.results if not r.met]

    @property
    def met(self):
        return [r for r in self.results if r.met]


def _years_between(start, end):
    years = end.year - start.year
    if (end.month, end.day) < (start.month, start.day):
        years -= 1
    return years


def check_criterion(criterion, answers, on_date):
    """(met, reason) for one criterion."""
    req = criterion.requirement
    n = criterion.threshold or 0
    if req == Requirement.PROVIDER_TYPE:
        ok = answers.provider_type in ELIGIBLE_TYPES
        label = ProviderType(answers.provider_type).label if answers.provider_type else "—"
        return ok, (
            _("主体类型为“%(t)s”。") % {"t": label}
            if ok
            else _("主体类型“%(t)s”不属于政策所列的社会组织、事业单位或企业。") % {"t": label}
        )
    if req == Requirement.CIVIL_LIABILITY:
        return answers.civil_liability, _("能够独立承担民事责任。") if answers.civil_liability else _(
            "未确认能够独立承担民事责任。"
        )
    if req == Requirement.FACILITIES:
        return answers.facilities, _("具备必需的服务设施。") if answers.facilities else _("未确认具备必需的服务设施。")
    if req == Requirement.STAFF_MIN:
        ok = answers.staff_count >= n
        return ok, _("从业人员 %(have)d 人，要求不少于 %(need)d 人。") % {"have": answers.staff_count, "need": n}
    if req == Requirement.SOCIAL_WORKERS_MIN:
        ok = answers.social_worker_count >= n
        return ok, _("持证社工 %(have)d 人，要求不少于 %(need)d 人。") % {
            "have": answers.social_worker_count,
            "need": n,
        }
    if req == Requirement.GOVERNANCE:
        return answers.governance, _("内部治理结构健全。") if answers.governance else _(
            "未确认具有健全的内部治理结构。"
        )
    if req == Requirement.FINANCE:
        return answers.finance, _("财务会计和资产管理制度健全。") if answers.finance else _(
            "未确认具有健全的财务会计和资产管理制度。"
        )
    if req == Requirement.FINANCIAL_REPORT:
        return answers.financial_report, _("已报送上一年度财务报告。") if answers.financial_report else _(
            "未报送上一年度财务报告。"
        )
    if req == Requirement.YEARS_MIN:
        if answers.registered_on is None:
            return False, _("未填写登记日期。")
        years = _years_between(answers.registered_on, on_date)
        return years >= n, _("登记成立 %(have)d 年，要求满 %(need)d 年。") % {"have": max(years, 0), "need": n}
    if req == Requirement.LOCAL_PRESENCE:
        region = criterion.region
        ok = answers.region is not None and answers.region.code.startswith(region.code_prefix)
        where = answers.region.full_name if answers.region else "—"
        return ok, (
            _("登记或服务场所在%(r)s。") % {"r": where}
            if ok
            else _("登记或服务场所在%(r)s，不在%(need)s。") % {"r": where, "need": region.full_name}
        )
    if req == Requirement.GOOD_STANDING:
        if answers.provider is not None:
            status, decision = status_on(answers.provider, on_date)
            if decision is not None and status != "active":
                until = (
                    _("，至 %(d)s 止") % {"d": f"{decision.suspended_until:%Y-%m-%d}"}
                    if decision.suspended_until
                    else ""
                )
                return False, _("名录记载：%(s)s（%(date)s 起生效%(until)s）：%(reason)s") % {
                    "s": decision.get_status_display(),
                    "date": f"{decision.effective_from:%Y-%m-%d}",
                    "until": until,
                    "reason": decision.reason,
                }
            return True, _("名录记载：状态正常。")
        if answers.declared_restricted:
            return False, _("申报处于暂停承接或退出处理期内。")
        return True, _("申报未处于暂停承接或退出处理期内。")
    return False, _("未知的核验方式。")


def run_self_check(answers, region=None, service_items=(), on_date=None):
    """Evaluate every criterion in force on `on_date` for the target region and service items."""
    on_date = on_date or timezone.localdate()
    categories = {item.category for item in service_items}
    criteria = EligibilityCriterion.objects.applicable(on_date, region=region, categories=categories)
    # General conditions first, then local ones.
    criteria = criteria.select_related("region__parent").order_by(
        F("region").asc(nulls_first=True), "sort_order", "code"
    )
    result = SelfCheckResult(on_date=on_date, scope_region=region, scope_items=list(service_items))
    for criterion in criteria:
        met, reason = check_criterion(criterion, answers, on_date)
        result.results.append(CriterionResult(criterion, met, reason))
    return result
