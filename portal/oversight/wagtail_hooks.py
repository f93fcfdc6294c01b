"""Admin for the oversight channel: the case queue (ModelViewSet with region-scoped visibility and an
urgency order), custom handling views, handling bodies, the mail queue, and the audit log actions."""

import django_filters
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import HistoryView, IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from portal.reference.workdays import calendar

from .models import OPEN_STATUSES, Case, CaseLogEntry, Category, HandlingBody, Kind, OutboxMessage, Status
from .services.visibility import case_permission_policy, visible_cases
from .views import admin as case_views

# Every Wagtail view that asks for the policy of Case (the case views, history, the audit log's
# filters) gets the region-scoped one.
register_permission_policy(Case, case_permission_policy)


class CaseFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("状态"), choices=Status.choices)
    kind = django_filters.ChoiceFilter(label=_("类型"), choices=Kind.choices)
    category = django_filters.ChoiceFilter(label=_("问题类别"), choices=Category.choices)
    mine = django_filters.BooleanFilter(label=_("我负责的"), method="filter_mine")
    overdue = django_filters.BooleanFilter(label=_("已超期"), method="filter_overdue")
    open_only = django_filters.BooleanFilter(label=_("办理中（未答复）"), method="filter_open")

    class Meta:
        model = Case
        fields = ["status", "kind", "category"]

    def filter_mine(self, queryset, name, value):
        if value is None:
            return queryset
        mine = queryset.filter(handler=self.request.user)
        return mine if value else queryset.exclude(handler=self.request.user)

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = queryset.overdue()
        return overdue if value else queryset.exclude(pk__in=overdue.values("pk"))

    def filter_open(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(status__in=OPEN_STATUSES) if value else queryset.exclude(status__in=OPEN_STATUSES)


class DueColumn(Column):
    """The due date, flagged when overdue (text, not only colour)."""

    def get_value(self, instance):
        value = instance.due_date.strftime("%Y-%m-%d")
        if instance.is_overdue(timezone.localdate()):
            return format_html('{} <strong class="w-status w-status--label">{}</strong>', value, _("超期"))
        if not instance.due_official:
            return format_html("{} <span>{}</span>", value, _("（节假日安排未公布）"))
        return value


class CaseIndexView(IndexView):
    """The handler's queue: only cases the user may see, open ones first by due date."""

    def get_base_queryset(self):
        cases = case_permission_policy.instances_user_has_any_permission_for(self.request.user, ["view", "change"])
        return cases.select_related("region", "handling_body", "handler")

    def order_queryset(self, queryset):
        if self.is_explicitly_ordered and self.ordering:
            return super().order_queryset(queryset)
        return queryset.by_urgency()

    def get_add_url(self):
        return None

    def get_delete_url(self, instance):
        return None

    def get_copy_url(self, instance):
        return None

    def get_edit_url(self, instance):
        return case_views.case_url(instance)


class CaseHistoryView(HistoryView):
    """A case's audit trail (staff names, actions, times): only for a case the user may see."""

    def get_base_object_queryset(self):
        return case_permission_policy.instances_user_has_any_permission_for(self.request.user, ["view", "change"])


class CaseViewSet(ModelViewSet):
    model = Case
    icon = "warning"
    menu_label = _("投诉与媒体问询")
    menu_order = 250
    add_to_admin_menu = False
    index_view_class = CaseIndexView
    history_view_class = CaseHistoryView
    filterset_class = CaseFilterSet
    # Not in the reference index: the "usage" listings of pages, regions and users must not list
    # cases (references, to people outside the case's region scope).
    add_to_reference_index = False
    list_display = [
        "reference",
        "kind",
        "category",
        "region",
        "status",
        "handling_body",
        "handler",
        DueColumn("due_date", label=_("答复期限"), sort_key="due_date"),
    ]
    list_per_page = 50
    search_fields = ["reference", "subject_text"]
    form_fields = ["status"]  # no add or edit form: cases change only through the handling actions

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/", case_views.CaseDetailView.as_view(), name="edit"),
            path("<int:pk>/status/", case_views.change_status, name="status"),
            path("<int:pk>/assign/", case_views.assign, name="assign"),
            path("<int:pk>/note/", case_views.add_note, name="note"),
            path("<int:pk>/publish/", case_views.publish, name="publish"),
            path("<int:pk>/attachments/<int:attachment_pk>/", case_views.attachment, name="attachment"),
            path("history/<int:pk>/", self.history_view, name="history"),
            path("history-results/<int:pk>/", self.history_results_view, name="history_results"),
        ]

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        view_kwargs.update(add_url_name=None, delete_url_name=None, usage_url_name=None)
        return view_kwargs


class HandlingBodyViewSet(ModelViewSet):
    model = HandlingBody
    icon = "group"
    menu_label = _("办理机构")
    add_to_admin_menu = False
    list_display = ["name", "region", "phone", "email"]
    search_fields = ["name"]
    form_fields = ["name", "region", "phone", "email", "members"]

    def formfield_for_dbfield(self, db_field, **kwargs):
        field = super().formfield_for_dbfield(db_field, **kwargs)
        if db_field.name == "region":
            # Handling bodies exist for the province, cities and counties; townships go to their county.
            field.queryset = field.queryset.filter(level__lte=3)
        return field


class OutboxViewSet(ModelViewSet):
    model = OutboxMessage
    icon = "mail"
    menu_label = _("邮件发送队列")
    add_to_admin_menu = False
    list_display = ["subject", "state", "attempts", "next_attempt_at", "sent_at"]
    list_filter = ["state"]
    form_fields = ["state", "next_attempt_at"]
    inspect_view_enabled = True
    add_to_reference_index = False  # a message points to its case: no case in "usage" listings
    inspect_view_fields = ["subject", "state", "attempts", "next_attempt_at", "last_error", "created_at", "sent_at"]


class OversightGroup(ViewSetGroup):
    menu_label = _("监督投诉")
    menu_icon = "warning"
    menu_order = 250
    items = (
        CaseViewSet("oversight_case"),
        HandlingBodyViewSet("oversight_body"),
        OutboxViewSet("oversight_outbox"),
    )


@hooks.register("register_admin_viewset")
def register_viewsets():
    return OversightGroup()


DUE_SOON_WORKING_DAYS = 3


class QueuePanel(Component):
    """Dashboard panel: the handler's open, overdue and own cases, linking to the queue."""

    name = "oversight_queue"
    order = 60
    template_name = "oversight/admin/queue_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        visible = visible_cases(self.user)
        index = reverse("oversight_case:index")
        today = timezone.localdate()
        soon = calendar().add_working_days(today, DUE_SOON_WORKING_DAYS).date
        return {
            "open": visible.open().count(),
            "overdue": visible.overdue().count(),
            "due_soon": visible.open().filter(due_date__gte=today, due_date__lte=soon).count(),
            "due_soon_days": DUE_SOON_WORKING_DAYS,
            "mine": visible.open().filter(handler=self.user).count(),
            "index_url": index,
        }


@hooks.register("construct_homepage_panels")
def add_queue_panel(request, panels):
    if request.user.has_perm("oversight.view_case") or request.user.has_perm("oversight.change_case"):
        panels.append(QueuePanel(request.user))


LOG_ACTIONS = [
    ("oversight.submit", _("收到投诉或问询"), _("收到投诉或问询")),
    ("oversight.status", _("变更办理状态"), _("变更办理状态")),
    ("oversight.assign", _("指定首问责任人"), _("指定首问责任人")),
    ("oversight.note", _("添加内部备注"), _("添加内部备注")),
    ("oversight.publish", _("发布脱敏摘要"), _("发布脱敏摘要")),
    ("oversight.unpublish", _("撤下公示"), _("撤下公示")),
    ("oversight.view_personal_data", _("查看个人信息"), _("查看投诉人个人信息或附件")),
]


@hooks.register("register_log_actions")
def register_log_actions(actions):
    # Case entries in their own log model, whose viewable_by_user applies the region scope.
    actions.register_model(Case, CaseLogEntry)
    for action, label, message in LOG_ACTIONS:
        actions.register_action(action, label, message)
