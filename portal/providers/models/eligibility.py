"""Published eligibility criteria for providers: the policy's general conditions plus local
additional conditions per region and service category, each version with its effective dates."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Requirement(models.TextChoices):
    """What the self-check tests for a criterion (the criterion text says it in words)."""

    PROVIDER_TYPE = "provider_type", _("主体类型属于政策所列社会力量")
    CIVIL_LIABILITY = "civil_liability", _("能够独立承担民事责任")
    FACILITIES = "facilities", _("具备提供服务所必需的设施")
    STAFF_MIN = "staff_min", _("从业人员不少于规定人数")
    SOCIAL_WORKERS_MIN = "social_workers_min", _("持证社工不少于规定人数")
    GOVERNANCE = "governance", _("具有健全的内部治理结构")
    FINANCE = "finance", _("具有健全的财务会计和资产管理制度")
    GOOD_STANDING = "good_standing", _("未被暂停承接或退出")
    YEARS_MIN = "years_min", _("登记成立满规定年限")
    FINANCIAL_REPORT = "financial_report", _("按规定报送上一年度财务报告")
    LOCAL_PRESENCE = "local_presence", _("在本地区登记或设有服务场所")


THRESHOLD_REQUIREMENTS = {Requirement.STAFF_MIN, Requirement.SOCIAL_WORKERS_MIN, Requirement.YEARS_MIN}


class CriterionQuerySet(models.QuerySet):
    def in_force(self, on_date):
        return self.filter(effective_from__lte=on_date).filter(
            Q(effective_to__isnull=True) | Q(effective_to__gte=on_date)
        )

    def applicable(self, on_date, region=None, categories=None):
        """General criteria plus local ones for `region` (or any region above it) and the given
        service categories (a local criterion without a category applies to all)."""
        qs = self.in_force(on_date)
        scope = Q(region__isnull=True)
        if region is not None:
            codes = [r.code for r in region.ancestors()] + [region.code]
            local = Q(region__code__in=codes)
            if categories:
                local &= Q(service_category="") | Q(service_category__in=list(categories))
            else:
                local &= Q(service_category="")
            scope |= local
        return qs.filter(scope)


class EligibilityCriterion(models.Model):
    """One condition a provider must meet, in one version. General conditions (no region) come from
    the policy; local ones are published by a city or county for a service category."""

    class Category(models.TextChoices):
        AFFAIRS = "affairs", _("事务性工作")
        SERVICE = "service", _("服务性工作")

    code = models.CharField(_("条件编号"), max_length=20, help_text=_("例如 G-1（一般条件）或 L-330106-1（本地条件）"))
    version = models.PositiveSmallIntegerField(_("版本"), default=1)
    title = models.CharField(_("条件"), max_length=120)
    text = models.TextField(_("条件内容"))
    source = models.CharField(_("依据"), max_length=200)
    region = models.ForeignKey(
        "reference.Region",
        verbose_name=_("适用地区"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("留空为全省一般条件"),
    )
    service_category = models.CharField(
        _("服务类别"), max_length=16, choices=Category.choices, blank=True, help_text=_("留空适用于全部服务类别")
    )
    requirement = models.CharField(_("核验方式"), max_length=24, choices=Requirement.choices)
    threshold = models.PositiveIntegerField(_("数量要求"), null=True, blank=True)
    effective_from = models.DateField(_("生效日期"))
    effective_to = models.DateField(_("失效日期"), null=True, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    objects = CriterionQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "code", "-version"]
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="providers_criterion_version")]
        verbose_name = _("资格条件")
        verbose_name_plural = _("资格条件")

    def __str__(self):
        return f"{self.code} v{self.version} {self.title}"

    @property
    def is_general(self):
        return self.region_id is None

    @property
    def citation(self):
        return f"{self.code}（第{self.version}版）{self.title}"

    def clean(self):
        errors = {}
        if self.requirement in THRESHOLD_REQUIREMENTS and not self.threshold:
            errors["threshold"] = _("该核验方式需要填写数量要求。")
        if self.effective_to and self.effective_from and self.effective_to < self.effective_from:
            errors["effective_to"] = _("失效日期不能早于生效日期。")
        if self.requirement == Requirement.LOCAL_PRESENCE and not self.region_id:
            errors["region"] = _("“本地登记或设有服务场所”只适用于本地条件。")
        if errors:
            raise ValidationError(errors)
