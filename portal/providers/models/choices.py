"""Choices shared by providers, applications, imports and the directory."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProviderType(models.TextChoices):
    SOCIAL_ORGANISATION = "social_org", _("社会组织")
    PUBLIC_WELFARE_INSTITUTION = "welfare_institution", _("公益二类事业单位")
    BUSINESS_INSTITUTION = "business_institution", _("生产经营类事业单位")
    ENTERPRISE = "enterprise", _("企业")
    OTHER = "other", _("其他")


class ProviderStatus(models.TextChoices):
    ACTIVE = "active", _("正常")
    SUSPENDED = "suspended", _("暂停承接")
    EXITED = "exited", _("已退出")


class Grade(models.TextChoices):
    EXCELLENT = "excellent", _("优秀")
    GOOD = "good", _("良好")
    PASS = "pass", _("合格")
    FAIL = "fail", _("不合格")


# Best first; used for sorting by grade (ungraded providers last).
GRADE_RANK = {Grade.EXCELLENT: 4, Grade.GOOD: 3, Grade.PASS: 2, Grade.FAIL: 1}


def type_from_credit_code(code):
    """The likely provider type from the credit code's authority and type characters."""
    if code[:1] == "5":
        return ProviderType.SOCIAL_ORGANISATION
    if code[:1] == "9":
        return ProviderType.ENTERPRISE
    return ProviderType.OTHER
