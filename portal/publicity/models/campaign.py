"""Outreach campaign pages."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.core.pages import CachedViewRestrictionsMixin
from portal.home.models import routed_trail
from portal.search.indexing import SegmentedSearchMixin

from ..blocks import CAMPAIGN_BLOCKS
from .common import Audience, PlacedPageForm, RegionPlacementMixin


class CampaignPage(RegionPlacementMixin, SegmentedSearchMixin, CachedViewRestrictionsMixin, Page):
    """A policy outreach campaign for one audience in one region over a period, through several
    channels, about some of the catalogue's service items. Printable as a leaflet and a poster."""

    summary = models.CharField(_("摘要"), max_length=300, help_text=_("一两句话说明本次宣传的内容，印在传单和海报上"))
    audience = models.CharField(_("宣传对象"), max_length=16, choices=Audience.choices, db_index=True)
    region = models.ForeignKey(
        "reference.Region",
        verbose_name=_("所属地区"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="campaigns",
        help_text=_("留空则为所在地区栏目的地区"),
    )
    start_date = models.DateField(_("开始日期"), db_index=True)
    end_date = models.DateField(_("结束日期"), null=True, blank=True)
    channels = ParentalManyToManyField("publicity.Channel", verbose_name=_("宣传渠道"), blank=True)
    service_items = ParentalManyToManyField(
        "reference.ServiceItem", verbose_name=_("涉及服务项目"), blank=True, related_name="campaigns"
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("封面图片"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cover_alt = models.CharField(_("封面替代文字"), max_length=200, blank=True)
    body = StreamField(CAMPAIGN_BLOCKS, verbose_name=_("正文"), blank=True)
    # Derived from the materials blocks of the body on every clean (so it travels with revisions and
    # becomes live on publish); lets a material list the campaigns that use it.
    materials = ParentalManyToManyField("publicity.MaterialPage", blank=True, related_name="campaigns", editable=False)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("audience"), FieldPanel("region")]),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("channels", widget=forms.CheckboxSelectMultiple),
                FieldPanel("service_items", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("宣传信息"),
        ),
        MultiFieldPanel([FieldPanel("cover_image"), FieldPanel("cover_alt")], heading=_("封面")),
        FieldPanel("body"),
    ]
    search_fields = (
        Page.search_fields
        + SegmentedSearchMixin.segmented_search_fields
        + [index.SearchField("summary"), index.FilterField("audience"), index.FilterField("start_date")]
    )
    base_form_class = PlacedPageForm
    parent_page_types = ["home.RegionSectionPage", "publicity.CampaignIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("宣传活动")
        verbose_name_plural = _("宣传活动")

    def clean(self):
        super().clean()
        self.clean_dates(self.start_date, self.end_date, "start_date", "end_date")
        if self.cover_image_id and not self.cover_alt.strip():
            raise ValidationError({"cover_alt": _("请填写封面图片的替代文字。")})
        self.clean_region()
        self.sync_materials()

    def save(self, *args, **kwargs):
        # Drafts are saved with Wagtail's minimal clean only; derive the relation here too (a save
        # with update_fields, such as a draft revision of a live page, leaves it alone).
        if kwargs.get("update_fields") is None:
            self.sync_materials()
        return super().save(*args, **kwargs)

    def sync_materials(self):
        from .material import MaterialPage

        ids = self.material_ids()
        self.materials = list(MaterialPage.objects.filter(pk__in=ids)) if ids else []

    def material_ids(self):
        ids = []
        for block in self.body or []:
            if block.block_type == "materials":
                ids.extend(getattr(page, "pk", page) for page in block.value["materials"] if page is not None)
        return list(dict.fromkeys(ids))

    STATUS_LABELS = {"upcoming": _("未开始"), "ongoing": _("进行中"), "ended": _("已结束")}

    def status_on(self, day):
        """ "upcoming", "ongoing" or "ended" on `day` (the end date is the campaign's last day; a
        campaign without an end date goes on)."""
        if self.start_date and self.start_date > day:
            return "upcoming"
        if self.end_date and self.end_date < day:
            return "ended"
        return "ongoing"

    @property
    def status(self):
        """The campaign's status today (shown in lists and on the page: 已结束, 进行中, 未开始)."""
        return self.status_on(timezone.localdate())

    @property
    def status_label(self):
        return self.STATUS_LABELS[self.status]

    @property
    def year(self):
        return self.start_date.year if self.start_date else None

    def key_facts(self):
        """All facts of the body's key-facts blocks, in order: what the printables show."""
        facts = []
        for block in self.body or []:
            if block.block_type == "key_facts":
                facts.extend(block.value["facts"])
        return facts

    def steps(self):
        for block in self.body or []:
            if block.block_type == "steps":
                return block.value
        return None

    def printable_url(self, kind):
        return reverse("publicity:printable", kwargs={"pk": self.pk, "kind": kind})

    @property
    def printable_url_leaflet(self):
        return self.printable_url("leaflet")

    @property
    def printable_url_poster(self):
        return self.printable_url("poster")

    def segmented_search_texts(self):
        return [self.title, self.summary, self.search_description, strip_tags(str(self.body)), self.region_name()]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["trail"] = routed_trail(self, request)
        context["channel_list"] = list(self.channels.all())
        context["service_list"] = list(self.service_items.all())
        return context
