"""Admin for evaluation schemes, grouped in the menu with the registry's exit-decision task list
(待处理的退出决定, portal.providers.admin.exits)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.evaluations.models import EvaluationScheme
from portal.providers.admin.exits import ExitDecisionTaskViewSet


class EvaluationSchemeViewSet(SnippetViewSet):
    model = EvaluationScheme
    icon = "list-ol"
    menu_label = _("绩效评价方案")
    list_display = ["name", "purchaser_weight", "satisfaction_weight", "third_party_weight"]


class EvaluationGroup(ViewSetGroup):
    menu_label = _("绩效评价")
    menu_icon = "list-ol"
    menu_order = 310
    items = (EvaluationSchemeViewSet, ExitDecisionTaskViewSet)
