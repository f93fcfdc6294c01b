"""Demo evaluation results: every demo project whose service has run is evaluated on periods within
its service period (a mid-term evaluation of the first six months, a final one of the whole period),
by its winner, across all four grades; published under the project. Then the registry's latest
grades, the exit-decision tasks for the 不合格 results and the projects' takeover plans (naming the
portal's hotline) are written in bulk. Idempotent (one result per project and period). Runs after
the disclosures' demo (its projects) and before oversight's."""

import datetime as dt
import time
from decimal import ROUND_HALF_UP, Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from portal.core import caching
from portal.core.pdf import render_pdf
from portal.disclosures.models import NoticeKind, NoticePage, ProcurementProjectPage
from portal.evaluations.factories import EvaluationResultPageFactory
from portal.evaluations.models import EvaluationResultPage
from portal.home.models import site_hotline as portal_hotline
from portal.providers.factories import ExitDecisionTaskFactory
from portal.providers.models import ExitDecisionTask, Provider
from portal.reference.workdays import calendar

LARGE_LIMIT = 1500
EVALUATORS = ["浙江公益评估中心", "浙江大学社会治理研究院", "之江社会服务评估所", "钱塘公益发展研究中心"]
METHODS = ["入户问卷", "电话回访", "入户问卷与电话回访", "座谈会与问卷"]
# Score range of each grade, and the order grades are dealt in (so that every grade appears, 不合格
# rarely): out of 20 results 5 优秀, 8 良好, 5 合格, 2 不合格.
BANDS = {"excellent": (90, 98), "good": (80, 89.5), "pass": (62, 79.5), "fail": (40, 58)}
GRADE_CYCLE = (
    "good excellent pass good excellent good fail pass good excellent "
    "good pass excellent good pass good fail excellent pass good"
).split()
MID_TERM_MONTHS = 6
# An evaluation is reported some weeks after its period ends.
REPORT_DAYS = (15, 45)
NARRATIVES = {
    "excellent": "服务按合同约定开展，服务对象档案完整，回访及时，服务对象评价高。",
    "good": "服务总体按合同约定开展，个别服务记录填写不够及时。",
    "pass": "服务基本完成合同约定，上门频次和服务记录存在不足。",
    "fail": "未按合同约定频次提供服务，服务记录与实际不符，服务对象满意度低。",
}
RECTIFICATION = {
    "pass": "限期30日内完成整改并报送整改报告。",
    "fail": "限期30日内完成整改；整改期间由购买主体暂停新增服务对象，整改结果报县级民政部门。",
}
TAKEOVER = (
    "承接主体被暂停承接或退出时，由{county}社会救助服务指导中心在24小时内临时接管在服务对象，"
    "保持服务人员和服务频次不变，并在30日内重新组织采购；服务对象可拨打服务热线{hotline}咨询。"
)
TENTH = Decimal("0.1")


ORDER = 35


def scheme():
    from portal.evaluations.models import EvaluationScheme

    obj, _created = EvaluationScheme.objects.get_or_create(
        name="浙江省政府购买社会救助服务绩效评价方案（示例）",
        defaults={
            "purchaser_weight": Decimal("30"),
            "satisfaction_weight": Decimal("40"),
            "third_party_weight": Decimal("30"),
            "description": "服务对象满意度权重最大；等次：优秀≥90，良好≥80，合格≥60，不合格<60。",
        },
    )
    return obj


def _report():
    from wagtail.documents.models import Document

    title = "绩效评价报告（示例）"
    doc = Document.objects.filter(title=title).first()
    if doc is None:
        doc = Document(title=title)
        doc.file.save(
            "demo-evaluation.pdf", ContentFile(render_pdf("disclosures/demo_document.html", {"title": title}))
        )
    return doc


def _months_later(day, months):
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def evaluation_periods(service_start, service_end, today):
    """(kind, start, end) of the evaluations due by `today` within a service period: the mid-term
    evaluation of the first six months and the final evaluation of the whole period, each once its
    report is due (REPORT_DAYS after the period ends)."""
    if not service_start or not service_end:
        return []
    periods = []
    mid_end = _months_later(service_start, MID_TERM_MONTHS) - dt.timedelta(days=1)
    if mid_end < service_end and mid_end + dt.timedelta(days=REPORT_DAYS[1]) <= today:
        periods.append(("中期", service_start, mid_end))
    if service_end + dt.timedelta(days=REPORT_DAYS[1]) <= today:
        periods.append(("期末", service_start, service_end))
    return periods


def _scores(grade, rnd):
    """Scores of one result in the grade's band. The third party scores the three dimensions
    (service effect, project management, social impact); its score is their average."""
    low, high = BANDS[grade]

    def near():
        return Decimal(rnd.uniform(low, high)).quantize(TENTH)

    dimensions = [near(), near(), near()]
    third_party = (sum(dimensions) / 3).quantize(TENTH, rounding=ROUND_HALF_UP)
    return {
        "purchaser_score": near(),
        "satisfaction_rate": min(near() + 1, Decimal("100")),
        "third_party_score": third_party,
        "effect_score": dimensions[0],
        "management_score": dimensions[1],
        "impact_score": dimensions[2],
    }


def _workday_on_or_before(cal, day):
    while not cal.is_workday(day):
        day -= dt.timedelta(days=1)
    return day


def _period_label(start, end):
    return f"{start.year}年{start.month}月—{end.year}年{end.month}月"


def seed(ctx):
    started = time.monotonic()
    chosen = scheme()
    report = _report()
    today = timezone.localdate()
    winners = (
        NoticePage.objects.filter(kind__in=[NoticeKind.RESULT, NoticeKind.CONTRACT], project__isnull=False)
        .exclude(supplier_credit_code="")
        .order_by("project_id", "kind")
        .values_list("project_id", "kind", "pk", "supplier_name", "supplier_credit_code")
    )
    by_project = {}
    for project_id, kind, pk, name, code in winners:
        entry = by_project.setdefault(project_id, {"name": name, "code": code, "contract": None})
        if kind == NoticeKind.CONTRACT:
            entry["contract"] = pk
    contracted = {pid: entry for pid, entry in by_project.items() if entry["contract"]}
    existing = set(EvaluationResultPage.objects.values_list("project_id", "period_start", "period_end"))
    projects = ProcurementProjectPage.objects.filter(pk__in=contracted).select_related("region").order_by("pk")
    plan = [
        (project, kind, start, end)
        for project in projects
        for kind, start, end in evaluation_periods(project.service_start, project.service_end, today)
        if (project.pk, start, end) not in existing
    ]
    if ctx.large:
        plan = plan[: max(0, LARGE_LIMIT - len(existing))]
    rnd = ctx.random
    cal = calendar()
    last_workday = _workday_on_or_before(cal, today)
    for index, (project, kind, start, end) in enumerate(ctx.bar(plan, total=len(plan), desc="绩效评价")):
        winner = contracted[project.pk]
        grade = GRADE_CYCLE[(len(existing) + index) % len(GRADE_CYCLE)]
        evaluated_on = _workday_on_or_before(cal, min(end + dt.timedelta(days=rnd.randrange(*REPORT_DAYS)), today))
        # Published a few working days after the evaluation, as an editor would, at the latest today.
        published_on = min(cal.add_working_days(evaluated_on, rnd.randrange(2, 8)).date, last_workday)
        published = timezone.make_aware(dt.datetime.combine(max(published_on, evaluated_on), dt.time(10, 0)))
        # Built by the tests' factory (the one definition of a valid result), every field given.
        result = EvaluationResultPageFactory.build(
            parent=None,
            title=f"{winner['name']}{project.title}{kind}绩效评价结果（{_period_label(start, end)}）",
            slug=f"evaluation-{start:%Y%m}-{end:%Y%m}",
            scheme=chosen,
            contract_id=winner["contract"],
            provider_credit_code=winner["code"],
            provider_name=winner["name"],
            year=end.year,
            period_start=start,
            period_end=end,
            evaluated_on=evaluated_on,
            evaluator=rnd.choice(EVALUATORS),
            survey_sample_size=rnd.randrange(30, 300),
            survey_method=rnd.choice(METHODS),
            narrative=NARRATIVES[grade],
            report_document=report,
            first_published_at=published,
            last_published_at=published,
            **_scores(grade, rnd),
        )
        result.project = project
        result.compute()
        result.rectification = RECTIFICATION.get(result.grade, "")
        with transaction.atomic():
            project.add_child(instance=result)
    tasks = _after(project_model=ProcurementProjectPage)
    elapsed = time.monotonic() - started
    ctx.log(
        f"绩效评价：新建 {len(plan)} 项（共 {EvaluationResultPage.objects.count()} 项），待决定 {tasks} 项，用时 {elapsed:.1f} 秒"
    )
    caching.purge()  # pages were added without publish signals


def _after(project_model):
    """Bulk steps: providers' latest grades, exit tasks for 不合格 results, takeover plans."""
    latest = {}
    for code, grade, day in (
        EvaluationResultPage.objects.live()
        .order_by("evaluated_on", "pk")
        .values_list("provider_credit_code", "grade", "evaluated_on")
    ):
        latest[code] = (grade, day)
    # One bulk update instead of an UPDATE per provider (bulk_update sends no save signals, like the
    # queryset updates it replaces).
    graded = list(Provider.objects.filter(credit_code__in=list(latest)).only("pk", "credit_code"))
    for provider in graded:
        provider.latest_grade, provider.latest_grade_date = latest[provider.credit_code]
    Provider.objects.bulk_update(graded, ["latest_grade", "latest_grade_date"], batch_size=500)
    opened = set(ExitDecisionTask.objects.values_list("evaluation_id", flat=True))
    failed = EvaluationResultPage.objects.filter(grade="fail").exclude(pk__in=opened)
    ExitDecisionTask.objects.bulk_create(
        ExitDecisionTaskFactory.build(
            provider_credit_code=r.provider_credit_code,
            provider_name=r.provider_name,
            evaluation=r,
            trigger=f"{r.year}年度绩效评价不合格（综合得分 {r.composite_score}）",
        )
        for r in failed.only("pk", "provider_credit_code", "provider_name", "year", "composite_score")
    )
    missing = project_model.objects.filter(takeover_plan="")

    hotline = portal_hotline()
    for region_id, name in missing.values_list("region_id", "region__name").distinct():
        missing.filter(region_id=region_id).update(takeover_plan=TAKEOVER.format(county=name, hotline=hotline))
    return ExitDecisionTask.objects.filter(status_change_id__isnull=True).count()
