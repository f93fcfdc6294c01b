"""Admin registration: the outreach channel register (province administrators maintain it)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Channel


class ChannelViewSet(SnippetViewSet):
    model = Channel
    icon = "list-ul"
    menu_label = _("宣传渠道")
    list_display = ["name", "sort_order"]
    ordering = ["sort_order", "id"]


register_snippet(ChannelViewSet)
