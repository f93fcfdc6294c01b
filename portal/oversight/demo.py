"""Demo data of the oversight channel: a handling body for the province, every city and every county;
handler accounts; complaints and media inquiries in every status, category and city, some overdue,
some answered late, some published in the register (small: 200, large: 5,000, in bulk)."""

import datetime as dt
import secrets
import string

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from portal.home.factories import UserFactory
from portal.providers.models import Provider
from portal.reference import codes
from portal.reference.data.area_codes import area_code
from portal.reference.models import Region
from portal.reference.workdays import calendar
from portal.search.segment import index_text

from .factories import CaseFactory, HandlingBodyFactory, StatusChangeFactory
from .models import (
    CONFIRMED_FINDINGS,
    OPEN_STATUSES,
    Case,
    Category,
    Finding,
    HandlingBody,
    Kind,
    ReferenceCounter,
    Status,
    StatusChange,
    SubjectType,
)
from .roles import handler_group, province_permissions
from .services.deadlines import answer_days
from .services.routing import route
from .services.submission import PREFIXES
from .signals import finding_recorded

ORDER = 40
FINDINGS = (Finding.SUBSTANTIATED, Finding.UNSUBSTANTIATED, Finding.PARTLY, Finding.SUBSTANTIATED)
DEMO_ACCESS_CODE = "DEMO2-CASE8"

ACCOUNTS = [
    ("oversight_province", "330000", True, "全省监督投诉管理员"),
    ("oversight_hangzhou", "330100", False, "杭州市监督投诉办理员"),
    ("oversight_xihu", "330106", False, "西湖区监督投诉办理员"),
    ("oversight_ningbo", "330200", False, "宁波市监督投诉办理员"),
]

NAMES = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄强", "周婷", "吴刚"]
SUBJECTS = {
    SubjectType.PROVIDER: [
        "{county}颐康居家养老服务中心",
        "{county}阳光社会工作服务社",
        "{county}安心护理服务有限公司",
    ],
    SubjectType.PROCUREMENT: ["{county}社会救助对象照料护理服务采购项目", "{county}困难群众家庭经济状况核对服务项目"],
    SubjectType.REGION: ["{county}民政局社会救助科", "{county}便民服务中心社会救助窗口"],
    SubjectType.OTHER: ["{county}社会救助政策宣传活动"],
}
# What each category of complaint is about.
SUBJECT_TYPES = {
    Category.QUALITY: SubjectType.PROVIDER,
    Category.SUBCONTRACTING: SubjectType.PROVIDER,
    Category.FAKE_QUALIFICATION: SubjectType.PROVIDER,
    Category.PROCUREMENT: SubjectType.PROCUREMENT,
    Category.CONDUCT: SubjectType.REGION,
    Category.OTHER: SubjectType.OTHER,
    Category.CHALLENGE: SubjectType.PROCUREMENT,
}
ISSUES = {
    Category.QUALITY: "护理员多次未按约定时间上门，老人经常无人照料，服务记录与实际不符。",
    Category.SUBCONTRACTING: "中标机构把照料护理服务整体转包给另一家没有资质的公司，人员未经培训。",
    Category.FAKE_QUALIFICATION: "该机构投标时提供的社会工作师证书不是本单位人员的，疑似资格造假。",
    Category.PROCUREMENT: "采购公告只发布了两天就截止，评分标准明显倾向某一家机构。",
    Category.CONDUCT: "窗口工作人员态度生硬，申请材料要求一次次补交，没有一次性告知。",
    Category.OTHER: "希望公开本地购买社会救助服务的资金使用情况和评价结果。",
    Category.CHALLENGE: "对中标结果提出质疑：第一名的服务方案评分明显高于评分标准允许的上限。",
}
# The handler's summary of each category for the public register, written as a summary (never the
# complainant's own first-person words).
SUMMARIES = {
    Category.QUALITY: "护理员多次未按约定时间上门，服务记录与实际不符。",
    Category.SUBCONTRACTING: "中标机构将照料护理服务整体转包给其他公司，服务人员未经培训。",
    Category.FAKE_QUALIFICATION: "该机构投标时提供的社会工作师证书不属于本单位人员，疑似资格造假。",
    Category.PROCUREMENT: "采购公告发布时间过短，评分标准倾向特定机构。",
    Category.CONDUCT: "窗口工作人员要求多次补交申请材料，没有一次性告知。",
    Category.OTHER: "建议公开本地购买社会救助服务的资金使用情况和评价结果。",
    Category.CHALLENGE: "供应商对中标结果提出质疑，认为第一名的服务方案得分超出评分标准上限。",
}
# The answer of each category for each finding: it states the finding in its own words (属实 /
# 部分属实 / 不属实 or 未发现) and what was done; {subject} and {days} make every answer the case's own.
ANSWERS = {
    Category.QUALITY: {
        Finding.SUBSTANTIATED: "经核查，反映的{subject}未按约定时间上门、服务记录与实际不符的问题属实。已责令该机构在{days}个工作日内整改，扣减当季服务费用，整改情况纳入年度绩效评价。",
        Finding.PARTLY: "经核查，反映情况部分属实：{subject}有个别上门时间延误，但未发现服务记录造假。已约谈机构负责人，要求{days}个工作日内完善上门服务记录，我局将每月抽查。",
        Finding.UNSUBSTANTIATED: "经核查，反映情况不属实：{subject}近三个月的上门服务记录与服务对象签字、定位记录一致。核查材料已存档，欢迎继续监督。",
    },
    Category.SUBCONTRACTING: {
        Finding.SUBSTANTIATED: "经核查，反映的{subject}将服务整体转包的问题属实。已依合同终止服务，启动临时接管预案，并提请作出承接主体退出决定。",
        Finding.PARTLY: "经核查，反映情况部分属实：{subject}未经采购人同意将保洁辅助工作分包，但护理服务由本单位人员提供。已责令{days}个工作日内收回分包工作并通报批评。",
        Finding.UNSUBSTANTIATED: "经核查，反映情况不属实：{subject}的服务人员均与本机构签订劳动合同并参加了岗前培训，不存在转包。",
    },
    Category.FAKE_QUALIFICATION: {
        Finding.SUBSTANTIATED: "经核查，反映的{subject}投标时使用他人社会工作师证书的问题属实。已取消其成交资格，移交财政部门依法处理。",
        Finding.PARTLY: "经核查，反映情况部分属实：{subject}投标文件所列人员中有1名已离职，其余资质材料真实。已要求其在{days}个工作日内书面说明，并记入信用档案。",
        Finding.UNSUBSTANTIATED: "经核查，反映情况不属实：{subject}投标文件所列社会工作师证书经发证机关核实，均为本单位在职人员所有。",
    },
    Category.PROCUREMENT: {
        Finding.SUBSTANTIATED: "经核查，反映的{subject}公告期限不足法定期限的问题属实。已责令采购人终止本次采购，依法重新组织采购。",
        Finding.PARTLY: "经核查，反映情况部分属实：{subject}评分标准有一项表述不清，公告期限符合规定。已发布更正公告修改评分标准，截止时间顺延{days}个工作日。",
        Finding.UNSUBSTANTIATED: "经核查，反映情况不属实：{subject}的公告期限和评分标准均符合政府采购有关规定，核查意见已书面告知。",
    },
    Category.CONDUCT: {
        Finding.SUBSTANTIATED: "经核查，反映的{subject}未一次性告知补正材料的问题属实。已对相关工作人员批评教育，窗口已公示申请材料清单。",
        Finding.PARTLY: "经核查，反映情况部分属实：{subject}首次告知时遗漏一项材料，但不存在态度生硬的情况。已要求窗口严格执行一次性告知制度，{days}日内完成自查。",
        Finding.UNSUBSTANTIATED: "经核查，反映情况不属实：{subject}的受理记录显示已一次性书面告知全部补正材料，告知单已存档。",
    },
    Category.OTHER: {
        Finding.SUBSTANTIATED: "经核查，反映的{subject}相关信息未及时公开的问题属实。资金使用情况和评价结果将在{days}个工作日内在本平台公开。",
        Finding.PARTLY: "经核查，反映情况部分属实：{subject}的绩效评价结果已公开，资金使用情况尚未公开，将在{days}个工作日内补充公开。",
        Finding.UNSUBSTANTIATED: "经核查，反映情况不属实：{subject}的资金使用情况和绩效评价结果均已在本平台公开，可在“绩效评价结果”栏目查询。",
    },
    Category.CHALLENGE: {
        Finding.SUBSTANTIATED: "经复核，质疑反映的{subject}评分超出评分标准上限的情况属实。已组织原评审委员会重新评审，结果将另行公告。",
        Finding.PARTLY: "经复核，质疑反映的情况部分属实：{subject}有一项评分计算有误，更正后排名不变，维持原评审结果，理由已书面告知。",
        Finding.UNSUBSTANTIATED: "经复核，质疑反映的情况不属实：{subject}各项评分均在评分标准范围内，维持原评审结果，理由已书面告知。",
    },
}


def _password():
    return "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(16))


def _bodies():
    existing = set(HandlingBody.objects.values_list("region_id", flat=True))
    regions = Region.objects.filter(level__lte=3).exclude(pk__in=existing).select_related("parent")
    new = []
    for region in regions:
        prefix = region.parent.name if region.level == Region.Level.COUNTY and region.parent else ""
        # The factory is the one definition of a handling body; region and name are given, so
        # building it does not query the database (its get_or_create applies to create() only).
        new.append(
            HandlingBodyFactory.build(
                region=region,
                name=f"{prefix}{region.name}民政局监督投诉办理组",
                phone=f"{area_code(region.code)}-8{region.code[2:]}000",
                email=f"jiandu{region.code}@example.gov.cn",
            )
        )
    HandlingBody.objects.bulk_create(new)
    return len(new)


def _accounts(ctx):
    User = get_user_model()
    group = handler_group()
    users = {}
    for username, code, province, label in ACCOUNTS:
        user = User.objects.filter(username=username).first()
        if user is None:
            password = _password()
            user = UserFactory(
                username=username, email=f"{username}@example.gov.cn", password=password, first_name=label
            )
            ctx.accounts.append((username, password, label))
        user.groups.add(group)
        if province:
            user.user_permissions.add(*province_permissions())
        HandlingBody.objects.get(region__code=code).members.add(user)
        users[code] = user
    return users


def _handler_for(region, users):
    if region.code in users:
        return users[region.code]
    city = codes.city_level_code(region.code)
    return users.get(city, users["330000"])


def _plan(i, rng):
    """Status and timing of the i-th demo case, cycling so that every status appears."""
    statuses = [
        Status.CLOSED, Status.ANSWERED, Status.CLOSED, Status.IN_PROGRESS, Status.ACCEPTED, Status.RECEIVED,
        Status.ANSWERED, Status.CLOSED, Status.TRANSFERRED, Status.NOT_ACCEPTED, Status.IN_PROGRESS, Status.CLOSED,
    ]  # fmt: skip
    status = statuses[i % len(statuses)]
    if status in OPEN_STATUSES:
        # Of the open cases, some are recent (on time), some due within days (None: placed by their
        # deadline, see _due_soon), and about half are old (overdue).
        draw = rng.random()
        age = rng.randint(0, 12) if draw < 0.3 else None if draw < 0.5 else rng.randint(30, 90)
    else:
        age = rng.randint(20, 420)
    return status, age


def _due_soon(today, days, cal, rng):
    """The age (in days) of a case received so that its answer, due `days` working days after
    receipt, is due within the next few working days ("due soon" on the handlers' dashboard)."""
    from .wagtail_hooks import DUE_SOON_WORKING_DAYS

    target = cal.add_working_days(today, rng.randint(0, DUE_SOON_WORKING_DAYS)).date
    age = 0
    while cal.add_working_days(today - dt.timedelta(days=age + 1), days).date >= target:
        age += 1
    return age


def _give_the_county_handler_work(plans, regions, cal, today):
    """Cases cycle through all 101 cities and counties, two each, so the county of the demo's county
    handler (oversight_xihu) had none open and the handler an empty dashboard. Three open cases of
    other places move there: one overdue, one due within DUE_SOON_WORKING_DAYS, one recent."""
    from .wagtail_hooks import DUE_SOON_WORKING_DAYS

    codes = {code for _user, code, _province, _label in ACCOUNTS}
    focus = next((r for r in regions if r.code in codes and r.level == Region.Level.COUNTY), None)
    if focus is None:
        return
    soon = cal.add_working_days(today, DUE_SOON_WORKING_DAYS).date
    wanted = {"overdue": None, "soon": None, "recent": None}
    for i, (_n, region, kind, category, status, received_at) in enumerate(plans):
        if status not in OPEN_STATUSES or region.pk == focus.pk:
            continue
        due = cal.add_working_days(timezone.localdate(received_at), answer_days(kind, category)).date
        group = "overdue" if due < today else "soon" if due <= soon else "recent"
        if wanted[group] is None:
            wanted[group] = i
    for i in wanted.values():
        if i is not None:
            n, _region, kind, category, status, received_at = plans[i]
            plans[i] = (n, focus, kind, category, status, received_at)


def _cases(ctx, wanted, users):
    rng = ctx.random
    cal = calendar()
    counties = list(Region.objects.counties().select_related("parent").order_by("code"))
    cities = list(Region.objects.cities().order_by("code"))
    regions = cities + counties
    names = {r.pk: r.name for r in cities}
    full_names = {r.pk: r.name if r.level == Region.Level.CITY else names[r.parent_id] + r.name for r in regions}
    now = timezone.now()
    existing = Case.objects.count()
    todo = max(wanted - existing, 0)
    if not todo:
        return 0
    bodies = {r.pk: route(r) for r in regions}
    # Complaints about a provider name a registered provider of the case's county (else its city).
    providers = {}
    for code, provider_name, region_code in Provider.objects.order_by("credit_code").values_list(
        "credit_code", "name", "region__code"
    ):
        providers.setdefault(region_code, []).append((code, provider_name))
        providers.setdefault(region_code[:4], []).append((code, provider_name))
    periods = {}
    plans = []
    for n in range(existing, existing + todo):
        region = regions[n % len(regions)]
        kind = Kind.MEDIA if n % 10 == 7 else Kind.COMPLAINT
        categories = [c for c in Category.values if kind == Kind.COMPLAINT or c != Category.CHALLENGE]
        # Every round over the regions cycles through the categories, shifted by one each round (the
        # second round used to give all its 99 cases the same category: 117 of 200 违规转包).
        category = categories[(n + n // len(regions)) % len(categories)]
        status, age = _plan(n, rng)
        if age is None:
            age = _due_soon(timezone.localdate(now), answer_days(kind, category), cal, rng)
        received_at = now - dt.timedelta(days=age, hours=rng.randint(0, 9), minutes=rng.randint(0, 59))
        plans.append((n, region, kind, category, status, received_at))
    _give_the_county_handler_work(plans, regions, cal, timezone.localdate(now))

    counters = {}
    for _, _, kind, _, _, received_at in plans:
        key = (PREFIXES[kind], timezone.localdate(received_at).year)
        counters[key] = counters.get(key, 0) + 1
    next_number = {}
    for (prefix, year), count in counters.items():
        counter, _ = ReferenceCounter.objects.select_for_update().get_or_create(prefix=prefix, year=year)
        next_number[(prefix, year)] = counter.last + 1
        counter.last += count
        counter.save(update_fields=["last"])

    cases, histories = [], []
    for n, region, kind, category, status, received_at in ctx.bar(plans, total=len(plans), desc="监督案件"):
        received = timezone.localdate(received_at)
        key = (PREFIXES[kind], received.year)
        reference = f"{key[0]}-{key[1]}-{next_number[key]:06d}"
        next_number[key] += 1
        if (kind, category) not in periods:
            periods[kind, category] = answer_days(kind, category)
        days = periods[kind, category]
        deadline = cal.add_working_days(received, days)
        county = region.name
        subject_type = SUBJECT_TYPES[category]
        subject = SUBJECTS[subject_type][n % len(SUBJECTS[subject_type])].format(county=county)
        provider = None
        if subject_type == SubjectType.PROVIDER:
            nearby = providers.get(region.code) or providers.get(region.code[:4])
            if nearby:
                provider = nearby[n % len(nearby)]
                subject = provider[1]
        name = NAMES[n % len(NAMES)]
        description = (
            f"我叫{name}，家住{full_names[region.pk]}某某街道幸福路{n % 200 + 1}号，电话1381234{n % 10000:04d}。"
            + ISSUES[category]
        )
        handler = _handler_for(region, users) if status != Status.RECEIVED else None
        anonymous = n % 6 == 0 and kind == Kind.COMPLAINT and category != Category.CHALLENGE
        # The factory is the one definition of a valid case (the tests build theirs with it too);
        # every field it would default is given here, its deadline and routing included.
        case = CaseFactory.build(
            kind=kind,
            reference=reference,
            access_code=DEMO_ACCESS_CODE,
            category=category,
            subject_type=subject_type,
            region=region,
            subject_text=subject,
            description=description,
            anonymous=anonymous,
            contact_name="" if anonymous else name,
            contact_phone="" if anonymous else f"1381234{n % 10000:04d}",
            contact_email=f"demo{n}@example.com" if n % 2 and not anonymous else "",
            media_outlet="浙江日报" if kind == Kind.MEDIA else "",
            consent_publish=n % 3 != 0,
            status=status,
            handling_body=bodies[region.pk],
            handler=handler,
            received_at=received_at,
            due_date=deadline.date,
            due_days=days,
            due_official=deadline.official,
        )
        if provider is not None:
            case.provider_credit_code = provider[0]
        steps = [(None, Status.RECEIVED, received_at, "")]
        if status == Status.NOT_ACCEPTED:
            case.not_accepted_reason = "反映事项已由人民法院受理，不属于本渠道受理范围。"
            case.closed_at = received_at + dt.timedelta(days=2)
            steps.append((Status.RECEIVED, status, case.closed_at, case.not_accepted_reason))
        elif status == Status.TRANSFERRED:
            case.transferred_to = f"{county}财政局"
            case.transfer_reason = "属于政府采购投诉，依法由财政部门处理。"
            case.closed_at = received_at + dt.timedelta(days=1)
            steps.append((Status.RECEIVED, status, case.closed_at, f"已转{case.transferred_to}办理"))
        elif status != Status.RECEIVED:
            accepted_at = received_at + dt.timedelta(days=1)
            steps.append((Status.RECEIVED, Status.ACCEPTED, accepted_at, "已受理，首问责任人已指定。"))
            if status in (Status.IN_PROGRESS, Status.ANSWERED, Status.CLOSED):
                steps.append(
                    (Status.ACCEPTED, Status.IN_PROGRESS, accepted_at + dt.timedelta(days=1), "正在调查核实。")
                )
            if status in (Status.ANSWERED, Status.CLOSED):
                late = rng.random() < 0.2
                taken = days + rng.randint(1, 6) if late else rng.randint(2, days)
                answered = cal.add_working_days(received, taken).date
                case.answered_at = received_at + dt.timedelta(days=(answered - received).days)
                case.finding = FINDINGS[n % len(FINDINGS)]
                case.public_answer = ANSWERS[category][case.finding].format(
                    subject=subject, days=rng.choice((5, 10, 15))
                )
                steps.append((Status.IN_PROGRESS, Status.ANSWERED, case.answered_at, ""))
            if status == Status.CLOSED:
                case.closed_at = case.answered_at + dt.timedelta(days=3)
                steps.append((Status.ANSWERED, Status.CLOSED, case.closed_at, ""))
                if case.consent_publish and n % 2 == 0:
                    # As a handler publishes the suggestion: the sender's own details removed first,
                    # the summary written as a summary (not the sender's first-person words).
                    case.public_subject = case.suggested_redaction(subject).text
                    case.redacted_summary = case.suggested_redaction(f"反映{subject}：{SUMMARIES[category]}").text
                    case.summary_reviewed_at = case.published_at = case.closed_at
                    case.summary_reviewed_by = handler
                    case.search_text = index_text(
                        case.public_subject, case.redacted_summary, case.public_answer_redacted(), region.name
                    )
        cases.append(case)
        # The first entry is the sender's submission; the handler made every later change.
        histories.append(
            [(s[0], s[1], min(s[2], now), s[3], handler if s[1] != Status.RECEIVED else None) for s in steps]
        )

    created = Case.objects.bulk_create(cases, batch_size=500)
    if created and created[0].pk is None:  # databases without RETURNING: fetch the ids
        ids = dict(Case.objects.filter(reference__in=[c.reference for c in created]).values_list("reference", "pk"))
        for case in created:
            case.pk = ids[case.reference]
    StatusChange.objects.bulk_create(
        [
            StatusChangeFactory.build(case=case, from_status=f or "", to_status=t, at=at, by=by, public_note=note)
            for case, steps in zip(created, histories, strict=True)
            for f, t, at, note, by in steps
        ],
        batch_size=1000,
    )
    # Confirmed 违规转包 findings against registered providers open exit decisions (disclosures app).
    for case in created:
        if (
            case.category == Category.SUBCONTRACTING
            and case.finding in CONFIRMED_FINDINGS
            and case.provider_credit_code
        ):
            finding_recorded.send(sender=Case, case=case, user=None)
    return len(created)


def seed(ctx):
    with transaction.atomic():
        bodies = _bodies()
        users = _accounts(ctx)
        wanted = 5000 if ctx.large else 200
        created = _cases(ctx, wanted, users)
    ctx.log(
        f"  oversight: {bodies} handling bodies, {created} cases created "
        f"(tracking code for every demo case: {DEMO_ACCESS_CODE})"
    )
