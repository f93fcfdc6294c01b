"""Append-only history of decisions on a provider's standing (suspension, exit, reinstatement)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import ProviderStatus


class ProviderStatusChange(models.Model):
    """One published decision changing a provider's status; never edited or deleted once recorded,
    so the public history stays complete. The provider's current status is derived from it."""

    provider = models.ForeignKey(
        "providers.Provider", verbose_name=_("承接主体"), on_delete=models.CASCADE, related_name="status_changes"
    )
    status = models.CharField(_("状态"), max_length=16, choices=ProviderStatus.choices)
    reason = models.TextField(_("理由"))
    decision_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("决定文书"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateField(_("决定日期"))
    effective_from = models.DateField(_("生效日期"))
    suspended_until = models.DateField(
        _("暂停至"), null=True, blank=True, help_text=_("仅暂停承接时填写；留空表示直至另行决定。")
    )
    recorded_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        ordering = ["-effective_from", "-id"]
        verbose_name = _("状态变更记录")
        verbose_name_plural = _("状态变更记录")

    def __str__(self):
        return f"{self.provider} {self.get_status_display()} {self.effective_from:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("状态变更记录一经登记不得修改，请登记新的决定。"))
        with transaction.atomic():
            super().save(*args, **kwargs)
            refresh_status(self.provider)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("状态变更记录不得删除。"))

    def clean(self):
        errors = {}
        if self.status != ProviderStatus.SUSPENDED and self.suspended_until:
            errors["suspended_until"] = _("只有暂停承接才能填写暂停截止日期。")
        if self.suspended_until and self.effective_from and self.suspended_until < self.effective_from:
            errors["suspended_until"] = _("暂停截止日期不能早于生效日期。")
        if self.decided_at and self.effective_from and self.effective_from < self.decided_at:
            errors["effective_from"] = _("生效日期不能早于决定日期。")
        if errors:
            raise ValidationError(errors)

    def in_force_on(self, on_date):
        """Whether this decision restricts the provider on `on_date`."""
        if self.effective_from > on_date:
            return False
        if self.status == ProviderStatus.EXITED:
            return True
        if self.status == ProviderStatus.SUSPENDED:
            return self.suspended_until is None or on_date <= self.suspended_until
        return False


def decision_on(provider, on_date, changes=None):
    """The latest decision already effective on `on_date`, or None."""
    if changes is None:
        changes = provider.status_changes.filter(effective_from__lte=on_date).order_by("-effective_from", "-id")
        return changes.first()
    effective = [c for c in changes if c.effective_from <= on_date]
    effective.sort(key=lambda c: (c.effective_from, c.pk or 0), reverse=True)
    return effective[0] if effective else None


def status_on(provider, on_date, changes=None):
    """(status, decision) on a date: a suspension that has run out counts as active again."""
    decision = decision_on(provider, on_date, changes)
    if decision is None:
        return ProviderStatus.ACTIVE, None
    if decision.in_force_on(on_date):
        return decision.status, decision
    return ProviderStatus.ACTIVE, decision


def provider_in_good_standing(provider, on_date=None):
    """False while a suspension or exit decision is in force on `on_date` (default today)."""
    on_date = on_date or timezone.localdate()
    status, _decision = status_on(provider, on_date)
    return status == ProviderStatus.ACTIVE


def refresh_status(provider, on_date=None):
    """Store the derived current status on the provider (denormalised for filtering)."""
    on_date = on_date or timezone.localdate()
    status, decision = status_on(provider, on_date)
    since = None
    if decision is not None:
        since = decision.effective_from
        if status == ProviderStatus.ACTIVE and decision.status == ProviderStatus.SUSPENDED:
            since = decision.suspended_until + datetime.timedelta(days=1)
    type(provider).objects.filter(pk=provider.pk).update(status=status, status_since=since)
    provider.status, provider.status_since = status, since
    return status
