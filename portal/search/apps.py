from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Chinese segmentation and site search."""

    name = "portal.search"
    label = "portal_search"
    verbose_name = _("搜索")
