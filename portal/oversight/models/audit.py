"""The audit log of oversight cases: a log entry model of its own, registered with Wagtail's log
registry for Case (wagtail_hooks.register_log_actions), so that every view Wagtail builds on log
entries (the case's history, the site-history report with its filters and CSV/XLSX exports) shows
a user only the entries of the cases they may see, like the case queue."""

from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.models.audit_log import BaseLogEntry, BaseLogEntryManager


class CaseLogEntryManager(BaseLogEntryManager):
    def log_action(self, instance, action, **kwargs):
        kwargs.update(case=instance)
        return super().log_action(instance, action, **kwargs)

    def for_instance(self, instance):
        return self.filter(case_id=instance.pk)

    def viewable_by_user(self, user):
        """Entries of the cases in the user's region scope (all of them province-wide); entries of
        deleted cases only province-wide."""
        from ..services.visibility import case_permission_policy, sees_all_cases

        if not case_permission_policy.user_has_any_permission(user, ["view", "change"]):
            return self.none()
        if sees_all_cases(user):
            return self.all()
        visible = case_permission_policy.instances_user_has_any_permission_for(user, ["view", "change"])
        return self.filter(case_id__in=visible.values("pk"))


class CaseLogEntry(BaseLogEntry):
    """One audited action on a case (submission, status change, assignment, note, publication,
    a view of the complainant's personal data)."""

    case = models.ForeignKey("oversight.Case", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")

    objects = CaseLogEntryManager()

    class Meta(BaseLogEntry.Meta):
        ordering = ["-timestamp", "-id"]
        verbose_name = _("案件审计记录")
        verbose_name_plural = _("案件审计记录")

    def __str__(self):
        return f"CaseLogEntry {self.pk}: {self.action} on case {self.case_id}"

    @cached_property
    def object_id(self):
        return self.case_id
