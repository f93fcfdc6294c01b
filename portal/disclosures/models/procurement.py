"""Procurement projects (the spine of the lifecycle) and the disclosures section index page."""

import datetime as dt

from django import forms
from django.conf import settings
from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, TitleFieldPanel
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from portal.core.forms import ChoicePromptMixin
from portal.core.pages import CachedViewRestrictionsMixin, exclude_restricted
from portal.home.models import SectionPage
from portal.reference.models import Region, ServiceItem
from portal.search.indexing import SegmentedSearchMixin

from .. import numbering
from ..widgets import RegionChooserWidget, grouped_region_choices

DEFAULT_OCID_PREFIX = "ocds-zjmz17"


def ocid_prefix():
    return getattr(settings, "OCDS_OCID_PREFIX", DEFAULT_OCID_PREFIX)


class Method(models.TextChoices):
    OPEN = "open_tender", _("公开招标")
    INVITED = "invited_tender", _("邀请招标")
    NEGOTIATION = "negotiation", _("竞争性谈判")
    CONSULTATION = "consultation", _("竞争性磋商")
    INQUIRY = "inquiry", _("询价")
    SINGLE_SOURCE = "single_source", _("单一来源")


# The rule that sets the minimum response period of a tender-stage notice, by method.
BID_RULE = {
    Method.OPEN: "open_tender_bid",
    Method.INVITED: "invited_tender_bid",
    Method.CONSULTATION: "consultation_response",
    Method.NEGOTIATION: "negotiation_response",
    Method.INQUIRY: "inquiry_response",
}

# The title of the call for bids, by method.
TENDER_TITLE = {
    Method.OPEN: _("招标公告"),
    Method.INVITED: _("招标公告"),
    Method.NEGOTIATION: _("竞争性谈判公告"),
    Method.CONSULTATION: _("竞争性磋商公告"),
    Method.INQUIRY: _("询价公告"),
    Method.SINGLE_SOURCE: _("单一来源采购公示"),
}


class Stage(models.TextChoices):
    PLANNING = "planning", _("采购意向")
    OPEN = "open", _("正在招标")
    EVALUATING = "evaluating", _("评审中")
    AWARDED = "awarded", _("已定标")
    CONTRACTED = "contracted", _("已签约")
    TERMINATED = "terminated", _("已终止")


def stage_expression(prefix="", today=None):
    """A SQL CASE giving each project's stage (on `prefix`, e.g. "project__") as of `today`; used to
    filter and count notices by stage in one query."""
    today = today or timezone.localdate()
    start_of_today = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    p = prefix
    return Case(
        When(Q(**{f"{p}terminated_on__isnull": False}), then=Value(Stage.TERMINATED)),
        When(Q(**{f"{p}contracted_on__isnull": False}), then=Value(Stage.CONTRACTED)),
        When(Q(**{f"{p}awarded_on__isnull": False}), then=Value(Stage.AWARDED)),
        When(Q(**{f"{p}bid_deadline__gte": start_of_today}), then=Value(Stage.OPEN)),
        When(Q(**{f"{p}bid_deadline__isnull": False}), then=Value(Stage.EVALUATING)),
        default=Value(Stage.PLANNING),
        output_field=models.CharField(),
    )


# The lifecycle state of a project, refreshed from its live notices (refresh_lifecycle).
LIFECYCLE_FIELDS = ("bid_deadline", "awarded_on", "contracted_on", "terminated_on", "accepted_on")


class NoticeIndexPage(SectionPage):
    """The procurement disclosures section (/disclosures/): region folders below it hold the
    projects; the public listing of notices is the view at /disclosures/notices/."""

    subpage_types = ["home.RegionSectionPage", "home.StandardPage"]
    max_count = 1
    template = "disclosures/notice_index_page.html"

    class Meta:
        verbose_name = _("采购公告栏目")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["open_projects"] = ProcurementProjectPage.objects.live().public().open_for_bids()[:10]
        return context


class ProjectPageForm(ChoicePromptMixin, WagtailAdminPageForm):
    """Admin form: the purchaser's region defaults to the region folder the project is created in
    and must lie within it, so that region permissions and the published region agree. Until the
    project is first published, its slug is the ASCII form of the project number (as the demo's:
    zj3301-2026-00001) unless the editor typed an ASCII slug."""

    class Media:
        css = {"all": ["disclosures/admin/editor.css"]}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        folder_region = self._folder_region()
        scope = Region.objects.within(folder_region) if folder_region is not None else Region.objects.all()
        scope = scope.select_related("parent__parent")
        if "region" in self.fields:
            field = self.fields["region"]
            field.queryset = scope
            field.choices = grouped_region_choices(scope)
            if folder_region is not None and not self.instance.region_id and not self.initial.get("region"):
                self.initial["region"] = folder_region.pk
        if "service_regions" in self.fields:
            # The regions of the folder, and any chosen earlier outside it (nothing is lost on save).
            chosen = [region.pk for region in self.instance.service_regions.all()] if self.instance.pk else []
            prefix = folder_region.code_prefix if folder_region is not None else ""
            field = self.fields["service_regions"]
            field.queryset = Region.objects.filter(Q(code__startswith=prefix) | Q(pk__in=chosen)).select_related(
                "parent"
            )
            field.help_text = _("可多选：勾选整个区县，或展开“街道、乡镇”勾选其中一部分。")
        if "slug" in self.fields and not self.instance.first_published_at:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = _("留空或含中文时按项目编号自动生成，如 zj3301-2026-00001。")

    def clean(self):
        cleaned = super().clean()
        slug = cleaned.get("slug") or ""
        number = cleaned.get("project_number")
        if not self.instance.first_published_at and not (slug and slug.isascii()):
            base = numbering.ascii_slug(number)
            if base:
                cleaned["slug"] = numbering.unique_child_slug(self.parent_page, base, exclude_pk=self.instance.pk)
            elif self.data.get("action-publish") or self.data.get("action-submit"):
                self.add_error("slug", _("请填写项目编号，或填写由字母、数字和连字符组成的网址别名。"))
        return cleaned

    def _folder_region(self):
        parent = self.parent_page.specific if self.parent_page is not None else None
        return getattr(parent, "region", None)


class ProjectQuerySet(PageQuerySet):
    def open_for_bids(self, today=None):
        return (
            self.annotate(stage_now=stage_expression(today=today)).filter(stage_now=Stage.OPEN).order_by("bid_deadline")
        )


class ProcurementProjectPage(SegmentedSearchMixin, CachedViewRestrictionsMixin, Page):
    """One procurement project: who buys which catalogue services, how, for how much. Its notices
    hang below it in order and its page shows the timeline and the next deadline."""

    project_number = models.CharField(_("项目编号"), max_length=64, unique=True)
    purchaser = models.CharField(_("采购人"), max_length=120)
    region = models.ForeignKey(
        Region, verbose_name=_("采购人所在地区"), on_delete=models.PROTECT, related_name="procurement_projects"
    )
    city = models.ForeignKey(
        Region, verbose_name=_("所在市"), on_delete=models.PROTECT, related_name="+", null=True, editable=False
    )
    agency = models.CharField(_("采购代理机构"), max_length=120, blank=True)
    method = models.CharField(_("采购方式"), max_length=20, choices=Method.choices)
    budget = models.DecimalField(_("预算金额（元）"), max_digits=14, decimal_places=2)
    funding_source = models.CharField(
        _("资金来源"),
        max_length=20,
        choices=ServiceItem.Funding.choices,
        blank=True,
        help_text=_("留空时按服务目录类别取默认来源：事务性工作为工作经费，服务性工作为专项资金。"),
    )
    service_items = ParentalManyToManyField(ServiceItem, verbose_name=_("服务项目"), related_name="projects")
    service_regions = ParentalManyToManyField(
        Region, verbose_name=_("服务区域"), related_name="served_by_projects", blank=True
    )
    service_start = models.DateField(_("服务期开始"), null=True, blank=True)
    service_end = models.DateField(_("服务期结束"), null=True, blank=True)
    contact_name = models.CharField(_("联系人"), max_length=40, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    summary = models.TextField(_("项目概况"), blank=True)
    takeover_plan = models.TextField(
        _("临时接管预案"),
        blank=True,
        help_text=_("承接主体暂停或退出时保障服务不中断的安排：接管单位、启动条件、衔接流程和联系方式。"),
    )

    # Lifecycle state, refreshed from the published notices (see refresh_lifecycle).
    bid_deadline = models.DateTimeField(_("投标（响应）截止时间"), null=True, editable=False)
    awarded_on = models.DateField(_("定标日期"), null=True, editable=False)
    contracted_on = models.DateField(_("签约日期"), null=True, editable=False)
    terminated_on = models.DateField(_("终止日期"), null=True, editable=False)
    accepted_on = models.DateField(_("验收日期"), null=True, editable=False)

    objects = PageManager.from_queryset(ProjectQuerySet)()
    base_form_class = ProjectPageForm

    content_panels = [
        TitleFieldPanel("title", targets=[]),  # the slug follows the project number, not the title
        MultiFieldPanel(
            [
                TitleFieldPanel("project_number", classname="", placeholder=False),
                FieldRowPanel([FieldPanel("purchaser"), FieldPanel("region", widget=forms.Select)]),
                FieldPanel("agency"),
                FieldRowPanel([FieldPanel("method"), FieldPanel("budget"), FieldPanel("funding_source")]),
            ],
            heading=_("项目信息"),
        ),
        FieldPanel("service_items", widget=forms.CheckboxSelectMultiple),
        FieldPanel("service_regions", widget=RegionChooserWidget),
        FieldRowPanel([FieldPanel("service_start"), FieldPanel("service_end")]),
        FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_phone")]),
        FieldPanel("summary"),
        FieldPanel("takeover_plan"),
    ]
    search_fields = (
        Page.search_fields
        + SegmentedSearchMixin.segmented_search_fields
        + [
            index.FilterField("method"),
            index.SearchField("project_number"),
        ]
    )
    parent_page_types = ["home.RegionSectionPage"]
    subpage_types = ["disclosures.NoticePage", "evaluations.EvaluationResultPage"]
    template = "disclosures/project_page.html"

    class Meta:
        verbose_name = _("采购项目")
        verbose_name_plural = _("采购项目")
        # The notice listing's budget and deadline sorts walk these indexes.
        indexes = [
            models.Index(fields=["budget"], name="disclosures_project_budget"),
            models.Index(fields=["bid_deadline"], name="disclosures_project_deadline"),
        ]

    @property
    def method_label(self):
        """The procurement method in words: the enum's label in one lookup (get_method_display()
        hashes every lazy choice label, translating each, on every call)."""
        return Method(self.method).label if self.method in Method.values else self.method

    def segmented_search_texts(self):
        return [
            self.title,
            self.purchaser,
            self.project_number,
            self.agency,
            self.get_method_display(),
            self.summary,
            self.region.full_name,
        ]

    @property
    def ocid(self):
        return f"{ocid_prefix()}-{self.project_number}"

    @property
    def funding(self):
        """The recorded funding source, or the catalogue default of the first service item."""
        if self.funding_source:
            return self.funding_source
        items = self.service_item_list()
        return items[0].default_funding if items else ""

    def service_item_list(self):
        """The project's catalogue items, read once per page instance."""
        if not hasattr(self, "_service_item_list"):
            self._service_item_list = list(self.service_items.all())
        return self._service_item_list

    def get_funding_display(self):
        return ServiceItem.Funding(self.funding).label if self.funding else ""

    def clean(self):
        super().clean()
        if self.service_start and self.service_end and self.service_end < self.service_start:
            from django.core.exceptions import ValidationError

            raise ValidationError({"service_end": _("服务期结束日期不能早于开始日期。")})

    def save(self, *args, **kwargs):
        if self.region_id:
            self.city = self.region.city
        super().save(*args, **kwargs)

    def stage(self, today=None):
        """The current stage as of `today`."""
        today = today or timezone.localdate()
        if self.terminated_on:
            return Stage.TERMINATED
        if self.contracted_on:
            return Stage.CONTRACTED
        if self.awarded_on:
            return Stage.AWARDED
        if self.bid_deadline:
            return Stage.OPEN if timezone.localdate(self.bid_deadline) >= today else Stage.EVALUATING
        return Stage.PLANNING

    def eligibility_scope(self):
        """(region, ServiceItem queryset) that a provider must serve to qualify for this project."""
        return self.region, self.service_items.all()

    def published_notices(self):
        """The project's live public notices in order, with documents; read once per instance."""

        from .notices import NoticePage

        if not hasattr(self, "_published_notices"):
            self._published_notices = list(
                exclude_restricted(NoticePage.objects.live())
                .filter(project=self)
                .order_by("published_on", "path")
                .prefetch_related("documents__document")
            )
            for notice in self._published_notices:
                notice.project = self  # the timeline links back to this project without a query each
        return self._published_notices

    def with_content_json(self, content):
        """The lifecycle fields follow the live notices, not the revision: publishing a revision
        (submitted before its notices went live, or an old one restored) keeps the stored state."""
        obj = super().with_content_json(content)
        for name in LIFECYCLE_FIELDS:
            setattr(obj, name, getattr(self, name))
        return obj

    def refresh_lifecycle(self):
        """Recompute the lifecycle dates from the live notices (called on every publish and
        unpublish of a notice or of the project, see lifecycle.py). Written with an UPDATE so that
        no revision is created."""
        from .notices import NoticeKind

        self.__dict__.pop("_published_notices", None)  # read the notices live now
        state = {"bid_deadline": None, "awarded_on": None, "contracted_on": None}
        state.update(terminated_on=None, accepted_on=None)
        for notice in self.published_notices():
            if notice.kind == NoticeKind.TENDER and notice.bid_deadline:
                state["bid_deadline"] = notice.bid_deadline
            elif notice.kind == NoticeKind.SINGLE_SOURCE and notice.publicity_end:
                # The project is open (objections may be raised) until the publicity period ends.
                end = dt.datetime.combine(notice.publicity_end, dt.time(23, 59))
                state["bid_deadline"] = timezone.make_aware(end)
            elif notice.kind == NoticeKind.CORRECTION and notice.new_bid_deadline:
                state["bid_deadline"] = notice.new_bid_deadline
            elif notice.kind == NoticeKind.RESULT:
                state["awarded_on"] = notice.decision_date or notice.published_on
            elif notice.kind == NoticeKind.CONTRACT:
                state["contracted_on"] = notice.signed_on or notice.published_on
            elif notice.kind == NoticeKind.TERMINATION:
                state["terminated_on"] = notice.published_on
            elif notice.kind == NoticeKind.ACCEPTANCE:
                state["accepted_on"] = notice.accepted_on or notice.published_on
        ProcurementProjectPage.objects.filter(pk=self.pk).update(**state)
        for key, value in state.items():
            setattr(self, key, value)

    def next_deadline(self, today=None):
        """(label, datetime-or-date, official) of the next statutory or announced deadline, or None.
        `official` is False when a computed period runs through a year without official holiday
        data (counted on the weekday rule)."""
        from .notices import NoticeKind

        today = today or timezone.localdate()
        stage = self.stage(today)
        if stage == Stage.OPEN:
            return _("投标（响应）文件提交截止"), self.bid_deadline, True
        notices = list(self.published_notices())
        results = [n for n in notices if n.kind == NoticeKind.RESULT]
        if stage == Stage.AWARDED and results:
            from ..rules import compute, result_challenge_deadline

            notice = results[-1]
            challenge = result_challenge_deadline(notice.published_on)
            if challenge.date >= today:
                return _("对结果提出质疑截止"), challenge.date, challenge.official
            signing = compute("contract_signing", notice.published_on)
            if signing.date >= today:
                return _("合同签订期限"), signing.date, signing.official
        return None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        notices = list(self.published_notices())
        context["notices"] = notices
        context["stage"] = self.stage(today)
        context["stages"] = [s for s in Stage if s != Stage.TERMINATED]
        nxt = self.next_deadline(today)
        if nxt:
            label, when, official = nxt
            day = timezone.localdate(when) if isinstance(when, dt.datetime) else when
            context["next_deadline"] = {
                "label": label,
                "when": when,
                "official": official,
                "has_time": isinstance(when, dt.datetime),
                "days_left": (day - today).days,
            }
        context["single_source"] = next((n for n in notices if n.kind == "single_source"), None)
        context["service_items"] = self.service_item_list()
        context["service_regions"] = self.service_regions.all()
        return context
