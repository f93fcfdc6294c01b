"""Handling a case: status transitions (append-only history), assignment of the named handler,
internal notes, and review and publication of the redacted summary. Every action is written to
Wagtail's audit log."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from portal.providers.services import provider_for_code
from portal.search.segment import index_text

from ..models import CONFIRMED_FINDINGS, Case, Category, Finding, InternalNote, Status, StatusChange
from ..redaction import strip_invisible
from ..signals import finding_recorded
from .visibility import assignable_handlers, can_see

# Allowed next statuses from each status.
TRANSITIONS = {
    Status.RECEIVED: (Status.ACCEPTED, Status.NOT_ACCEPTED, Status.TRANSFERRED),
    Status.ACCEPTED: (Status.IN_PROGRESS, Status.ANSWERED, Status.TRANSFERRED),
    Status.IN_PROGRESS: (Status.ANSWERED, Status.TRANSFERRED),
    Status.ANSWERED: (Status.CLOSED,),
    Status.CLOSED: (),
    Status.TRANSFERRED: (),
    Status.NOT_ACCEPTED: (),
}


def allowed_transitions(case):
    return TRANSITIONS.get(case.status, ())


def _check(user, case):
    if not can_see(user, case):
        raise PermissionDenied


@transaction.atomic
def change_status(
    case,
    to_status,
    user,
    *,
    public_note="",
    answer="",
    reason="",
    transferred_to="",
    finding="",
    provider_credit_code="",
    now=None,
):
    """Move `case` to `to_status`, recording who, when and why (and, with the answer, the finding);
    raises ValidationError if the move is not allowed or a required explanation is missing."""
    _check(user, case)
    case = Case.objects.select_for_update().get(pk=case.pk)
    now = now or timezone.now()
    # Shown to the sender or the public: no invisible or direction-changing characters.
    public_note, answer, reason, transferred_to = (
        strip_invisible(text) for text in (public_note, answer, reason, transferred_to)
    )
    if to_status not in allowed_transitions(case):
        raise ValidationError(_("当前状态下不能执行此操作。"))
    if to_status == Status.ANSWERED:
        if not answer.strip():
            raise ValidationError({"answer": _("请填写公开答复（一次性完整答复）。")})
        case.public_answer = answer.strip()
        case.answered_at = now
        if provider_credit_code:
            case.provider_credit_code = provider_credit_code
        _record_finding(case, finding)
    elif to_status == Status.NOT_ACCEPTED:
        if not reason.strip():
            raise ValidationError({"reason": _("不予受理必须说明理由。")})
        case.not_accepted_reason = reason.strip()
        case.closed_at = now
        public_note = public_note or case.not_accepted_reason
    elif to_status == Status.TRANSFERRED:
        if not transferred_to.strip() or not reason.strip():
            raise ValidationError({"transferred_to": _("转办必须写明转办单位和理由。")})
        case.transferred_to = transferred_to.strip()
        case.transfer_reason = reason.strip()
        case.closed_at = now
        public_note = public_note or _("已转%(to)s办理：%(why)s") % {"to": case.transferred_to, "why": reason.strip()}
    elif to_status == Status.CLOSED:
        case.closed_at = now
    if to_status in (Status.ACCEPTED, Status.IN_PROGRESS) and case.handler_id is None:
        case.handler = user
    previous = case.status
    case.status = to_status
    case.save()
    StatusChange.objects.create(
        case=case, from_status=previous, to_status=to_status, at=now, by=user, public_note=public_note.strip()
    )
    log(case, "oversight.status", user=user, data={"from": previous, "to": to_status})
    if case.finding and to_status == Status.ANSWERED:
        finding_recorded.send(sender=Case, case=case, user=user)
    return case


def _record_finding(case, finding):
    if finding and finding not in Finding.values:
        raise ValidationError({"finding": _("核查结论无效。")})
    if (
        finding in CONFIRMED_FINDINGS
        and case.category == Category.SUBCONTRACTING
        and not _registered_provider(case.provider_credit_code)
    ):
        raise ValidationError(
            {
                "finding": _(
                    "违规转包经核查属实时，须登记被反映机构在承接主体名录中的统一社会信用代码，以便启动退出机制。"
                )
            }
        )
    case.finding = finding


def _registered_provider(credit_code):
    return provider_for_code(credit_code) is not None


@transaction.atomic
def assign(case, handler, user):
    """Make `handler` the named first-contact handler (首问责任人) of `case`."""
    _check(user, case)
    if handler is not None and not assignable_handlers(case).filter(pk=handler.pk).exists():
        raise ValidationError(_("该人员不属于本案件所在地区的办理机构。"))
    case.handler = handler
    case.save(update_fields=["handler"])
    log(case, "oversight.assign", user=user, data={"handler": handler.get_username() if handler else None})
    return case


def add_note(case, text, user):
    _check(user, case)
    if not text.strip():
        raise ValidationError(_("备注不能为空。"))
    note = InternalNote.objects.create(case=case, author=user, text=text.strip())
    log(case, "oversight.note", user=user, data={"note": note.pk})
    return note


def register_search_text(case):
    # The answer as published (redacted): searching by a phone number must not reveal that it is there.
    return index_text(case.public_subject, case.redacted_summary, case.public_answer_redacted(), case.region.name)


@transaction.atomic
def publish_summary(case, summary, user, now=None, subject=None):
    """Publish the reviewed redacted summary in the public register (only with consent, only once
    the case is answered or closed)."""
    _check(user, case)
    if not case.consent_publish:
        raise ValidationError(_("投诉人未同意公开，不能发布。"))
    if case.status not in (Status.ANSWERED, Status.CLOSED):
        raise ValidationError(_("案件答复后才能公开。"))
    summary = strip_invisible(summary).strip()
    if not summary:
        raise ValidationError({"summary": _("请填写经审核的脱敏摘要。")})
    if subject is None:
        subject = case.suggested_redaction(case.subject_text).text
    subject = strip_invisible(subject).strip()[:200]
    # The last check: nothing of the sender's details or the narrative's personal data, however
    # written (full-width digits, zero-width characters, spaces between digits).
    errors = case.publication_errors(summary, subject)
    if errors:
        raise ValidationError(errors)
    now = now or timezone.now()
    case.redacted_summary = summary
    case.public_subject = subject
    case.summary_reviewed_at = now
    case.summary_reviewed_by = user
    case.published_at = case.published_at or now
    case.search_text = register_search_text(case)
    case.save()
    log(case, "oversight.publish", user=user)
    return case


@transaction.atomic
def unpublish(case, user):
    _check(user, case)
    case.published_at = None
    case.save(update_fields=["published_at"])
    log(case, "oversight.unpublish", user=user)
    return case


def log_personal_data_view(case, user, what="case"):
    """Every view of a complainant's personal data (the case page, an attachment) is audited."""
    log(case, "oversight.view_personal_data", user=user, data={"what": what})
