"""Performance evaluation (绩效评价) of purchased services: the published scheme (weights of the
purchaser, the service recipients and the third party, and the grade thresholds) and one result
page per contract and period, under the project it evaluates."""

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Page

from portal.core.forms import ChoicePromptMixin
from portal.core.pages import CachedViewRestrictionsMixin, loaded_parent
from portal.disclosures.models.notices import NoticeKind, NoticePage
from portal.disclosures.models.procurement import ProcurementProjectPage
from portal.providers.models.choices import Grade
from portal.providers.services import provider_for_code
from portal.reference.models import Region, ServiceItem
from portal.search.indexing import SegmentedSearchMixin

HUNDRED = Decimal("100")
CENT = Decimal("0.01")
SCORE_VALIDATORS = [MinValueValidator(Decimal("0")), MaxValueValidator(HUNDRED)]


def _score_field(label, null=False):
    return models.DecimalField(
        label, max_digits=5, decimal_places=2, null=null, blank=null, validators=SCORE_VALIDATORS
    )


class EvaluationScheme(models.Model):
    """A published evaluation scheme: how much the purchaser, the recipients' satisfaction and the
    third party each weigh in the composite score, and the grade thresholds."""

    name = models.CharField(_("方案名称"), max_length=120, unique=True)
    purchaser_weight = models.DecimalField(_("购买主体评分权重（%）"), max_digits=5, decimal_places=2)
    satisfaction_weight = models.DecimalField(_("服务对象满意度权重（%）"), max_digits=5, decimal_places=2)
    third_party_weight = models.DecimalField(_("第三方评分权重（%）"), max_digits=5, decimal_places=2)
    excellent_min = models.DecimalField(_("优秀下限（含）"), max_digits=5, decimal_places=2, default=Decimal("90"))
    good_min = models.DecimalField(_("良好下限（含）"), max_digits=5, decimal_places=2, default=Decimal("80"))
    pass_min = models.DecimalField(_("合格下限（含）"), max_digits=5, decimal_places=2, default=Decimal("60"))
    description = models.TextField(_("方案说明"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldRowPanel(
            [FieldPanel("purchaser_weight"), FieldPanel("satisfaction_weight"), FieldPanel("third_party_weight")],
            heading=_("权重"),
        ),
        FieldRowPanel([FieldPanel("excellent_min"), FieldPanel("good_min"), FieldPanel("pass_min")], heading=_("等次")),
        FieldPanel("description"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("绩效评价方案")
        verbose_name_plural = _("绩效评价方案")
        # The tables keep the names they had in the disclosures app (moved without copying data).
        db_table = "disclosures_evaluationscheme"

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        weights = (self.purchaser_weight, self.satisfaction_weight, self.third_party_weight)
        if None not in weights:
            if any(w < 0 for w in weights):
                errors["purchaser_weight"] = _("权重不能为负数。")
            elif sum(weights) != HUNDRED:
                errors["third_party_weight"] = _("三项权重之和必须等于100%%，当前为%(total)s%%。") % {
                    "total": f"{sum(weights):g}"
                }
            if self.satisfaction_weight <= max(self.purchaser_weight, self.third_party_weight):
                errors["satisfaction_weight"] = _("服务对象满意度的权重必须最大（大于购买主体和第三方的权重）。")
        thresholds = (self.excellent_min, self.good_min, self.pass_min)
        if None not in thresholds and not (HUNDRED >= self.excellent_min > self.good_min > self.pass_min > 0):
            errors["good_min"] = _("等次下限须满足：100 ≥ 优秀 > 良好 > 合格 > 0。")
        if errors:
            raise ValidationError(errors)

    def composite(self, purchaser_score, satisfaction_rate, third_party_score):
        """The weighted composite score, rounded half-up to two decimals."""
        total = (
            self.purchaser_weight * Decimal(purchaser_score)
            + self.satisfaction_weight * Decimal(satisfaction_rate)
            + self.third_party_weight * Decimal(third_party_score)
        ) / HUNDRED
        return total.quantize(CENT, rounding=ROUND_HALF_UP)

    def grade_for(self, score):
        """The grade a composite score earns under the published thresholds (lower bounds inclusive)."""
        score = Decimal(score)
        if score >= self.excellent_min:
            return Grade.EXCELLENT
        if score >= self.good_min:
            return Grade.GOOD
        if score >= self.pass_min:
            return Grade.PASS
        return Grade.FAIL

    def thresholds(self):
        """(grade label, rule text) rows for publication."""
        return [
            (Grade.EXCELLENT.label, f"≥ {self.excellent_min:g}"),
            (Grade.GOOD.label, f"≥ {self.good_min:g}"),
            (Grade.PASS.label, f"≥ {self.pass_min:g}"),
            (Grade.FAIL.label, f"< {self.pass_min:g}"),
        ]


class EvaluationResultPageForm(ChoicePromptMixin, WagtailAdminPageForm):
    """Admin form: ties the result to the project it is created under, and offers only that
    project's contract notices and service items."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parent = self.parent_page.specific if self.parent_page is not None else None
        if isinstance(parent, ProcurementProjectPage):
            if self.instance.project_id is None:
                self.instance.project = parent
            if "contract" in self.fields:
                self.fields["contract"].queryset = NoticePage.objects.filter(project=parent, kind=NoticeKind.CONTRACT)
            if "service_item" in self.fields:
                self.fields["service_item"].queryset = ServiceItem.objects.filter(
                    pk__in=ProcurementProjectPage.service_items.through.objects.filter(
                        procurementprojectpage_id=parent.pk
                    ).values("serviceitem_id")
                )


class EvaluationResultPage(SegmentedSearchMixin, CachedViewRestrictionsMixin, Page):
    """A published performance evaluation of one contract (provider, project) for one period; the
    composite score and grade are computed from the scheme's weights when saved."""

    scheme = models.ForeignKey(
        EvaluationScheme, verbose_name=_("评价方案"), on_delete=models.PROTECT, related_name="results"
    )
    contract = models.ForeignKey(
        NoticePage,
        verbose_name=_("合同公告"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evaluations",
        limit_choices_to={"kind": NoticeKind.CONTRACT},
    )
    provider_credit_code = models.CharField(_("承接主体统一社会信用代码"), max_length=18, db_index=True)
    provider_name = models.CharField(_("承接主体名称"), max_length=120)
    service_item = models.ForeignKey(
        ServiceItem,
        verbose_name=_("服务项目"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="evaluations",
        help_text=_("留空则取采购项目的第一个服务项目。"),
    )
    year = models.PositiveSmallIntegerField(_("评价年度"), db_index=True)
    period_start = models.DateField(_("评价期开始"), null=True, blank=True)
    period_end = models.DateField(_("评价期结束"), null=True, blank=True)
    evaluated_on = models.DateField(_("评价日期"))
    evaluator = models.CharField(_("第三方评价机构"), max_length=120)
    purchaser_score = _score_field(_("购买主体评分"))
    survey_sample_size = models.PositiveIntegerField(_("满意度调查样本量"), null=True, blank=True)
    survey_method = models.CharField(_("调查方式"), max_length=120, blank=True)
    satisfaction_rate = _score_field(_("服务对象满意度（%）"), null=True)
    third_party_score = _score_field(_("第三方评分"))
    effect_score = _score_field(_("服务成效得分"), null=True)
    management_score = _score_field(_("项目管理得分"), null=True)
    impact_score = _score_field(_("社会影响得分"), null=True)
    narrative = models.TextField(_("评价结论"), blank=True)
    rectification = models.TextField(_("整改要求"), blank=True)
    report_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("评价报告"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    composite_score = models.DecimalField(_("综合得分"), max_digits=5, decimal_places=2, null=True, editable=False)
    grade = models.CharField(_("评价等次"), max_length=16, choices=Grade.choices, blank=True, editable=False)
    project = models.ForeignKey(
        ProcurementProjectPage,
        verbose_name=_("采购项目"),
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="evaluations",
    )
    region = models.ForeignKey(
        Region, verbose_name=_("所在地区"), on_delete=models.PROTECT, related_name="+", null=True, editable=False
    )
    city = models.ForeignKey(
        Region, verbose_name=_("所在市"), on_delete=models.PROTECT, related_name="+", null=True, editable=False
    )

    content_panels = Page.content_panels + [
        FieldPanel("scheme"),
        MultiFieldPanel(
            [
                FieldPanel("contract"),
                FieldRowPanel([FieldPanel("provider_credit_code"), FieldPanel("provider_name")]),
                FieldPanel("service_item"),
                FieldRowPanel([FieldPanel("year"), FieldPanel("period_start"), FieldPanel("period_end")]),
                FieldRowPanel([FieldPanel("evaluator"), FieldPanel("evaluated_on")]),
            ],
            heading=_("评价对象"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("purchaser_score"),
                FieldRowPanel(
                    [FieldPanel("satisfaction_rate"), FieldPanel("survey_sample_size"), FieldPanel("survey_method")]
                ),
                FieldPanel("third_party_score"),
                FieldRowPanel([FieldPanel("effect_score"), FieldPanel("management_score"), FieldPanel("impact_score")]),
            ],
            heading=_("评分（综合得分与等次按评价方案自动计算）"),
        ),
        FieldPanel("narrative"),
        FieldPanel("rectification"),
        FieldPanel("report_document"),
    ]
    base_form_class = EvaluationResultPageForm
    search_fields = Page.search_fields + SegmentedSearchMixin.segmented_search_fields
    parent_page_types = ["disclosures.ProcurementProjectPage"]
    subpage_types = []
    template = "evaluations/evaluation_page.html"

    class Meta:
        verbose_name = _("绩效评价结果")
        verbose_name_plural = _("绩效评价结果")
        db_table = "disclosures_evaluationresultpage"
        indexes = [
            models.Index(fields=["city", "service_item", "year"]),
            # The index page's order (latest evaluation first): the first page is read from the index.
            models.Index(fields=["evaluated_on", "page_ptr"], name="disclosures_eval_latest"),
        ]

    @property
    def grade_label(self):
        """The grade in words: the enum's label in one lookup (see ProcurementProjectPage.method_label)."""
        return Grade(self.grade).label if self.grade in Grade.values else ""

    def site_search_snippet(self):
        """Site search: provider, year and grade when the result has no summary."""
        parts = [self.provider_name, str(self.year)]
        if self.grade:
            parts.append(self.get_grade_display())
        return " · ".join(part for part in parts if part)

    def _attach_project(self):
        if self.project_id is None and self.path:
            parent = self.get_parent()
            if parent is not None and isinstance(parent.specific, ProcurementProjectPage):
                self.project = parent.specific

    def _project_items(self):
        through = ProcurementProjectPage.service_items.through
        return through.objects.filter(procurementprojectpage_id=self.project_id)

    def compute(self):
        """Set composite_score and grade from the scores and the scheme (None/"" if incomplete)."""
        scores = (self.purchaser_score, self.satisfaction_rate, self.third_party_score)
        if self.scheme_id is None or None in scores:
            self.composite_score, self.grade = None, ""
            return
        self.composite_score = self.scheme.composite(*scores)
        self.grade = self.scheme.grade_for(self.composite_score)

    def clean(self):
        super().clean()
        self._attach_project()
        errors = {}
        if self.project_id is None:
            errors["title"] = _("绩效评价结果必须发布在被评价的采购项目之下。")
        if self.satisfaction_rate is None:
            errors["satisfaction_rate"] = _("请填写服务对象满意度：它在综合得分中权重最大。")
        elif not self.survey_sample_size:
            errors["survey_sample_size"] = _("填写满意度时，调查样本量必须大于0。")
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = _("评价期结束日期不能早于开始日期。")
        if self.contract_id and self.project_id and self.contract.project_id != self.project_id:
            errors["contract"] = _("合同公告必须属于本采购项目。")
        if self.service_item_id and self.project_id:
            if not self._project_items().filter(serviceitem_id=self.service_item_id).exists():
                errors["service_item"] = _("服务项目必须是本采购项目的服务项目之一。")
        if self.scheme_id:
            try:
                self.scheme.clean()
            except ValidationError as exc:
                errors["scheme"] = _("所选评价方案无效：%(errors)s") % {"errors": "；".join(exc.messages)}
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self._attach_project()
        if self.project_id:
            project = self.project
            self.region_id, self.city_id = project.region_id, project.city_id
            if self.service_item_id is None:
                first = self._project_items().order_by("serviceitem__sort_order", "serviceitem_id").first()
                self.service_item_id = first.serviceitem_id if first else None
        if self.contract_id and not self.provider_credit_code:
            self.provider_credit_code = self.contract.supplier_credit_code
            self.provider_name = self.provider_name or self.contract.supplier_name
        self.compute()
        super().save(*args, **kwargs)

    def segmented_search_texts(self):
        """Site search: the provider, the project and its purchaser, the service, the region, the
        evaluator, the year, the grade and the conclusions."""
        project = self.project if self.project_id else None
        return [
            self.title,
            self.provider_name,
            self.provider_credit_code,
            project.title if project else "",
            project.purchaser if project else "",
            self.service_item.name if self.service_item_id else "",
            self.region.full_name if self.region_id else "",
            self.evaluator,
            str(self.year),
            self.get_grade_display(),
            self.narrative,
            self.rectification,
        ]

    def dimension_scores(self):
        """(label, score) of the three dimensions that were scored."""
        rows = [
            (_("服务成效"), self.effect_score),
            (_("项目管理"), self.management_score),
            (_("社会影响"), self.impact_score),
        ]
        return [(label, score) for label, score in rows if score is not None]

    def provider(self):
        """The registry entry with this credit code, if the registry has one."""

        return provider_for_code(self.provider_credit_code)

    def get_context(self, request, *args, **kwargs):
        from portal.evaluations.context import result_context

        context = super().get_context(request, *args, **kwargs)
        self._load_related()
        context.update(result_context(self))
        return context

    def _load_related(self):
        """Scheme, service item, report and region chain in one query; the project is the parent
        that routing loaded (when the page was reached that way)."""
        loaded = (
            type(self)
            .objects.select_related("scheme", "service_item", "report_document", "region__parent__parent")
            .get(pk=self.pk)
        )
        for field in ("scheme", "service_item", "report_document", "region"):
            setattr(self, field, getattr(loaded, field))
        parent = loaded_parent(self)
        if (
            parent is not None
            and parent.pk == self.project_id
            and isinstance(parent, type(self).project.field.related_model)
        ):
            self.project = parent
