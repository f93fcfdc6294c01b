"""The exit mechanism (退出机制): a task for editors to decide a provider's standing after a failed
evaluation or a substantiated subcontracting complaint; the decision is recorded in the registry's
append-only status history. Tasks are opened through portal.providers.exits.open_exit_decision."""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from .status import ProviderStatusChange


class ExitDecision(models.TextChoices):
    ACTIVE = "active", _("继续承接（正常）")
    SUSPENDED = "suspended", _("暂停承接")
    EXITED = "exited", _("退出")


class ExitDecisionTask(models.Model):
    """A pending decision on a provider's standing (继续承接 / 暂停承接至某日 / 退出), opened when a
    不合格 evaluation is published or a 违规转包 complaint is found substantiated; deciding it records a ProviderStatusChange in the registry."""

    provider_credit_code = models.CharField(_("承接主体统一社会信用代码"), max_length=18, db_index=True)
    provider_name = models.CharField(_("承接主体名称"), max_length=120)
    # The evaluation page is named by its label: the registry does not import the evaluations.
    evaluation = models.ForeignKey(
        "evaluations.EvaluationResultPage",
        verbose_name=_("引发的评价结果"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="exit_tasks",
    )
    case_reference = models.CharField(
        _("引发的投诉受理编号"), max_length=20, blank=True, db_index=True, help_text=_("违规转包投诉经核查属实时填写")
    )
    trigger = models.CharField(_("触发原因"), max_length=200)
    opened_at = models.DateTimeField(_("生成时间"), auto_now_add=True)
    decision = models.CharField(_("决定"), max_length=16, choices=ExitDecision.choices, blank=True)
    suspended_until = models.DateField(_("暂停至"), null=True, blank=True)
    reason = models.TextField(_("决定理由"), blank=True)
    decision_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("决定文书"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateField(_("决定日期"), null=True, blank=True)
    status_change_id = models.PositiveBigIntegerField(_("状态变更记录编号"), null=True, editable=False)

    class Meta:
        # The table the disclosures app created for it (moved here with the exit mechanism).
        db_table = "disclosures_exitdecisiontask"
        ordering = ["status_change_id", "-opened_at"]
        verbose_name = _("待处理的退出决定")
        verbose_name_plural = _("待处理的退出决定")

    def __str__(self):
        return f"{self.provider_name}：{self.trigger}"

    def save(self, *args, **kwargs):
        with transaction.atomic():
            if self.decision and not self.is_decided:
                change = self._status_change()
                change.save()
                self.status_change_id = change.pk
            super().save(*args, **kwargs)

    @property
    def is_decided(self):
        return self.status_change_id is not None

    def provider(self):
        from ..services import provider_for_code

        return provider_for_code(self.provider_credit_code)

    def _status_change(self):
        return ProviderStatusChange(
            provider=self.provider(),
            status=self.decision,
            reason=self.reason,
            decision_document=self.decision_document,
            decided_at=self.decided_at,
            effective_from=self.decided_at,
            suspended_until=self.suspended_until if self.decision == ExitDecision.SUSPENDED else None,
        )

    def clean(self):
        if self.is_decided:
            raise ValidationError(_("该决定已登记到承接主体状态记录，不能修改；如需变更请在承接主体中登记新的决定。"))
        if not self.decision:
            return
        errors = {}
        if not self.reason.strip():
            errors["reason"] = _("请写明决定理由。")
        if self.decided_at is None:
            errors["decided_at"] = _("请填写决定日期。")
        if self.decision != ExitDecision.SUSPENDED and self.suspended_until:
            errors["suspended_until"] = _("只有暂停承接才能填写暂停截止日期。")
        if self.decision == ExitDecision.SUSPENDED and self.suspended_until is None:
            errors["suspended_until"] = _("暂停承接须填写暂停截止日期。")
        if self.provider() is None:
            errors["decision"] = _("承接主体名录中没有该统一社会信用代码，无法登记状态。")
        if errors:
            raise ValidationError(errors)
        self._status_change().clean()
