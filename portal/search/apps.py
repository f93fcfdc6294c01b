from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Chinese segmentation, site search and the provider registry's search engines."""

    name = "portal.search"
    label = "portal_search"
    verbose_name = _("搜索")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal.core.health import register_check

        from .health import search_health
        from .registry import register_engine
        from .signals import connect

        register_engine("cluster", "portal.search.registry.cluster.ClusterEngine")
        connect()
        register_check("search", search_health)
