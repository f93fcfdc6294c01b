"""The provider register (承接主体名录): one record per organisation, keyed by its credit code."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.reference import credit_code as cc
from portal.search.segment import index_text

from .choices import Grade, ProviderStatus, ProviderType


class ProviderQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=ProviderStatus.ACTIVE)

    def verified(self):
        return self.filter(verified=True)

    def for_listing(self):
        """What a directory row shows, in a bounded number of queries."""
        return self.select_related("region__parent__parent").prefetch_related("service_items")


class Provider(models.Model):
    """A social force (社会组织, public institution, enterprise...) that may undertake purchased social
    assistance services; shown publicly in the directory with its status history."""

    name = models.CharField(_("机构名称"), max_length=120)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, unique=True, validators=[])
    provider_type = models.CharField(_("主体类型"), max_length=24, choices=ProviderType.choices, db_index=True)
    registration_authority = models.CharField(_("登记机关"), max_length=120, blank=True)
    registered_on = models.DateField(_("登记日期"), null=True, blank=True, db_index=True)
    address = models.CharField(_("住所"), max_length=200, blank=True)
    region = models.ForeignKey(
        "reference.Region", verbose_name=_("所在地区"), on_delete=models.PROTECT, related_name="providers"
    )
    service_regions = models.ManyToManyField(
        "reference.Region", verbose_name=_("服务地区"), blank=True, related_name="served_by_providers"
    )
    service_items = models.ManyToManyField(
        "reference.ServiceItem", verbose_name=_("服务项目"), blank=True, related_name="providers"
    )
    description = models.TextField(_("机构简介"), blank=True)
    staff_count = models.PositiveIntegerField(_("从业人员数"), default=0)
    social_worker_count = models.PositiveIntegerField(_("持证社工数"), default=0)
    facilities = models.TextField(_("服务设施"), blank=True)
    governance_attested = models.BooleanField(_("具有健全的内部治理结构"), default=False)
    finance_attested = models.BooleanField(_("具有健全的财务会计和资产管理制度"), default=False)
    attestation_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("治理与财务制度证明材料"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_phone = models.CharField(_("对外联系电话"), max_length=40, blank=True)
    contact_email = models.EmailField(_("对外联系邮箱"), blank=True)
    website = models.URLField(_("网站"), blank=True)
    verified = models.BooleanField(_("已核验"), default=False, db_index=True)
    verified_on = models.DateField(_("核验日期"), null=True, blank=True)
    status = models.CharField(
        _("状态"), max_length=16, choices=ProviderStatus.choices, default=ProviderStatus.ACTIVE, db_index=True
    )
    status_since = models.DateField(_("状态起始日期"), null=True, blank=True)
    latest_grade = models.CharField(
        _("最近评价等次"), max_length=16, choices=Grade.choices, null=True, blank=True, db_index=True
    )
    latest_grade_date = models.DateField(_("最近评价日期"), null=True, blank=True)
    search_text = models.TextField(_("检索文本"), blank=True, editable=False)
    created_at = models.DateTimeField(_("收录时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = ProviderQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        # The directory's default order (by name) reads its first page from this index instead of
        # sorting every provider.
        indexes = [models.Index(fields=["name", "id"], name="providers_name_id_idx")]
        verbose_name = _("承接主体")
        verbose_name_plural = _("承接主体")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.credit_code = cc.normalise(self.credit_code)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("providers:detail", args=[self.credit_code])

    def clean(self):
        from django.core.exceptions import ValidationError

        self.credit_code = cc.normalise(self.credit_code)
        errors = cc.validation_errors(self.credit_code)
        if errors:
            raise ValidationError({"credit_code": errors})

    @property
    def code_info(self):
        """Authority, organisation type and region read from the credit code."""
        return cc.inspect(self.credit_code)

    @property
    def in_force_status(self):
        return self.status != ProviderStatus.ACTIVE

    def build_search_text(self, service_item_names=None, region_name=None):
        """Segmented text over names, services and descriptions, and the name unsegmented, so that
        any part of the name is found (see portal.search.segment)."""
        if service_item_names is None:
            service_item_names = [s.name for s in self.service_items.all()] if self.pk else []
        return index_text(
            self.name, " ".join(service_item_names), self.description, region_name or "", whole=[self.name]
        )

    def refresh_search_text(self, save=True):
        region_name = self.region.full_name if self.region_id else ""
        self.search_text = self.build_search_text(region_name=region_name)
        if save:
            type(self).objects.filter(pk=self.pk).update(search_text=self.search_text)


class ProviderFinancialReport(models.Model):
    """An annual financial report a provider submitted (the policy asks providers to report their
    finances); listed publicly on the profile."""

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="financial_reports")
    year = models.PositiveSmallIntegerField(_("年度"))
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("报告文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    summary = models.CharField(_("摘要"), max_length=200, blank=True)

    class Meta:
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["provider", "year"], name="providers_report_year")]
        verbose_name = _("年度财务报告")
        verbose_name_plural = _("年度财务报告")

    def __str__(self):
        return f"{self.provider} {self.year}"
