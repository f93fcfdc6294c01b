"""Keeps each project's lifecycle state in step with its published notices, in any publication order.

The rule:

1. A notice is never live while its project is not. Publishing a notice (directly, on approval, or
   at its scheduled time) under a project that is not live is refused (NoticePage.clean), except
   that the city reviewer's approval of a notice whose project awaits the same reviewer's approval
   approves and publishes the project first, in the same review and the same transaction
   (`publish_project_with`, run by the statutory approval task through the
   `before_statutory_approval` hook). A project that is not in review, or that would go live later
   than the notice, sends the notice back to its editor with the reason.
2. Unpublishing a project (by hand or at its expiry date) unpublishes its live notices and cancels
   their scheduled publication.
3. The project's lifecycle fields (bid deadline, award, contract, termination and acceptance dates,
   from which its stage follows) are recomputed from its live notices on every publish and
   unpublish of a notice or of the project, scheduled or not; they are never restored from a
   revision (ProcurementProjectPage.with_content_json keeps the stored values).
"""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import WorkflowState

from .models import NoticePage, ProcurementProjectPage


def _refresh_project(project_id):
    if project_id is None:
        return
    project = ProcurementProjectPage.objects.filter(pk=project_id).first()
    if project is not None:
        project.refresh_lifecycle()


def notice_changed(sender, instance, **kwargs):
    _refresh_project(instance.project_id)


def notice_deleted(sender, instance, **kwargs):
    _refresh_project(instance.project_id)


def project_published(sender, instance, **kwargs):
    """A (re)published project: its lifecycle is recomputed from its live notices, and its notices'
    listing fields are re-indexed (new title, region or items)."""
    project = ProcurementProjectPage.objects.get(pk=instance.pk)
    project.refresh_lifecycle()
    for notice in NoticePage.objects.filter(project=project):
        notice.project = project
        NoticePage.objects.filter(pk=notice.pk).update(**notice.listing_fields())


def project_unpublished(sender, instance, **kwargs):
    """A project taken down takes its notices down with it: no notice is live, or goes live at a
    scheduled time, under a project that is not."""
    notices = NoticePage.objects.filter(project_id=instance.pk)
    for notice in notices.filter(live=True):
        notice.unpublish(log_action=True)
    for notice in notices:
        notice.revisions.filter(approved_go_live_at__isnull=False).update(approved_go_live_at=None)
    _refresh_project(instance.pk)


def project_goes_live_by(project, when=None):
    """Whether `project` is live, or (given `when`) has an approved revision scheduled to go live
    no later than `when` (publish_scheduled publishes the revisions in go-live order)."""
    if ProcurementProjectPage.objects.filter(pk=project.pk, live=True).exists():
        return True
    if when is None:
        return False
    return project.revisions.filter(approved_go_live_at__isnull=False, approved_go_live_at__lte=when).exists()


def unpublished_project_error(project):
    return _("所属项目“%(project)s”尚未发布，公告不能先于项目发布。请先发布项目，或将公告与项目一并提交审核。") % {
        "project": project.title
    }


def _scheduled_later(project, when):
    return _(
        "所属项目“%(project)s”定于%(when)s发布，公告的发布时间不能早于项目：请将公告的定时发布时间设为不早于该时间。"
    ) % {
        "project": project.title,
        "when": timezone.localtime(when).strftime("%Y-%m-%d %H:%M"),
    }


def publish_project_with(notice, user):
    """Called before the reviewer's approval of `notice` (a NoticePage, as in the revision being
    approved) is applied: when its project is not live, approve the project's pending review in
    the same action if `user` may approve it; otherwise raise ValidationError with the reason,
    which sends the notice back to its editor."""
    project = ProcurementProjectPage.objects.get(pk=notice.project_id)
    go_live = notice.go_live_at if notice.go_live_at and notice.go_live_at > timezone.now() else timezone.now()
    if project_goes_live_by(project, go_live):
        return None
    state = project.current_workflow_state
    names = {"project": project.title, "notice": notice.title}
    scheduled = project.revisions.filter(approved_go_live_at__isnull=False).order_by("approved_go_live_at").first()
    if scheduled is not None and (state is None or state.status != WorkflowState.STATUS_IN_PROGRESS):
        raise ValidationError(_scheduled_later(project, scheduled.approved_go_live_at))
    if state is None or state.status != WorkflowState.STATUS_IN_PROGRESS:
        raise ValidationError(
            _("所属项目“%(project)s”尚未发布，也未提交审核。请先提交项目审核，项目发布后公告才能发布。") % names
        )
    task_state = state.current_task_state
    task = task_state.task.specific
    if "approve" not in [action[0] for action in task.get_actions(project, user)]:
        raise ValidationError(
            _("所属项目“%(project)s”尚未发布，正在等待“%(task)s”审核；项目审核通过后公告才能发布。")
            % {**names, "task": task.name}
        )
    task.on_action(task_state, user, "approve", comment=_("随公告“%(notice)s”一并审核通过。") % names)
    project.refresh_from_db()
    if project_goes_live_by(project, go_live):
        return project
    if project.go_live_at and project.go_live_at > timezone.now():
        raise ValidationError(_scheduled_later(project, project.go_live_at))
    rejected = task_state.__class__.objects.get(pk=task_state.pk)
    raise ValidationError(
        _("所属项目“%(project)s”无法发布：%(reason)s") % {**names, "reason": rejected.get_comment() or ""}
    )
