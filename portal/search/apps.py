from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Search infrastructure: Chinese segmentation, site search, the search-cluster client and its
    health check. The provider registry's search engines live in portal.providers.search."""

    name = "portal.search"
    label = "portal_search"
    verbose_name = _("搜索")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal.core.health import register_check

        from .health import search_health

        register_check("search", search_health)
