"""Applications from organisations that want to be listed, reviewed by editors in the admin."""

import secrets

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.core.storage import private_storage as core_private_storage

from .choices import ProviderType

REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def private_storage():
    """Uploaded application documents are never served directly, only through the admin
    (portal.core.storage: PRIVATE_MEDIA_ROOT/provider-applications)."""
    return core_private_storage("provider-applications")


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("已提交")
    UNDER_REVIEW = "under_review", _("审核中")
    APPROVED = "approved", _("已通过")
    RETURNED = "returned", _("退回补正")
    REJECTED = "rejected", _("不予通过")


# Which decisions an editor may take from each state.
TRANSITIONS = {
    ApplicationStatus.SUBMITTED: [
        ApplicationStatus.UNDER_REVIEW,
        ApplicationStatus.RETURNED,
        ApplicationStatus.REJECTED,
    ],
    ApplicationStatus.UNDER_REVIEW: [
        ApplicationStatus.APPROVED,
        ApplicationStatus.RETURNED,
        ApplicationStatus.REJECTED,
    ],
    ApplicationStatus.RETURNED: [],
    ApplicationStatus.APPROVED: [],
    ApplicationStatus.REJECTED: [],
}
OPEN_STATES = [ApplicationStatus.SUBMITTED, ApplicationStatus.UNDER_REVIEW]


class ProviderApplication(models.Model):
    """An organisation's request to be listed in the register, with its documents; the applicant
    follows it with the reference number and access code."""

    reference = models.CharField(_("申请编号"), max_length=20, unique=True, editable=False)
    access_code_hash = models.CharField(max_length=128, editable=False)
    status = models.CharField(
        _("办理状态"), max_length=16, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED
    )
    name = models.CharField(_("机构名称"), max_length=120)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, db_index=True)
    provider_type = models.CharField(_("主体类型"), max_length=24, choices=ProviderType.choices)
    registration_authority = models.CharField(_("登记机关"), max_length=120)
    registered_on = models.DateField(_("登记日期"))
    address = models.CharField(_("住所"), max_length=200)
    region = models.ForeignKey(
        "reference.Region", verbose_name=_("所在地区"), on_delete=models.PROTECT, related_name="+"
    )
    service_items = models.ManyToManyField("reference.ServiceItem", verbose_name=_("服务项目"), related_name="+")
    description = models.TextField(_("机构简介"), blank=True)
    staff_count = models.PositiveIntegerField(_("从业人员数"))
    social_worker_count = models.PositiveIntegerField(_("持证社工数"))
    facilities = models.TextField(_("服务设施"), blank=True)
    governance_attested = models.BooleanField(_("承诺具有健全的内部治理结构"), default=False)
    finance_attested = models.BooleanField(_("承诺具有健全的财务会计和资产管理制度"), default=False)
    contact_name = models.CharField(_("联系人"), max_length=40)
    contact_phone = models.CharField(_("联系电话"), max_length=40)
    contact_email = models.EmailField(_("联系邮箱"), blank=True)
    public_phone = models.CharField(_("对外公开电话"), max_length=40, blank=True)
    review_note = models.TextField(_("审核意见"), blank=True)
    provider = models.ForeignKey(
        "providers.Provider",
        verbose_name=_("名录记录"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
    )
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now)
    decided_at = models.DateTimeField(_("办结时间"), null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("入库申请")
        verbose_name_plural = _("入库申请")

    def __str__(self):
        return f"{self.reference} {self.name}"

    @staticmethod
    def new_reference(today=None):
        today = today or timezone.localdate()
        suffix = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))
        return f"SQ{today:%Y%m%d}{suffix}"

    @staticmethod
    def new_access_code():
        return "".join(secrets.choice("0123456789") for _ in range(8))

    def set_access_code(self, code):
        self.access_code_hash = make_password(code)

    def check_access_code(self, code):
        return bool(code) and check_password(code, self.access_code_hash)

    def get_tracking_url(self):
        return reverse("providers:application_track")

    @property
    def is_open(self):
        return self.status in OPEN_STATES

    def allowed_transitions(self):
        return TRANSITIONS.get(ApplicationStatus(self.status), [])


class ApplicationDocument(models.Model):
    """A document uploaded with an application (PDF, JPEG or PNG), stored privately."""

    class Kind(models.TextChoices):
        REGISTRATION = "registration", _("登记证书或营业执照")
        GOVERNANCE = "governance", _("章程及内部治理制度")
        FINANCE = "finance", _("财务会计和资产管理制度")
        FINANCIAL_REPORT = "financial_report", _("上一年度财务报告")
        OTHER = "other", _("其他材料")

    application = models.ForeignKey(ProviderApplication, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("材料类型"), max_length=20, choices=Kind.choices)
    file = models.FileField(_("文件"), upload_to="%Y/%m/", storage=private_storage)
    original_name = models.CharField(_("原文件名"), max_length=200)
    content_type = models.CharField(_("文件类型"), max_length=40)
    size = models.PositiveIntegerField(_("大小（字节）"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("申请材料")
        verbose_name_plural = _("申请材料")

    def __str__(self):
        return f"{self.get_kind_display()}：{self.original_name}"


class ApplicationEvent(models.Model):
    """A step in an application's history, shown to the applicant on the tracking page."""

    application = models.ForeignKey(ProviderApplication, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(_("办理状态"), max_length=16, choices=ApplicationStatus.choices)
    note = models.TextField(_("说明"), blank=True)
    at = models.DateTimeField(_("时间"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("办理记录")
        verbose_name_plural = _("办理记录")

    def __str__(self):
        return f"{self.application.reference} {self.get_status_display()}"
