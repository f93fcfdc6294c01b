"""Admin for the reference registers. Editing them needs the model permissions that only the
province administrators' group holds (see portal/home/roles.py)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import CalendarDay, CalendarYear, Region, ServiceItem


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "site"
    menu_label = _("行政区划")
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
    list_per_page = 50
    panels = [FieldPanel("code"), FieldPanel("name"), FieldPanel("level"), FieldPanel("parent")]


class ServiceItemViewSet(SnippetViewSet):
    model = ServiceItem
    icon = "list-ul"
    menu_label = _("服务目录")
    list_display = ["name", "category", "served_groups", "in_policy_annex", "sort_order"]
    list_filter = ["category"]
    panels = [
        FieldPanel("name"),
        FieldPanel("category"),
        FieldPanel("served_groups"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]


class CalendarDayViewSet(SnippetViewSet):
    model = CalendarDay
    icon = "date"
    menu_label = _("节假日与调休")
    list_display = ["date", "kind", "name", "source"]
    list_filter = ["kind", "source"]
    list_per_page = 50
    panels = [FieldPanel("date"), FieldPanel("kind"), FieldPanel("name")]


class CalendarYearViewSet(SnippetViewSet):
    model = CalendarYear
    icon = "calendar"
    menu_label = _("节假日年度")
    list_display = ["year", "official", "source"]
    panels = [FieldPanel("year"), FieldPanel("official"), FieldPanel("source"), FieldPanel("note")]


class ReferenceGroup(ViewSetGroup):
    menu_label = _("基础数据")
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (ServiceItemViewSet, RegionViewSet, CalendarDayViewSet, CalendarYearViewSet)


register_snippet(ReferenceGroup)
