from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProvidersConfig(AppConfig):
    """Registry of service providers (承接主体), with the directory's search engines."""

    name = "portal.providers"
    label = "providers"
    verbose_name = _("承接主体")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal.search.extensions import register_results_preview

        from . import signals
        from .home import register
        from .search import register_engine
        from .search import signals as search_signals
        from .search.preview import site_search_preview

        register()
        signals.connect()
        register_engine("cluster", "portal.providers.search.cluster.ClusterEngine")
        search_signals.connect()
        register_results_preview(site_search_preview)
