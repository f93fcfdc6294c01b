"""Handling bodies (one per region) and the channel's configurable service standards."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


class HandlingBody(models.Model):
    """The office that handles oversight cases for one region (province, city or county); its
    members are the named handlers who may be assigned cases of that region and the regions below."""

    name = models.CharField(_("名称"), max_length=100)
    region = models.OneToOneField(
        "reference.Region", verbose_name=_("负责区域"), on_delete=models.PROTECT, related_name="handling_body"
    )
    phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("办理人员"), blank=True, related_name="handling_bodies"
    )

    class Meta:
        ordering = ["region__code"]
        verbose_name = _("办理机构")
        verbose_name_plural = _("办理机构")

    def __str__(self):
        return self.name


@register_setting(icon="time")
class OversightSettings(BaseGenericSetting):
    """Service standards of the oversight channel: answer periods in working days."""

    complaint_days = models.PositiveSmallIntegerField(
        _("投诉答复时限（工作日）"), default=15, help_text=_("公众投诉的服务承诺时限，默认15个工作日。")
    )
    media_days = models.PositiveSmallIntegerField(
        _("媒体问询答复时限（工作日）"), default=5, help_text=_("媒体问询的服务承诺时限。")
    )

    class Meta:
        verbose_name = _("监督投诉办理时限")
