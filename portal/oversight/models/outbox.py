"""Queued outgoing email: written in the same transaction as the case, sent and retried later."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..emails import InternationalEmailModelField


class OutboxMessage(models.Model):
    """One email waiting to be sent (or sent, or given up after too many attempts)."""

    class State(models.TextChoices):
        PENDING = "pending", _("待发送")
        SENT = "sent", _("已发送")
        FAILED = "failed", _("发送失败")

    case = models.ForeignKey(
        "oversight.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="outbox_messages"
    )
    to = InternationalEmailModelField(_("收件人"))
    subject = models.CharField(_("主题"), max_length=200)
    body = models.TextField(_("正文"))
    state = models.CharField(_("状态"), max_length=10, choices=State.choices, default=State.PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    next_attempt_at = models.DateTimeField(_("下次尝试"), default=timezone.now, db_index=True)
    last_error = models.TextField(_("最近错误"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("待发邮件")
        verbose_name_plural = _("邮件发送队列")

    def __str__(self):
        return f"{self.subject} ({self.get_state_display()})"
