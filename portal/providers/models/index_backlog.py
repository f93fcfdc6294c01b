"""Index updates the search cluster could not take yet (it was down); retried by the next index
task, `rebuild_search --pending` or a full rebuild."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PendingIndexUpdate(models.Model):
    """A provider whose cluster document still has to be written or deleted (one row per provider)."""

    class Action(models.TextChoices):
        INDEX = "index", _("写入")
        DELETE = "delete", _("删除")

    provider_id = models.BigIntegerField(_("承接主体编号"), unique=True)
    action = models.CharField(_("操作"), max_length=8, choices=Action.choices)
    attempts = models.PositiveIntegerField(_("尝试次数"), default=1)
    last_error = models.TextField(_("最近错误"), blank=True)
    queued_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        # The table the search app created for it (moved here with the registry's search).
        db_table = "portal_search_pendingindexupdate"
        ordering = ["updated_at", "id"]
        verbose_name = _("待同步检索索引")
        verbose_name_plural = _("待同步检索索引")

    def __str__(self):
        return f"{self.action} {self.provider_id}"
