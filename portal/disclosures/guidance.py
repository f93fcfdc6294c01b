"""What the editor is told after saving a notice in the admin (wagtail_hooks shows it as messages).
Nothing here blocks a draft: submission and publication are still refused by the rules
(enforcement.py, NoticePage.clean) where the law requires it."""

from django.contrib import messages
from django.utils.translation import gettext as _

from .models.notices import NoticeKind, NoticePage, other_kind_fields
from .rules import compute

# The procurement stage notices that the intention (采购意向) must precede (财库〔2020〕10号).
NEEDS_INTENTION = (NoticeKind.TENDER, NoticeKind.PREQUALIFICATION, NoticeKind.SINGLE_SOURCE)


def _label(notice, name):
    if name == "__all__":
        return ""
    return f"“{notice._meta.get_field(name).verbose_name}”："


def _empty(value):
    return value in (None, "", False)


def intention_warning(notice):
    """A call for bids without a published intention, or published before the intention's 30 days
    have run: the warning, or None."""
    if notice.kind not in NEEDS_INTENTION:
        return None
    intentions = NoticePage.objects.filter(project_id=notice.project_id, kind=NoticeKind.INTENTION).exclude(
        pk=notice.pk
    )
    live = intentions.filter(live=True).order_by("published_on").first()
    if live is None:
        text = _(
            "本项目尚未公开采购意向：依财库〔2020〕10号，采购意向应当在采购活动开始前至少30日公开。"
            "请先发布采购意向，再发布本公告。"
        )
        if intentions.exists():
            text += _("（项目下已有采购意向草稿或待审核的采购意向，尚未发布。）")
        return text
    earliest = compute("intention_notice", live.published_on)
    if notice.publication_date < earliest.date:
        return _(
            "采购意向于%(published)s公开，依“%(rule)s”（%(citation)s），采购活动最早于%(date)s开始；"
            "本公告的发布日期早于该日。"
        ) % {
            "published": live.published_on.isoformat(),
            "rule": earliest.rule.label,
            "citation": earliest.rule.citation,
            "date": earliest.date.isoformat(),
        }
    return None


def notice_guidance(notice, action):
    """[(message level, text)] for `notice` just saved by `action` ("save", "submit", "publish")."""
    notes = []
    check = notice.rule_check()
    if action == "save" and not notice.live:
        for name, errors in check.errors.items():
            for error in errors:
                notes.append(
                    (
                        messages.WARNING,
                        _("草稿已保存，但提交审核或发布时将不予通过：%(field)s%(error)s")
                        % {"field": _label(notice, name), "error": error},
                    )
                )
    for warning in check.warnings:
        notes.append((messages.WARNING, warning))
    intention = intention_warning(notice)
    if intention:
        notes.append((messages.WARNING, intention))
    if action == "save" and notice.kind:
        stray = [
            str(notice._meta.get_field(name).verbose_name)
            for name in sorted(other_kind_fields(notice.kind))
            if not _empty(getattr(notice, name))
        ]
        if stray:
            notes.append(
                (
                    messages.INFO,
                    _("以下字段不适用于“%(kind)s”，提交审核或发布时将被清空：%(fields)s。")
                    % {"kind": NoticeKind(notice.kind).label, "fields": "、".join(stray)},
                )
            )
    project = notice.project
    if action in ("save", "submit") and not type(project).objects.filter(pk=project.pk, live=True).exists():
        notes.append(
            (
                messages.WARNING,
                _(
                    "所属项目“%(project)s”尚未发布，公告不能先于项目发布。审核人审核通过本公告时，"
                    "将一并发布已提交审核的项目；请确认项目也已提交审核。"
                )
                % {"project": project.title},
            )
        )
    return notes
