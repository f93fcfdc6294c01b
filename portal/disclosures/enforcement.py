"""Publish-time enforcement of the statutory rules on a notice. Used by NoticePage.clean (admin,
imports and code alike) and to compute the public 逾期发布 mark on late result and contract notices."""

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from portal.reference.workdays import calendar

from .rules import compute


@dataclass
class CheckResult:
    """Errors by form field, warnings for the editor, and working days late (result/contract)."""

    errors: dict = field(default_factory=dict)
    warnings: list = field(default_factory=list)
    late_working_days: int | None = None

    def add_error(self, name, message):
        self.errors.setdefault(name, []).append(message)


def _day(value):
    if isinstance(value, dt.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


def rule_message(result, what):
    """'<what> does not meet <rule> (<citation>): ... the earliest lawful date is <date>.'"""
    rule = result.rule
    if rule.is_minimum:
        text = _(
            "%(what)s不符合“%(rule)s”规定（%(citation)s）：自%(start)s起不少于%(days)s%(unit)s，最早可定为%(date)s。"
        )
    else:
        text = _("%(what)s超出“%(rule)s”规定（%(citation)s）：自%(start)s起%(days)s%(unit)s内，最迟为%(date)s。")
    return text % {
        "what": what,
        "rule": rule.label,
        "citation": rule.citation,
        "start": result.deadline.start.isoformat(),
        "days": rule.days,
        "unit": rule.unit_label,
        "date": result.date.isoformat(),
    }


def _unofficial_warning(results, check):
    years = sorted({y for r in results for y in r.deadline.unofficial_years})
    if years:
        check.warnings.append(
            _(
                "期限涉及%(years)s年，该年度尚未载入国务院办公厅公布的节假日安排，"
                "工作日暂按周一至周五推算，请在发布前核对。"
            )
            % {"years": "、".join(str(y) for y in years)}
        )


def _require(notice, check, names):
    for name in names:
        if getattr(notice, name) in (None, ""):
            check.add_error(
                name, _("此类公告必须填写“%(field)s”。") % {"field": notice._meta.get_field(name).verbose_name}
            )


def _minimum(check, results, name, value, code, start, what, cal):
    result = compute(code, start, cal)
    results.append(result)
    if value is not None and _day(value) < result.date:
        check.add_error(name, rule_message(result, what))
    return result


_UNSET = object()


def check_notice(notice, cal=None, current_deadline=_UNSET):
    """Check `notice` against the statutory rules. `cal` is the working-day calendar (default: the
    portal's); `current_deadline` is the bid deadline in force before a correction (default: read
    from the project's other live notices). Both may be given to check a notice without a database,
    as the demo's date plan does."""
    from .models.notices import NoticeKind
    from .models.procurement import BID_RULE, Method

    cal = cal or calendar()
    check = CheckResult()
    results = []
    published = notice.publication_date
    project = notice.project
    kind = notice.kind

    def minimum(name, code, start, what):
        _minimum(check, results, name, getattr(notice, name), code, start, what, cal)

    if kind == NoticeKind.INTENTION:
        _require(notice, check, ["planned_start"])
        minimum("planned_start", "intention_notice", published, _("预计采购时间"))
    elif kind == NoticeKind.TENDER:
        if project.method == Method.SINGLE_SOURCE:
            check.add_error("kind", _("单一来源采购项目请发布“单一来源采购公示”。"))
        else:
            _require(notice, check, ["bid_deadline"])
            start = notice.effective_documents_from
            minimum("bid_deadline", BID_RULE[project.method], start, _("投标（响应）截止时间"))
            if project.method in (Method.OPEN, Method.INVITED):
                results.append(compute("tender_notice_period", published, cal))
                minimum("documents_until", "tender_documents_period", start, _("招标文件提供截止日期"))
    elif kind == NoticeKind.PREQUALIFICATION:
        _require(notice, check, ["bid_deadline"])
        minimum("bid_deadline", "tender_notice_period", published, _("资格预审申请截止时间"))
    elif kind == NoticeKind.SINGLE_SOURCE:
        _require(notice, check, ["publicity_end", "supplier_name", "single_source_reason"])
        start = notice.publicity_start or published
        minimum("publicity_end", "single_source_publicity", start, _("公示截止日期"))
    elif kind == NoticeKind.CORRECTION:
        if current_deadline is _UNSET:
            current_deadline = _current_deadline(notice)
        _check_correction(notice, check, results, published, current_deadline, cal)
    elif kind == NoticeKind.RESULT:
        _require(notice, check, ["decision_date", "supplier_name", "amount"])
        if notice.decision_date:
            _late(check, results, "result_notice", notice.decision_date, published, cal)
    elif kind == NoticeKind.CONTRACT:
        _require(notice, check, ["signed_on", "supplier_name", "amount"])
        if notice.signed_on:
            _late(check, results, "contract_notice", notice.signed_on, published, cal)
    elif kind == NoticeKind.TERMINATION:
        _require(notice, check, ["termination_reason"])
    elif kind == NoticeKind.ACCEPTANCE:
        _require(notice, check, ["accepted_on", "acceptance_result", "recipients_participation"])

    _unofficial_warning(results, check)
    return check


def _check_correction(notice, check, results, published, current, cal):
    if notice.new_bid_deadline is None and not notice.affects_bids:
        return
    result = compute("correction_notice", published, cal)
    results.append(result)
    if notice.new_bid_deadline is not None:
        if _day(notice.new_bid_deadline) < result.date:
            check.add_error("new_bid_deadline", rule_message(result, _("变更后的截止时间")))
    elif notice.affects_bids and current is not None and _day(current) < result.date:
        check.add_error(
            "new_bid_deadline",
            _(
                "更正公告发布之日距投标截止时间（%(current)s）不足15日，依“%(rule)s”规定（%(citation)s）"
                "必须顺延截止时间，最早可定为%(date)s。"
            )
            % {
                "current": _day(current).isoformat(),
                "rule": result.rule.label,
                "citation": result.rule.citation,
                "date": result.date.isoformat(),
            },
        )


def _current_deadline(notice):
    """The bid deadline in force before this correction: the latest one among the other live notices."""
    from .models.notices import NoticeKind, NoticePage

    deadline = None
    others = (
        NoticePage.objects.live().filter(project=notice.project).exclude(pk=notice.pk).order_by("published_on", "path")
    )
    for other in others.only("kind", "bid_deadline", "new_bid_deadline"):
        if other.kind == NoticeKind.TENDER and other.bid_deadline:
            deadline = other.bid_deadline
        elif other.kind == NoticeKind.CORRECTION and other.new_bid_deadline:
            deadline = other.new_bid_deadline
    return deadline


def _late(check, results, code, event, published, cal):
    """Late result/contract notices are allowed but carry the number of working days late."""
    result = compute(code, event, cal)
    results.append(result)
    if published > result.date:
        check.late_working_days = cal.working_days_between(result.date, published)
        check.warnings.append(
            _("本公告将被公开标注为“逾期发布”（逾期%(n)s个工作日）。") % {"n": check.late_working_days}
            + rule_message(result, _("发布日期"))
        )
    else:
        check.late_working_days = 0
