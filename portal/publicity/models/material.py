"""Outreach materials: posters, leaflets, slide decks and videos, each with its own page."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index

from portal.core.pages import CachedViewRestrictionsMixin, exclude_restricted
from portal.home.models import routed_trail
from portal.search.indexing import SegmentedSearchMixin

from ..blocks import VIDEO_EXTENSIONS
from .common import Audience, PlacedPageForm, RegionPlacementMixin


class MaterialKind(models.TextChoices):
    POSTER = "poster", _("海报")
    LEAFLET = "leaflet", _("宣传单")
    SLIDES = "slides", _("课件")
    VIDEO = "video", _("视频")


class MaterialPage(RegionPlacementMixin, SegmentedSearchMixin, CachedViewRestrictionsMixin, Page):
    """One outreach material in the materials library. Campaigns and courses link to it from their
    materials blocks; its page lists the live campaigns that use it."""

    kind = models.CharField(_("类型"), max_length=16, choices=MaterialKind.choices, db_index=True)
    summary = models.CharField(_("简介"), max_length=300)
    audience = models.CharField(_("适用对象"), max_length=16, choices=Audience.choices, db_index=True)
    region = models.ForeignKey(
        "reference.Region",
        verbose_name=_("所属地区"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="publicity_materials",
        help_text=_("留空则为所在地区栏目的地区"),
    )
    issued_on = models.DateField(_("制作日期"), db_index=True)
    service_items = ParentalManyToManyField(
        "reference.ServiceItem", verbose_name=_("涉及服务项目"), blank=True, related_name="publicity_materials"
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("海报、宣传单、课件的 PDF 等文件；视频为 MP4 或 WebM 文件"),
    )
    captions = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("字幕文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("视频的 WebVTT（.vtt）字幕"),
    )
    preview_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("预览图"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    preview_alt = models.CharField(_("预览图替代文字"), max_length=200, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind"), FieldPanel("audience")]),
                FieldRowPanel([FieldPanel("region"), FieldPanel("issued_on")]),
                FieldPanel("service_items", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("资料信息"),
        ),
        MultiFieldPanel([FieldPanel("document"), FieldPanel("captions")], heading=_("文件")),
        MultiFieldPanel([FieldPanel("preview_image"), FieldPanel("preview_alt")], heading=_("预览图")),
    ]
    search_fields = (
        Page.search_fields
        + SegmentedSearchMixin.segmented_search_fields
        + [index.SearchField("summary"), index.FilterField("kind")]
    )
    base_form_class = PlacedPageForm
    parent_page_types = ["home.RegionSectionPage", "publicity.CampaignIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("宣传资料")
        verbose_name_plural = _("宣传资料")

    def clean(self):
        super().clean()
        errors = {}
        if self.document_id is None:
            errors["document"] = _("请上传资料文件。")
        elif self.kind == MaterialKind.VIDEO:
            if self.document.file_extension.lower() not in VIDEO_EXTENSIONS:
                errors["document"] = _("视频文件须为 MP4 或 WebM 格式。")
            if self.captions_id is None:
                errors["captions"] = _("视频须配有字幕文件。")
        if self.captions_id and self.captions.file_extension.lower() != "vtt":
            errors["captions"] = _("字幕文件须为 WebVTT（.vtt）格式。")
        if self.preview_image_id and not self.preview_alt.strip():
            errors["preview_alt"] = _("请填写预览图的替代文字。")
        if errors:
            raise ValidationError(errors)
        self.clean_region()

    @property
    def year(self):
        return self.issued_on.year if self.issued_on else None

    @property
    def video_type(self):
        if self.kind == MaterialKind.VIDEO and self.document_id:
            return VIDEO_EXTENSIONS.get(self.document.file_extension.lower())
        return None

    def segmented_search_texts(self):
        return [self.title, self.summary, self.search_description, self.region_name()]

    def get_context(self, request, *args, **kwargs):
        from .campaign import CampaignPage

        context = super().get_context(request, *args, **kwargs)
        context["trail"] = routed_trail(self, request)
        context["campaign_list"] = (
            exclude_restricted(CampaignPage.objects.live().filter(materials=self))
            .select_related("region")
            .order_by("-start_date")
        )
        context["service_list"] = list(self.service_items.all())
        return context
