"""Admin of the exit-decision task list (待处理的退出决定): its snippet viewset (shown in the
evaluations' menu group, under its original admin URL) and its dashboard panel."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.components import Component
from wagtail.snippets.views.snippets import SnippetViewSet

from ..models import ExitDecisionTask


class ExitDecisionTaskViewSet(SnippetViewSet):
    model = ExitDecisionTask
    icon = "warning"
    menu_label = _("待处理的退出决定")
    # The admin addresses it had in the disclosures app, kept for bookmarks and links.
    url_namespace = "wagtailsnippets_disclosures_exitdecisiontask"
    url_prefix = "snippets/disclosures/exitdecisiontask"
    list_display = ["provider_name", "trigger", "opened_at", "decision", "decided_at"]
    list_filter = ["decision"]
    search_fields = ["provider_name", "provider_credit_code", "case_reference"]
    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("provider_credit_code"), FieldPanel("provider_name")]),
                FieldPanel("trigger"),
                FieldRowPanel([FieldPanel("evaluation"), FieldPanel("case_reference")]),
            ],
            heading=_("待决定事项"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("decision"), FieldPanel("suspended_until"), FieldPanel("decided_at")]),
                FieldPanel("reason"),
                FieldPanel("decision_document"),
            ],
            heading=_("决定（保存后登记到承接主体状态记录，不可修改）"),
        ),
    ]


class ExitTasksPanel(Component):
    """Dashboard panel: the pending exit decisions, for users who may decide them."""

    order = 150
    template_name = "providers/admin/exit_tasks_panel.html"

    def __init__(self, tasks, count):
        self.tasks, self.count = tasks, count

    def get_context_data(self, parent_context=None):
        return {"tasks": self.tasks, "count": self.count}


def exit_tasks_panel(request):
    """The panel, or None when the user may not decide or nothing is pending."""
    if not request.user.has_perm("providers.change_exitdecisiontask"):
        return None
    pending = ExitDecisionTask.objects.filter(status_change_id__isnull=True).order_by("-opened_at")
    count = pending.count()
    return ExitTasksPanel(list(pending[:10]), count) if count else None
