"""Procurement notices: one page type with a kind (intention, call for bids, prequalification,
correction, single-source publicity, result, contract, termination, acceptance) and the fields each
kind needs. Notices are children of their project page."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Q, prefetch_related_objects
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, TitleFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from portal.core.forms import ChoicePromptMixin
from portal.core.pages import CachedViewRestrictionsMixin
from portal.core.pdf import cached_pdf, pdf_response
from portal.home.models import routed_parent
from portal.providers.services import provider_for_code
from portal.reference.models import Region
from portal.search.indexing import SegmentedSearchMixin
from portal.search.results import snippet_text
from portal.search.segment import index_text

from .. import numbering
from ..panels import DeadlineCalculatorPanel
from .procurement import TENDER_TITLE, ProcurementProjectPage


class NoticeKind(models.TextChoices):
    INTENTION = "intention", _("采购意向")
    TENDER = "tender", _("采购公告（招标/谈判/磋商/询价）")
    PREQUALIFICATION = "prequalification", _("资格预审公告")
    SINGLE_SOURCE = "single_source", _("单一来源采购公示")
    CORRECTION = "correction", _("更正公告")
    RESULT = "result", _("中标（成交）结果公告")
    CONTRACT = "contract", _("合同公告")
    TERMINATION = "termination", _("终止公告")
    ACCEPTANCE = "acceptance", _("履约验收结果")


class AcceptanceResult(models.TextChoices):
    PASSED = "passed", _("验收合格")
    FAILED = "failed", _("验收不合格")


# The fields that apply to each kind of notice, in the groups the editor sees them in (each group
# headed "仅适用于：<kinds>", shown for those kinds only when JavaScript runs; all are shown
# without it). Fields of other kinds are emptied when the notice is published or submitted.
KIND_FIELD_GROUPS = [
    (("intention",), ["planned_start"]),
    (("tender",), ["documents_from", "documents_until"]),
    (("tender", "prequalification"), ["bid_deadline", "place"]),
    (("correction",), ["affects_bids", "new_bid_deadline"]),
    (("single_source",), ["publicity_start", "publicity_end", "single_source_reason"]),
    (("single_source", "result", "contract"), ["supplier_name", "supplier_credit_code"]),
    (("result",), ["decision_date", "evaluation_panel"]),
    (("result", "contract"), ["amount"]),
    (("contract",), ["signed_on", "contract_start", "contract_end"]),
    (("termination",), ["termination_reason"]),
    (("acceptance",), ["accepted_on", "acceptance_result", "satisfaction", "recipients_participation"]),
]


def kind_fields(kind):
    """The names of the kind-specific fields that apply to `kind`."""
    return {name for kinds, names in KIND_FIELD_GROUPS if kind in kinds for name in names}


def other_kind_fields(kind):
    return {name for _kinds, names in KIND_FIELD_GROUPS for name in names} - kind_fields(kind)


class NoticePageForm(ChoicePromptMixin, WagtailAdminPageForm):
    """Admin form: ties the notice to its project before validation, enforces the statutory rules
    when the editor publishes or submits for review (drafts may still be saved, with warnings, see
    wagtail_hooks), refuses to publish a notice before its project, and gives the notice an ASCII
    slug (kind and date, like the demo's) unless the editor typed one."""

    class Media:
        js = ["disclosures/admin/notice-form.js"]
        css = {"all": ["disclosures/admin/editor.css"]}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parent = self.parent_page.specific if self.parent_page is not None else None
        if isinstance(parent, ProcurementProjectPage) and self.instance.project_id is None:
            self.instance.project = parent
        if "slug" in self.fields and not self.instance.first_published_at:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = _("留空或含中文时自动生成：公告类型-发布日期，如 tender-20261130。")

    def clean(self):
        cleaned = super().clean()
        publishing = bool(self.data.get("action-publish"))
        submitting = bool(self.data.get("action-submit"))
        # New pages are live=True by default until the view saves them; only an existing live page
        # stays under the rules when a draft of it is saved.
        self.instance._enforce_rules = publishing or submitting or (self.instance.pk is not None and self.instance.live)
        self.instance._require_live_project = publishing
        kind = cleaned.get("kind")
        if kind and (publishing or submitting):
            for name in other_kind_fields(kind) & set(self.fields):
                cleaned[name] = self.fields[name].clean(None) if name != "affects_bids" else False
        if not self.instance.first_published_at:
            self._ascii_slug(cleaned)
        return cleaned

    def _ascii_slug(self, cleaned):
        slug = cleaned.get("slug") or ""
        if slug.isascii() and slug:
            return
        day = cleaned.get("published_on") or timezone.localdate()
        base = numbering.ascii_slug(f"{cleaned.get('kind') or 'notice'}-{day:%Y%m%d}")
        cleaned["slug"] = numbering.unique_child_slug(self.parent_page, base, exclude_pk=self.instance.pk)


def kind_panels():
    """One panel per group of KIND_FIELD_GROUPS, headed with the kinds it applies to and marked
    (data-notice-kinds) for notice-form.js, which shows only the groups of the chosen kind."""
    labels = dict(NoticeKind.choices)
    widgets = {"evaluation_panel": forms.Textarea(attrs={"rows": 4})}
    long_texts = {"single_source_reason", "evaluation_panel", "termination_reason", "recipients_participation"}
    panels = []
    for kinds, names in KIND_FIELD_GROUPS:
        rows, row = [], []
        for name in names:
            if name in long_texts:
                rows.append(FieldPanel(name, widget=widgets.get(name)))
            else:
                row.append(FieldPanel(name))
        if row:
            rows.insert(0, FieldRowPanel(row) if len(row) > 1 else row[0])
        heading = format_lazy(
            "{}{}", _("仅适用于："), format_lazy("、".join(["{}"] * len(kinds)), *[labels[k] for k in kinds])
        )
        panels.append(MultiFieldPanel(rows, heading=heading, attrs={"data-notice-kinds": " ".join(kinds)}))
    return panels


class NoticePage(RoutablePageMixin, SegmentedSearchMixin, CachedViewRestrictionsMixin, Page):
    """A published procurement notice of one kind, under its project. Statutory periods are checked
    when it is published; late result and contract notices are marked publicly (逾期发布)."""

    project = models.ForeignKey(
        ProcurementProjectPage,
        verbose_name=_("采购项目"),
        on_delete=models.SET_NULL,
        related_name="notices",
        null=True,
        editable=False,
    )
    kind = models.CharField(_("公告类型"), max_length=20, choices=NoticeKind.choices)
    number = models.CharField(
        _("公告编号"),
        max_length=64,
        blank=True,
        help_text=_("由系统生成：地区代码-年份-公告类型代码-序号，如 330106-2026-CG-0001；首次发布后不再改变。"),
    )
    published_on = models.DateField(_("发布日期"), null=True, blank=True, help_text=_("留空则为发布当日。"))
    body = RichTextField(_("公告正文"), blank=True, features=["h3", "bold", "ol", "ul", "link", "document-link"])

    planned_start = models.DateField(
        _("预计采购时间"),
        null=True,
        blank=True,
        help_text=_("采购意向公开满30日后方可开始采购活动（财库〔2020〕10号）。"),
    )
    documents_from = models.DateField(
        _("采购文件提供开始日期"), null=True, blank=True, help_text=_("留空则为发布日期。")
    )
    documents_until = models.DateField(_("采购文件提供截止日期"), null=True, blank=True)
    bid_deadline = models.DateTimeField(
        _("投标（响应、申请）截止时间"), null=True, blank=True, help_text=_("法定最短期限见上方“办理期限计算”。")
    )
    place = models.CharField(_("开标（响应）地点"), max_length=200, blank=True)

    affects_bids = models.BooleanField(
        _("影响投标文件编制"),
        default=False,
        help_text=_("更正内容可能影响潜在供应商编制投标（响应）文件的，请勾选：距截止时间不足15日时须顺延截止时间。"),
    )
    new_bid_deadline = models.DateTimeField(_("变更后的截止时间"), null=True, blank=True)

    publicity_start = models.DateField(_("公示开始日期"), null=True, blank=True, help_text=_("留空则为发布日期。"))
    publicity_end = models.DateField(_("公示截止日期"), null=True, blank=True)
    single_source_reason = models.TextField(_("采用单一来源方式的理由"), blank=True)

    decision_date = models.DateField(_("确定中标（成交）供应商日期"), null=True, blank=True)
    supplier_name = models.CharField(_("供应商名称"), max_length=120, blank=True)
    supplier_credit_code = models.CharField(_("供应商统一社会信用代码"), max_length=18, blank=True)
    amount = models.DecimalField(
        _("中标（成交、合同）金额（元）"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    evaluation_panel = models.TextField(_("评审专家名单"), blank=True, help_text=_("每行一人"))

    signed_on = models.DateField(_("合同签订日期"), null=True, blank=True)
    contract_start = models.DateField(_("合同履行开始"), null=True, blank=True)
    contract_end = models.DateField(_("合同履行结束"), null=True, blank=True)

    termination_reason = models.TextField(_("终止原因"), blank=True)

    accepted_on = models.DateField(_("验收日期"), null=True, blank=True)
    acceptance_result = models.CharField(_("验收结论"), max_length=10, choices=AcceptanceResult.choices, blank=True)
    recipients_participation = models.TextField(_("服务对象参与验收情况"), blank=True)
    satisfaction = models.DecimalField(_("服务对象满意度（%）"), max_digits=5, decimal_places=2, null=True, blank=True)

    late_working_days = models.PositiveSmallIntegerField(_("逾期工作日"), null=True, editable=False)
    region = models.ForeignKey(
        Region, verbose_name=_("所在地区"), on_delete=models.PROTECT, related_name="+", null=True, editable=False
    )
    city = models.ForeignKey(
        Region, verbose_name=_("所在市"), on_delete=models.PROTECT, related_name="+", null=True, editable=False
    )
    search_text = models.TextField(editable=False, blank=True)

    base_form_class = NoticePageForm
    # Site search: the listing's segmented text (title, kind, project, purchaser, region, services,
    # supplier, body) and the notice number, plus the title's bigrams.
    search_fields = Page.search_fields + SegmentedSearchMixin.segmented_search_fields
    exclude_fields_in_copy = ["number"]  # a copy is a new notice and gets its own number
    content_panels = [
        TitleFieldPanel("title", targets=[]),  # the slug comes from the kind and date, not the title
        FieldRowPanel(
            [
                FieldPanel("kind"),
                FieldPanel("number", read_only=True),
                FieldPanel("published_on"),
            ]
        ),
        DeadlineCalculatorPanel(heading=_("办理期限计算")),
        FieldPanel("body"),
        *kind_panels(),
        InlinePanel("documents", label=_("附件")),
    ]
    parent_page_types = ["disclosures.ProcurementProjectPage"]
    subpage_types = []
    template = "disclosures/notice_page.html"

    class Meta:
        verbose_name = _("采购公告")
        verbose_name_plural = _("采购公告")
        indexes = [
            models.Index(fields=["kind", "published_on"]),
            # The listing's default order (newest first): the first page is read from the index.
            models.Index(fields=["published_on", "page_ptr"], name="disclosures_notice_newest"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["number"], condition=~Q(number=""), name="disclosures_notice_number_unique")
        ]

    @classmethod
    def prepare_site_search_results(cls, pages):
        """Site search names a call for bids after its project's procurement method: their projects
        in one query."""
        prefetch_related_objects([page for page in pages if page.kind == NoticeKind.TENDER], "project")

    def site_search_label(self):
        return self.kind_label

    def site_search_snippet(self):
        return snippet_text(self.body)

    @property
    def kind_label(self):
        """The public name of the notice kind; the call for bids is named by procurement method."""
        if self.kind == NoticeKind.TENDER and self.project_id:
            return TENDER_TITLE[self.project.method]
        return NoticeKind(self.kind).label if self.kind else ""

    @property
    def publication_date(self):
        return self.published_on or timezone.localdate()

    @property
    def effective_documents_from(self):
        return self.documents_from or self.publication_date

    def panel_names(self):
        return [line.strip() for line in self.evaluation_panel.splitlines() if line.strip()]

    def winner_provider(self):
        """The provider registry entry with the supplier's credit code, if the registry has one."""

        try:
            return provider_for_code(self.supplier_credit_code)
        except Exception:  # the registry may not be migrated yet (table missing)
            return None

    def eligibility_scope(self):
        """(region, ServiceItem queryset) a provider must cover to bid on this notice."""
        return self.project.eligibility_scope()

    def _attach_project(self):
        if self.project_id is None and self.path:
            parent = self.get_parent()
            if parent is not None and isinstance(parent.specific, ProcurementProjectPage):
                self.project = parent.specific

    def listing_fields(self):
        """The denormalised columns the listing filters on: region, city and the segmented text."""
        project = self.project
        items = " ".join(project.service_items.values_list("name", flat=True)) if project.pk else ""
        return {
            "region_id": project.region_id,
            "city_id": project.city_id,
            "search_text": index_text(
                self.title,
                self.kind_label,
                project.title,
                project.purchaser,
                project.project_number,
                project.region.full_name,
                items,
                self.supplier_name,
                strip_tags(self.body or ""),
            ),
        }

    def segmented_text(self):
        """The listing's segmented text (set by save()) and the notice number."""
        return " ".join(filter(None, [self.search_text, index_text(self.number)]))

    def rule_check(self):
        """(errors by field, warnings, late working days) under the statutory rules."""
        from ..enforcement import check_notice

        return check_notice(self)

    def rule_warnings(self):
        return self.rule_check().warnings

    def clean(self):
        super().clean()
        self._attach_project()
        if self.project_id is None:
            raise ValidationError(_("采购公告必须发布在采购项目之下。"))
        if getattr(self, "_require_live_project", self.live):
            # A notice never goes live before its project (see portal/disclosures/lifecycle.py).
            from ..lifecycle import project_goes_live_by, unpublished_project_error

            if not project_goes_live_by(self.project, timezone.now()):
                raise ValidationError(unpublished_project_error(self.project))
        if getattr(self, "_enforce_rules", self.live):
            errors = self.rule_check().errors
            if errors:
                raise ValidationError(errors)

    def with_content_json(self, content):
        """The number is the notice's, not a revision's: a revision (saved before the number was
        generated, or before a renumbering) never brings back another one."""
        obj = super().with_content_json(content)
        obj.number = self.number
        return obj

    def _assign_number(self):
        """Generate the notice number (see portal/disclosures/numbering.py): on the first save with
        a kind, and again while the notice has never been published if its kind, region or year no
        longer match the number. Returns True when the number changed."""
        stored_number, published_before = "", False
        if self.pk:
            stored = NoticePage.objects.filter(pk=self.pk).values_list("number", "first_published_at").first()
            if stored is not None:
                stored_number, published_before = stored[0], stored[1] is not None
        self.number = self.number or stored_number
        if self.number and published_before:
            return False
        region = self.project.region if self.project_id else None
        if not self.kind or self.kind not in numbering.KIND_CODES or region is None:
            return False
        prefix = numbering.number_prefix(region.code, self.publication_date.year, self.kind)
        if self.number.startswith(prefix) and numbering.NUMBER_PATTERN.match(self.number):
            return False
        taken = NoticePage.objects.filter(kind=self.kind, number__startswith=prefix).values_list("number", flat=True)
        self.number = numbering.next_number(prefix, taken)
        return True

    def save(self, *args, **kwargs):
        self._attach_project()
        if self.live and self.published_on is None:
            self.published_on = timezone.localdate()
        if self.project_id:
            for name, value in self.listing_fields().items():
                setattr(self, name, value)
            if self.kind in (NoticeKind.RESULT, NoticeKind.CONTRACT):
                self.late_working_days = self.rule_check().late_working_days
            else:
                self.late_working_days = None
        for attempt in range(5):
            numbered = self._assign_number()
            if numbered and kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = [*kwargs["update_fields"], "number"]
            if not numbered:
                return super().save(*args, **kwargs)
            try:
                with transaction.atomic():
                    return super().save(*args, **kwargs)
            except IntegrityError:
                # Another notice took this number at the same moment: take the next one.
                if attempt == 4 or not NoticePage.objects.filter(number=self.number).exclude(pk=self.pk).exists():
                    raise
                self.number = ""

    def get_context(self, request, *args, **kwargs):
        """The notice's article is a cached fragment (keyed on the page, the host its links are
        relative to, and the content generation, which every publish and content save bumps); a
        preview always renders the draft being previewed."""
        from ..views.fragments import cached_fragment

        context = super().get_context(request, *args, **kwargs)
        if getattr(request, "is_preview", False):
            context["article_html"] = self.render_article(request)
        else:
            key = (self.pk, request.get_host())
            context["article_html"] = cached_fragment("notice-article", key, lambda: self.render_article(request))
        return context

    def render_article(self, request):
        """The notice's facts, body, attachments and PDF link (templates/disclosures/includes/
        notice_article.html)."""
        from django.template.loader import render_to_string

        from ..rules import result_challenge_deadline

        values = {
            "page": self,
            "request": request,
            "project": self.project_with_region(),
            "documents": list(self.documents.select_related("document")),
        }
        if self.kind == NoticeKind.RESULT:
            values["winner_provider"] = self.winner_provider()
            values["challenge_deadline"] = result_challenge_deadline(self.publication_date)
        return render_to_string("disclosures/includes/notice_article.html", values)

    def project_with_region(self):
        """The notice's project with its region chain: the parent that routing loaded (region
        joined) when it is the project, else one query."""
        from .procurement import ProcurementProjectPage

        if self.project_id is None:
            return None

        parent = routed_parent(self, ProcurementProjectPage)
        if parent is not None and parent.pk == self.project_id:
            project = parent
        else:
            project = ProcurementProjectPage.objects.select_related("region__parent__parent").get(pk=self.project_id)
        self.project = project
        return project

    @path("pdf/", name="pdf")
    def pdf(self, request):
        from ..pdf import notice_pdf_context

        pdf = cached_pdf(
            ("notice", self.pk, self.latest_revision_id, self.last_published_at),
            "disclosures/notice_pdf.html",
            notice_pdf_context(self, request),
        )
        return pdf_response(pdf, f"{self.number or self.pk}-{self.title}.pdf")


class NoticeDocument(Orderable):
    """A document attached to a notice (procurement documents, contract, acceptance report)."""

    notice = ParentalKey(NoticePage, verbose_name=_("公告"), on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("文件"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("附件名称"), max_length=120, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("附件")

    @property
    def display_title(self):
        return self.title or self.document.title
