"""Admin for the provider registry: the register, status decisions (append-only), eligibility
criteria and the review of applications."""

from django import forms
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .admin.permissions import RestrictedActionsPolicy
from .admin.review import ApplicationDetailsPanel, ReviewForm, download_document
from .dashboard import ApplicationsPanel
from .models import (
    EligibilityCriterion,
    Provider,
    ProviderApplication,
    ProviderFinancialReport,
    ProviderStatusChange,
)

register_permission_policy(
    ProviderStatusChange, RestrictedActionsPolicy(ProviderStatusChange, forbidden={"change", "delete"})
)
register_permission_policy(
    ProviderApplication, RestrictedActionsPolicy(ProviderApplication, forbidden={"add", "delete"})
)


class ProviderViewSet(SnippetViewSet):
    model = Provider
    icon = "group"
    menu_label = _("承接主体")
    list_display = ["name", "credit_code", "provider_type", "region", "status", "latest_grade", "verified"]
    list_filter = ["provider_type", "status", "verified", "latest_grade"]
    search_fields = ["name", "credit_code"]

    def get_queryset(self, request):
        return Provider.objects.select_related("region__parent__parent")

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("credit_code"),
                FieldPanel("provider_type"),
                FieldRowPanel([FieldPanel("registration_authority"), FieldPanel("registered_on")]),
                FieldPanel("region"),
                FieldPanel("address"),
            ],
            heading=_("登记信息"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("service_items", widget=forms.CheckboxSelectMultiple),
                FieldPanel("service_regions"),
                FieldPanel("description"),
                FieldRowPanel([FieldPanel("staff_count"), FieldPanel("social_worker_count")]),
                FieldPanel("facilities"),
            ],
            heading=_("服务与能力"),
        ),
        MultiFieldPanel(
            [FieldPanel("governance_attested"), FieldPanel("finance_attested"), FieldPanel("attestation_document")],
            heading=_("治理与财务"),
        ),
        MultiFieldPanel(
            [FieldPanel("contact_phone"), FieldPanel("contact_email"), FieldPanel("website")],
            heading=_("对外联系方式"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("verified"), FieldPanel("verified_on")]),
                FieldPanel("status", read_only=True),
                FieldRowPanel([FieldPanel("latest_grade"), FieldPanel("latest_grade_date")]),
            ],
            heading=_("核验、状态与评价"),
        ),
    ]


class StatusChangeViewSet(SnippetViewSet):
    model = ProviderStatusChange
    icon = "warning"
    menu_label = _("状态变更记录")
    list_display = ["provider", "status", "decided_at", "effective_from", "suspended_until"]
    list_filter = ["status"]

    def get_queryset(self, request):
        return ProviderStatusChange.objects.select_related("provider")

    panels = [
        FieldPanel("provider"),
        FieldPanel("status"),
        FieldPanel("reason"),
        FieldPanel("decision_document"),
        FieldRowPanel([FieldPanel("decided_at"), FieldPanel("effective_from"), FieldPanel("suspended_until")]),
    ]


class FinancialReportViewSet(SnippetViewSet):
    model = ProviderFinancialReport
    icon = "doc-full"
    menu_label = _("年度财务报告")
    list_display = ["provider", "year", "summary"]

    def get_queryset(self, request):
        return ProviderFinancialReport.objects.select_related("provider")

    panels = [FieldPanel("provider"), FieldPanel("year"), FieldPanel("document"), FieldPanel("summary")]


class CriterionViewSet(SnippetViewSet):
    model = EligibilityCriterion
    icon = "list-ul"
    menu_label = _("资格条件")
    list_display = ["code", "version", "title", "region", "service_category", "effective_from", "effective_to"]
    list_filter = ["requirement", "service_category"]

    def get_queryset(self, request):
        return EligibilityCriterion.objects.select_related("region__parent__parent")

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("version"), FieldPanel("sort_order")]),
        FieldPanel("title"),
        FieldPanel("text"),
        FieldPanel("source"),
        FieldRowPanel([FieldPanel("region"), FieldPanel("service_category")]),
        FieldRowPanel([FieldPanel("requirement"), FieldPanel("threshold")]),
        FieldRowPanel([FieldPanel("effective_from"), FieldPanel("effective_to")]),
    ]


class RegistryGroup(SnippetViewSetGroup):
    items = (ProviderViewSet, StatusChangeViewSet, FinancialReportViewSet, CriterionViewSet)
    menu_icon = "group"
    menu_label = _("承接主体名录")
    menu_name = "provider-registry"


register_snippet(RegistryGroup)


class ApplicationViewSet(ModelViewSet):
    model = ProviderApplication
    icon = "form"
    menu_label = _("入库申请")
    name = "provider_applications"
    add_to_admin_menu = True
    list_display = ["reference", "name", "credit_code", "status", "submitted_at"]
    list_filter = ["status"]
    search_fields = ["reference", "name", "credit_code"]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("status", read_only=True),
                    FieldPanel("name", read_only=True),
                    FieldPanel("credit_code", read_only=True),
                    FieldPanel("provider_type", read_only=True),
                    FieldPanel("registration_authority", read_only=True),
                    FieldPanel("registered_on", read_only=True),
                    FieldPanel("region", read_only=True),
                    FieldPanel("address", read_only=True),
                    FieldPanel("service_items", read_only=True),
                    FieldPanel("staff_count", read_only=True),
                    FieldPanel("social_worker_count", read_only=True),
                    FieldPanel("facilities", read_only=True),
                    FieldPanel("description", read_only=True),
                    FieldPanel("governance_attested", read_only=True),
                    FieldPanel("finance_attested", read_only=True),
                    FieldPanel("contact_name", read_only=True),
                    FieldPanel("contact_phone", read_only=True),
                    FieldPanel("contact_email", read_only=True),
                    FieldPanel("public_phone", read_only=True),
                ],
                heading=_("申请内容"),
            ),
            ApplicationDetailsPanel(heading=_("材料与办理记录")),
            MultiFieldPanel([FieldPanel("decision"), FieldPanel("review_note")], heading=_("审核")),
        ],
        base_form_class=ReviewForm,
    )


@hooks.register("register_admin_viewset")
def register_application_viewset():
    return ApplicationViewSet()


@hooks.register("register_admin_urls")
def register_document_download():
    return [
        path(
            "providers/application-documents/<int:pk>/",
            download_document,
            name="providers_admin_document",
        )
    ]


@hooks.register("construct_homepage_panels")
def applications_on_dashboard(request, panels):
    """Those who decide provider applications: the applications waiting for a decision."""
    if request.user.has_perm("providers.change_providerapplication"):
        panels.append(ApplicationsPanel())


@hooks.register("construct_homepage_panels")
def exit_tasks_on_dashboard(request, panels):
    """Those who decide exit decisions: the ones still pending."""
    from .admin.exits import exit_tasks_panel

    panel = exit_tasks_panel(request)
    if panel is not None:
        panels.append(panel)
