"""Demo evaluation results: for every demo project with a winner, yearly results across grades,
published under the project; then the registry's latest grades, the exit-decision tasks for the
不合格 results and the projects' takeover plans are written in bulk. Idempotent (one result per
project and year)."""

import datetime as dt
import time
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

SMALL_YEARS = 5  # the last five evaluated years
LARGE_YEARS = 2
LARGE_LIMIT = 1500
EVALUATORS = ["浙江公益评估中心", "浙江大学社会治理研究院", "之江社会服务评估所", "钱塘公益发展研究中心"]
METHODS = ["入户问卷", "电话回访", "入户问卷与电话回访", "座谈会与问卷"]
# (grade, relative frequency, score range)
BANDS = [("excellent", 25, (90, 98)), ("good", 40, (80, 90)), ("pass", 25, (62, 80)), ("fail", 10, (40, 59))]
TAKEOVER = (
    "承接主体被暂停承接或退出时，由{county}社会救助服务指导中心在24小时内临时接管在服务对象，"
    "保持服务人员和服务频次不变，并在30日内重新组织采购；服务对象可拨打民政服务热线12349咨询。"
)


def scheme():
    from ..models import EvaluationScheme

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

    from portal.core.pdf import render_pdf

    title = "绩效评价报告（示例）"
    doc = Document.objects.filter(title=title).first()
    if doc is None:
        doc = Document(title=title)
        doc.file.save(
            "demo-evaluation.pdf", ContentFile(render_pdf("disclosures/demo_document.html", {"title": title}))
        )
    return doc


def evaluated_years(today, count):
    """The last `count` years whose evaluation is done by `today`: a year is evaluated in the first
    quarter of the next one, so before April the year just ended is not yet evaluated."""
    last = today.year - 1 if today >= dt.date(today.year, 4, 1) else today.year - 2
    return tuple(range(last - count + 1, last + 1))


def _evaluated_on(year, today, rnd):
    """A day in March of the next year, never after today."""
    return min(dt.date(year + 1, 3, rnd.randrange(1, 28)), today)


def _scores(rnd):
    grade, _weight, (low, high) = rnd.choices(BANDS, weights=[b[1] for b in BANDS])[0]

    def near():
        return Decimal(rnd.uniform(low, high)).quantize(Decimal("0.1"))

    return {
        "purchaser_score": near(),
        "satisfaction_rate": min(near() + 2, Decimal("100")),
        "third_party_score": near(),
        "effect_score": near(),
        "management_score": near(),
        "impact_score": near(),
    }


def seed(ctx):
    from ..models import EvaluationResultPage, NoticeKind, NoticePage, ProcurementProjectPage

    started = time.monotonic()
    chosen = scheme()
    report = _report()
    today = timezone.localdate()
    years = evaluated_years(today, LARGE_YEARS if ctx.large else SMALL_YEARS)
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
    existing = set(EvaluationResultPage.objects.values_list("project_id", "year"))
    projects = ProcurementProjectPage.objects.filter(pk__in=by_project).select_related("region").order_by("pk")
    plan = [(p, y) for p in projects for y in years if (p.pk, y) not in existing]
    if ctx.large:
        plan = plan[: max(0, LARGE_LIMIT - len(existing))]
    rnd = ctx.random
    now = timezone.now()
    for project, year in ctx.bar(plan, total=len(plan), desc="绩效评价"):
        winner = by_project[project.pk]
        result = EvaluationResultPage(
            title=f"{winner['name']}{year}年度{project.title}绩效评价结果",
            slug=f"evaluation-{year}",
            scheme=chosen,
            contract_id=winner["contract"],
            provider_credit_code=winner["code"],
            provider_name=winner["name"],
            year=year,
            period_start=dt.date(year, 1, 1),
            period_end=dt.date(year, 12, 31),
            evaluated_on=_evaluated_on(year, today, rnd),
            evaluator=rnd.choice(EVALUATORS),
            survey_sample_size=rnd.randrange(30, 300),
            survey_method=rnd.choice(METHODS),
            narrative="服务按合同约定开展，服务对象档案完整，回访及时。",
            report_document=report,
            first_published_at=now,
            last_published_at=now,
            **_scores(rnd),
        )
        result.project = project
        result.compute()
        if result.grade in ("pass", "fail"):
            result.rectification = "限期30日内完成整改并报送整改报告。"
        with transaction.atomic():
            project.add_child(instance=result)
    tasks = _after(project_model=ProcurementProjectPage)
    elapsed = time.monotonic() - started
    ctx.log(
        f"绩效评价：新建 {len(plan)} 项（共 {EvaluationResultPage.objects.count()} 项），待决定 {tasks} 项，用时 {elapsed:.1f} 秒"
    )


def _after(project_model):
    """Bulk steps: providers' latest grades, exit tasks for 不合格 results, takeover plans."""
    from django.apps import apps

    from ..models import EvaluationResultPage, ExitDecisionTask

    latest = {}
    for code, grade, day in (
        EvaluationResultPage.objects.live()
        .order_by("evaluated_on", "pk")
        .values_list("provider_credit_code", "grade", "evaluated_on")
    ):
        latest[code] = (grade, day)
    provider_model = apps.get_model("providers", "Provider")
    for provider in provider_model.objects.filter(credit_code__in=list(latest)).only("pk", "credit_code"):
        grade, day = latest[provider.credit_code]
        provider_model.objects.filter(pk=provider.pk).update(latest_grade=grade, latest_grade_date=day)
    opened = set(ExitDecisionTask.objects.values_list("evaluation_id", flat=True))
    failed = EvaluationResultPage.objects.filter(grade="fail").exclude(pk__in=opened)
    ExitDecisionTask.objects.bulk_create(
        ExitDecisionTask(
            provider_credit_code=r.provider_credit_code,
            provider_name=r.provider_name,
            evaluation=r,
            trigger=f"{r.year}年度绩效评价不合格（综合得分 {r.composite_score}）",
        )
        for r in failed.only("pk", "provider_credit_code", "provider_name", "year", "composite_score")
    )
    missing = project_model.objects.filter(takeover_plan="")
    for region_id, name in missing.values_list("region_id", "region__name").distinct():
        missing.filter(region_id=region_id).update(takeover_plan=TAKEOVER.format(county=name))
    return ExitDecisionTask.objects.filter(status_change_id__isnull=True).count()
