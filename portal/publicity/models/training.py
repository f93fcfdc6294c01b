"""Training courses for social assistance staff (the policy asks for yearly training)."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
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

from ..blocks import TRAINING_BLOCKS
from .common import PlacedPageForm, RegionPlacementMixin


class TrainingMode(models.TextChoices):
    OFFLINE = "offline", _("线下集中")
    ONLINE = "online", _("线上")
    BLENDED = "blended", _("线上线下结合")


class TrainingCoursePage(RegionPlacementMixin, SegmentedSearchMixin, CachedViewRestrictionsMixin, Page):
    """A training course for social assistance staff: when, where or online, for whom, the
    timetable, the materials and the policy texts it teaches. Listed apart from public campaigns."""

    summary = models.CharField(_("简介"), max_length=300)
    region = models.ForeignKey(
        "reference.Region",
        verbose_name=_("举办地区"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="training_courses",
        help_text=_("留空则为所在地区栏目的地区"),
    )
    starts_at = models.DateTimeField(_("开始时间"), db_index=True)
    ends_at = models.DateTimeField(_("结束时间"))
    mode = models.CharField(_("形式"), max_length=16, choices=TrainingMode.choices, default=TrainingMode.OFFLINE)
    location = models.CharField(_("地点"), max_length=200, blank=True)
    online_access = models.CharField(
        _("线上参加方式"), max_length=200, blank=True, help_text=_("会议号、直播平台或链接")
    )
    organiser = models.CharField(_("主办单位"), max_length=120)
    participants = models.CharField(_("参训对象"), max_length=200, default="乡镇（街道）、县（市、区）社会救助经办人员")
    capacity = models.PositiveIntegerField(_("名额"), null=True, blank=True)
    service_items = ParentalManyToManyField(
        "reference.ServiceItem", verbose_name=_("涉及服务项目"), blank=True, related_name="training_courses"
    )
    body = StreamField(TRAINING_BLOCKS, verbose_name=_("课程内容"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldRowPanel([FieldPanel("mode"), FieldPanel("region")]),
                FieldPanel("location"),
                FieldPanel("online_access"),
                FieldRowPanel([FieldPanel("organiser"), FieldPanel("capacity")]),
                FieldPanel("participants"),
                FieldPanel("service_items", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("培训信息"),
        ),
        FieldPanel("body"),
    ]
    search_fields = (
        Page.search_fields
        + SegmentedSearchMixin.segmented_search_fields
        + [index.SearchField("summary"), index.FilterField("starts_at")]
    )
    base_form_class = PlacedPageForm
    parent_page_types = ["home.RegionSectionPage", "publicity.CampaignIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("培训课程")
        verbose_name_plural = _("培训课程")

    def clean(self):
        super().clean()
        self.clean_dates(self.starts_at, self.ends_at, "starts_at", "ends_at")
        errors = {}
        if self.mode in (TrainingMode.OFFLINE, TrainingMode.BLENDED) and not self.location.strip():
            errors["location"] = _("线下培训请填写地点。")
        if self.mode in (TrainingMode.ONLINE, TrainingMode.BLENDED) and not self.online_access.strip():
            errors["online_access"] = _("线上培训请填写参加方式。")
        if errors:
            raise ValidationError(errors)
        self.clean_region()

    @property
    def year(self):
        return timezone.localtime(self.starts_at).year if self.starts_at else None

    @property
    def is_past(self):
        return self.ends_at is not None and self.ends_at < timezone.now()

    def segmented_search_texts(self):
        return [self.title, self.summary, self.organiser, strip_tags(str(self.body)), self.region_name()]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["trail"] = routed_trail(self, request)
        context["service_list"] = list(self.service_items.all())
        return context
