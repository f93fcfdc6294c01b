"""Demo data for the provider registry: providers of every type in every city (small: 300, large:
10,000) written with the importer's bulk path, some suspended or exited with their decisions, grades,
applications in every state, and local eligibility criteria. Idempotent."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from portal.reference import credit_code as cc
from portal.reference.data.area_codes import landline
from portal.reference.models import Region, ServiceItem

from .factories import CODE_PREFIX, StatusChangeFactory
from .io.importer import ProviderImporter
from .models import (
    ApplicationEvent,
    ApplicationStatus,
    EligibilityCriterion,
    Grade,
    Provider,
    ProviderApplication,
    ProviderStatusChange,
    ProviderType,
    Requirement,
)
from .models.status import refresh_status
from .policy_criteria import ensure_general_criteria

ORDER = 20

WORDS = [
    "阳光",
    "同心",
    "康宁",
    "仁爱",
    "善行",
    "启明",
    "安康",
    "和睦",
    "暖心",
    "新航",
    "益家",
    "乐龄",
    "彩虹",
    "春晖",
    "向阳",
]
PLACES = [
    "城东",
    "城西",
    "城南",
    "城北",
    "江南",
    "湖滨",
    "新城",
    "东湖",
    "西溪",
    "南湖",
    "北山",
    "翠苑",
    "金沙",
    "长乐",
    "明珠",
]
SUFFIXES = {
    ProviderType.SOCIAL_ORGANISATION: [
        "社会工作服务中心",
        "社工服务社",
        "助老服务中心",
        "公益服务中心",
        "康复服务中心",
    ],
    ProviderType.PUBLIC_WELFARE_INSTITUTION: ["社会救助服务指导中心", "社会福利服务中心"],
    ProviderType.BUSINESS_INSTITUTION: ["民政事业发展中心", "社会服务发展中心"],
    ProviderType.ENTERPRISE: ["护理服务有限公司", "信息科技有限公司", "健康管理有限公司"],
    ProviderType.OTHER: ["社会工作事务所", "公益发展研究院"],
}
TYPE_WEIGHTS = [
    (ProviderType.SOCIAL_ORGANISATION, 60),
    (ProviderType.PUBLIC_WELFARE_INSTITUTION, 8),
    (ProviderType.BUSINESS_INSTITUTION, 7),
    (ProviderType.ENTERPRISE, 20),
    (ProviderType.OTHER, 5),
]
DESCRIPTIONS = [
    "长期为{area}特困、低保对象提供{item}服务，建立了专业社工团队和志愿者队伍。",
    "立足{area}，承接{item}等政府购买服务项目，注重服务对象满意度。",
    "专注{item}，与{area}各乡镇（街道）社会救助经办机构建立协作机制。",
]
LOCAL_CRITERIA = [
    (
        "330100",
        "service",
        Requirement.SOCIAL_WORKERS_MIN,
        3,
        "持证社工不少于3名",
        "承接服务性工作的，应有不少于3名持证社会工作者。",
    ),
    ("330100", "", Requirement.YEARS_MIN, 2, "登记成立满2年", "承接主体应登记成立满2年。"),
    ("330200", "", Requirement.FINANCIAL_REPORT, None, "按时报送年度财务报告", "应按规定报送上一年度财务报告。"),
    (
        "330106",
        "service",
        Requirement.LOCAL_PRESENCE,
        None,
        "在西湖区设有服务场所",
        "承接西湖区服务性工作的，应在西湖区登记或设有服务场所。",
    ),
    ("330300", "affairs", Requirement.STAFF_MIN, 5, "从业人员不少于5人", "承接事务性工作的，从业人员不少于5人。"),
]


def _criteria(ctx):
    created = ensure_general_criteria(EligibilityCriterion)
    regions = {r.code: r for r in Region.objects.filter(code__in=[c[0] for c in LOCAL_CRITERIA])}
    for n, (code, category, requirement, threshold, title, text) in enumerate(LOCAL_CRITERIA, start=1):
        region = regions[code]
        _obj, was_created = EligibilityCriterion.objects.get_or_create(
            code=f"L-{code}-{n}",
            version=1,
            defaults={
                "title": title,
                "text": text,
                "source": f"{region.name}民政局关于承接政府购买社会救助服务附加条件的公告",
                "region": region,
                "service_category": category,
                "requirement": requirement,
                "threshold": threshold,
                "effective_from": datetime.date(timezone.localdate().year - 2, 1, 1),
                "sort_order": 100 + n,
            },
        )
        created += was_created
    ctx.log(f"资格条件：新增 {created} 条")


def _unique_name(rng, area, provider_type, seen, n):
    """A realistic name (e.g. 杭州市西湖区阳光社会工作服务中心), unique within the demo data."""
    suffix = rng.choice(SUFFIXES[provider_type])
    name = f"{area}{rng.choice(WORDS)}{suffix}"
    for _attempt in range(20):
        if name not in seen:
            break
        name = f"{area}{rng.choice(PLACES)}{rng.choice(WORDS)}{suffix}"
    else:
        name = f"{area}{rng.choice(WORDS)}{suffix}（{n}）"
    seen.add(name)
    return name


def _rows(rng, wanted, counties, cities, items):
    today = timezone.localdate()
    types = [t for t, _w in TYPE_WEIGHTS]
    weights = [w for _t, w in TYPE_WEIGHTS]
    rows, seen_names = [], set()
    for n in range(wanted):
        # Every type in every city: the first rows cycle through all city x type pairs.
        if n < len(cities) * len(types):
            city = cities[n // len(types)]
            provider_type = types[n % len(types)]
            in_city = [c for c in counties if c.code.startswith(city.code[:4])]
            region = rng.choice(in_city) if provider_type == ProviderType.SOCIAL_ORGANISATION else city
        else:
            provider_type = rng.choices(types, weights)[0]
            region = rng.choice(counties)
        authority, org_type = CODE_PREFIX[provider_type]
        code = cc.generate(authority, org_type, region.code, rng=rng)
        area = region.full_name
        name = _unique_name(rng, area, provider_type, seen_names, n)
        chosen = rng.sample(items, rng.randint(1, 4))
        staff = rng.randint(3, 120)
        rows.append(
            {
                "name": name,
                "credit_code": code,
                "provider_type": provider_type,
                "registration_authority": f"{area}{'民政局' if authority == '5' else '市场监督管理局' if authority == '9' else '委员会办公室' if authority == '1' else '人民政府'}",
                "registered_on": today - datetime.timedelta(days=rng.randint(400, 7000)),
                "address": f"{area}{rng.choice(['人民路', '解放路', '中山路', '建设路', '文化路'])}{rng.randint(1, 300)}号",
                "region": region,
                "service_items": chosen,
                "service_regions": [region],
                "description": rng.choice(DESCRIPTIONS).format(area=area, item=chosen[0].name),
                "staff_count": staff,
                "social_worker_count": rng.randint(0, max(staff // 3, 1)),
                "facilities": f"服务场地{rng.randint(80, 2000)}平方米",
                "governance_attested": rng.random() < 0.9,
                "finance_attested": rng.random() < 0.9,
                "contact_phone": landline(rng, region.code),
                "contact_email": "",
                "website": "",
                "verified": rng.random() < 0.85,
                "verified_on": today - datetime.timedelta(days=rng.randint(20, 400)),
            }
        )
    return rows


def _providers(ctx, rng):
    wanted = 10_000 if ctx.large else 300
    counties = list(Region.objects.counties().select_related("parent").order_by("code"))
    cities = list(Region.objects.cities().select_related("parent").order_by("code"))
    items = list(ServiceItem.objects.all())
    rows = _rows(rng, wanted, counties, cities, items)
    existing = set(
        Provider.objects.filter(credit_code__in=[r["credit_code"] for r in rows]).values_list("credit_code", flat=True)
    )
    new_rows = [r for r in rows if r["credit_code"] not in existing]
    if new_rows:
        ProviderImporter().write(new_rows, progress=ctx.bar)
    ctx.log(f"承接主体：新增 {len(new_rows)} 家（共 {Provider.objects.count()} 家）")
    return [r["credit_code"] for r in rows]


def _grades(codes, rng):
    graded = [c for c in codes if rng.random() < 0.55]
    grades = rng.choices([Grade.EXCELLENT, Grade.GOOD, Grade.PASS, Grade.FAIL], [25, 45, 25, 5], k=len(graded))
    by_grade = {}
    for code, grade in zip(graded, grades, strict=True):
        by_grade.setdefault(grade, []).append(code)
    for grade, grade_codes in by_grade.items():
        for start in range(0, len(grade_codes), 500):
            Provider.objects.filter(credit_code__in=grade_codes[start : start + 500], latest_grade__isnull=True).update(
                latest_grade=grade, latest_grade_date=datetime.date(timezone.localdate().year - 1, 12, 31)
            )


def _status_history(ctx, codes, rng):
    today = timezone.localdate()
    picks = rng.sample(codes, max(len(codes) // 30, 6))
    if ProviderStatusChange.objects.filter(provider__credit_code__in=picks).exists():
        return
    providers = {p.credit_code: p for p in Provider.objects.filter(credit_code__in=picks)}
    # Built with the registry's factory (the tests' definition of a decision), every field given.
    changes = []
    for n, code in enumerate(picks):
        provider = providers[code]
        if n % 3 == 0:
            changes.append(
                StatusChangeFactory.build(
                    provider=provider,
                    status="exited",
                    reason="经查存在服务转包行为，违反“严禁服务转包”的规定，终止合同并退出名录。",
                    decided_at=today - datetime.timedelta(days=900),
                    effective_from=today - datetime.timedelta(days=886),
                )
            )
        elif n % 3 == 1:
            changes.append(
                StatusChangeFactory.build(
                    provider=provider,
                    status="suspended",
                    reason="年度绩效评价结果为不合格，暂停承接政府购买社会救助服务一年。",
                    # Relative to today, so that the demo always has suspensions in force.
                    decided_at=today - datetime.timedelta(days=180),
                    effective_from=today - datetime.timedelta(days=170),
                    suspended_until=today + datetime.timedelta(days=194),
                )
            )
        else:
            # An expired suspension: the provider is active again, the history shows it.
            changes.append(
                StatusChangeFactory.build(
                    provider=provider,
                    status="suspended",
                    reason="未按规定报送年度财务报告，暂停承接三个月。",
                    decided_at=today - datetime.timedelta(days=1300),
                    effective_from=today - datetime.timedelta(days=1300),
                    suspended_until=today - datetime.timedelta(days=1209),
                )
            )
    # Decisions are append-only through save(); bulk creation here is followed by the same
    # status refresh that save() performs.
    ProviderStatusChange.objects.bulk_create(changes)
    for provider in providers.values():
        refresh_status(provider)
    ctx.log(f"状态变更记录：{len(picks)} 条")


def _applications(ctx, rng):
    if ProviderApplication.objects.filter(reference__startswith="SQDEMO").exists():
        return
    counties = list(Region.objects.counties().select_related("parent").order_by("code"))
    items = list(ServiceItem.objects.all())
    notes = {
        ApplicationStatus.RETURNED: "请补充上一年度财务报告和内部治理制度文件后重新提交。",
        ApplicationStatus.REJECTED: "经核查，该机构登记证书已过有效期，不符合承接主体条件。",
        ApplicationStatus.APPROVED: "材料齐全，符合条件，准予列入名录。",
    }
    states = list(ApplicationStatus)
    registered = set(Provider.objects.values_list("name", flat=True))
    for n in range(len(states) * 2):
        status = states[n % len(states)]
        region = rng.choice(counties)
        code = cc.generate("5", "2", region.code, rng=rng)
        access_code = ProviderApplication.new_access_code()
        application = ProviderApplication(
            reference=f"SQDEMO{n + 1:04d}",
            # Not the name of a registered provider: an approved application would list it twice
            # (under two credit codes) among the newest verified providers on the home page.
            name=_unique_name(rng, region.full_name, ProviderType.SOCIAL_ORGANISATION, registered, n),
            credit_code=code,
            provider_type=ProviderType.SOCIAL_ORGANISATION,
            registration_authority=f"{region.full_name}民政局",
            registered_on=timezone.localdate() - datetime.timedelta(days=rng.randint(400, 2000)),
            address=f"{region.full_name}人民路{rng.randint(1, 200)}号",
            region=region,
            staff_count=rng.randint(5, 40),
            social_worker_count=rng.randint(1, 8),
            governance_attested=True,
            finance_attested=status != ApplicationStatus.RETURNED,
            contact_name="王老师",
            contact_phone=landline(rng, region.code),
            status=ApplicationStatus.SUBMITTED,
        )
        application.set_access_code(access_code)
        application.save()
        application.service_items.set(rng.sample(items, 2))
        ApplicationEvent.objects.create(application=application, status=ApplicationStatus.SUBMITTED)
        from .services import decide_application

        if status != ApplicationStatus.SUBMITTED:
            if status in (ApplicationStatus.UNDER_REVIEW, ApplicationStatus.APPROVED):
                decide_application(application, ApplicationStatus.UNDER_REVIEW)
            if status != ApplicationStatus.UNDER_REVIEW:
                decide_application(application, status, note=notes.get(status, ""))
        if n < len(states):
            ctx.log(f"演示申请 {application.reference}（{status.label}）查询码：{access_code}")


def seed(ctx):
    rng = random.Random(ctx.seed + ORDER)
    with transaction.atomic():
        _criteria(ctx)
        codes = _providers(ctx, rng)
        _grades(codes, rng)
        _status_history(ctx, codes, rng)
        _applications(ctx, rng)
