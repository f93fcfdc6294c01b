"""Choices, the channel register and placement rules shared by the publicity page types."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from portal.home.models import RegionSectionPage
from portal.reference.models import Region


class Audience(models.TextChoices):
    STAFF = "staff", _("社会救助经办人员")
    PEOPLE = "people", _("困难群众")
    SOCIAL_FORCES = "social", _("社会力量")
    PUBLIC = "public", _("公众")


class Channel(models.Model):
    """An outreach channel a campaign uses (newspaper, radio, TV, WeChat, home visits…). Kept as data
    so that province administrators can add channels without a code change."""

    name = models.CharField(_("名称"), max_length=40, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("宣传渠道")
        verbose_name_plural = _("宣传渠道")

    def __str__(self):
        return self.name


def province_region():
    return Region.objects.filter(level=Region.Level.PROVINCE).order_by("code").first()


def placement_region(parent):
    """The region a page placed under `parent` belongs to: the folder's region, or the province for
    pages directly under the publicity index. None when `parent` is not a publicity location."""

    from .index import CampaignIndexPage

    if parent is None:
        return None
    parent = parent.specific_deferred
    if isinstance(parent, RegionSectionPage):
        return parent.region
    if isinstance(parent, CampaignIndexPage):
        return province_region()
    return None


def in_publicity_section(parent):
    """Whether `parent` is the publicity index or one of its region folders. Region folders exist
    under every section; publicity pages belong only in the publicity section's."""
    from .index import CampaignIndexPage

    return CampaignIndexPage.objects.ancestor_of(parent, inclusive=True).exists()


def check_region(region, parent):
    """The page's region must lie within the region of the folder it is placed in, so that an
    editor cannot publish for another region by picking it in the form."""
    folder_region = placement_region(parent)
    if folder_region is None or region is None:
        return
    if not region.code.startswith(folder_region.code_prefix):
        raise ValidationError({"region": _("所属地区须在“%(folder)s”范围内。") % {"folder": folder_region.full_name}})


class PlacedPageForm(WagtailAdminPageForm):
    """Admin form of publicity pages: the region defaults to the folder's and must lie within it."""

    def clean(self):
        cleaned = super().clean()
        parent = self.parent_page
        if parent is None or "region" not in self.fields:
            return cleaned
        if cleaned.get("region") is None:
            cleaned["region"] = placement_region(parent)
        try:
            check_region(cleaned.get("region"), parent)
        except ValidationError as error:
            self.add_error("region", error.message_dict["region"])
        return cleaned


class RegionPlacementMixin:
    """Pages of this app live in the region folders of the publicity section (or directly under its
    index for province-wide content); their region defaults to, and must lie within, the folder's."""

    @classmethod
    def can_create_at(cls, parent):
        return super().can_create_at(parent) and in_publicity_section(parent)

    def save(self, *args, **kwargs):
        # Drafts get only Wagtail's minimal clean on save: still give them their folder's region.
        if self.region_id is None and self.path and kwargs.get("update_fields") is None:
            self.region = placement_region(self.get_parent())
        return super().save(*args, **kwargs)

    def region_name(self):
        """The full name of the page's region (site search indexes it)."""
        return self.region.full_name if self.region_id else ""

    def clean_region(self, parent=None):
        if parent is None and self.path and self.depth and self.depth > 1:
            parent = self.get_parent()
        if parent is None:
            return
        if self.region_id is None:
            self.region = placement_region(parent)
        check_region(self.region, parent)

    def clean_dates(self, start, end, start_name, end_name):
        if start and end and end < start:
            raise ValidationError({end_name: _("结束时间不能早于开始时间。")})
