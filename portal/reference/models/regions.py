"""Reference registers that every notice, provider, evaluation and complaint is tagged with."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from .. import codes


class RegionQuerySet(models.QuerySet):
    def cities(self):
        return self.filter(level=Region.Level.CITY)

    def counties(self):
        return self.filter(level=Region.Level.COUNTY)

    def townships(self):
        return self.filter(level=Region.Level.TOWNSHIP)

    def within(self, region):
        """The region and everything below it (codes share the ancestor's significant prefix)."""
        return self.filter(code__startswith=region.code_prefix)

    def options(self, full_names=False):
        """[(code, label)] in the queryset's order, read as values (no model instances: a select
        listing every city and county is drawn on each listing page). The label is the name, or
        with `full_names` the region's `full_name` (杭州市西湖区)."""
        if not full_names:
            return list(self.values_list("code", "name"))
        rows = self.values_list(
            "code", "name", "parent__name", "parent__level", "parent__parent__name", "parent__parent__level"
        )
        province = Region.Level.PROVINCE
        return [
            (code, "".join(n for n, lv in ((gp, gp_level), (p, p_level)) if n and lv > province) + name)
            for code, name, p, p_level, gp, gp_level in rows
        ]


class Region(index.Indexed, models.Model):
    """An administrative division (GB/T 2260 code for province, city and county; the 9-digit
    statistical code for townships and streets). Loaded from a maintained data package."""

    class Level(models.IntegerChoices):
        PROVINCE = 1, _("省")
        CITY = 2, _("市")
        COUNTY = 3, _("县（市、区）")
        TOWNSHIP = 4, _("乡镇（街道）")

    code = models.CharField(_("区划代码"), max_length=12, unique=True)
    name = models.CharField(_("名称"), max_length=64)
    level = models.PositiveSmallIntegerField(_("层级"), choices=Level.choices, db_index=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("上级"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    objects = RegionQuerySet.as_manager()

    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.FilterField("level")]

    class Meta:
        ordering = ["code"]
        verbose_name = _("行政区划")
        verbose_name_plural = _("行政区划")
        # The table keeps the name it had in the disclosures app (moved without copying data).
        db_table = "disclosures_region"

    def __str__(self):
        return self.name

    @property
    def code_prefix(self):
        """Significant prefix of the code: 33 for a province, 3301 for a city, 330106 for a county."""
        return codes.prefix(self.code)

    def ancestors(self):
        chain = []
        node = self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))

    @property
    def full_name(self):
        return "".join(r.name for r in self.ancestors()[1:]) + self.name if self.parent_id else self.name

    @property
    def city(self):
        if self.level == self.Level.CITY:
            return self
        for node in self.ancestors():
            if node.level == self.Level.CITY:
                return node
        return None

    @property
    def county(self):
        if self.level == self.Level.COUNTY:
            return self
        for node in self.ancestors():
            if node.level == self.Level.COUNTY:
                return node
        return None


class ServiceItem(models.Model):
    """One item of the policy annex's guiding catalogue of purchasable social assistance services.
    Only province administrators may extend it; notices, providers and evaluations are tagged only
    with items from it."""

    class Category(models.TextChoices):
        AFFAIRS = "affairs", _("事务性工作")
        SERVICE = "service", _("服务性工作")

    class Funding(models.TextChoices):
        WORKING_BUDGET = "working_budget", _("社会救助工作经费")
        SPECIAL_FUND = "special_fund", _("社会救助专项资金")
        LOTTERY = "lottery", _("福利彩票公益金")

    name = models.CharField(_("服务项目"), max_length=64, unique=True)
    category = models.CharField(_("类别"), max_length=16, choices=Category.choices)
    served_groups = models.CharField(_("服务对象"), max_length=128)
    description = models.TextField(_("说明"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)
    in_policy_annex = models.BooleanField(
        _("政策附件所列"), default=False, help_text=_("由浙民助〔2018〕117号附件列明的项目")
    )

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("服务项目")
        verbose_name_plural = _("服务目录")
        # The table keeps the name it had in the disclosures app (moved without copying data).
        db_table = "disclosures_serviceitem"

    def __str__(self):
        return self.name

    @property
    def default_funding(self):
        """The policy funds 事务性 work from the working budget and 服务性 work from the special fund."""
        if self.category == self.Category.AFFAIRS:
            return self.Funding.WORKING_BUDGET
        return self.Funding.SPECIAL_FUND
