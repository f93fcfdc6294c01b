from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProvidersConfig(AppConfig):
    """Registry of service providers (承接主体), with the directory's search engines."""

    name = "portal.providers"
    label = "providers"
    verbose_name = _("承接主体")

    # Province administrators keep the registry (collected by portal.home.roles): records, their
    # append-only status history and financial reports, the eligibility criteria, the review of
    # applications, exit decisions after a 不合格 result. Nobody deletes registry records; status
    # changes are never edited (permission policies).
    role_permissions = {
        "province": [
            "view_provider",
            "add_provider",
            "change_provider",
            "view_providerstatuschange",
            "add_providerstatuschange",
            "view_providerfinancialreport",
            "add_providerfinancialreport",
            "change_providerfinancialreport",
            "view_eligibilitycriterion",
            "add_eligibilitycriterion",
            "change_eligibilitycriterion",
            "view_providerapplication",
            "change_providerapplication",
            "view_exitdecisiontask",
            "change_exitdecisiontask",
        ],
    }
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal.search.extensions import register_results_preview

        from . import signal_handlers
        from .home import register
        from .search import register_engine
        from .search.preview import site_search_preview

        register()
        signal_handlers.connect()
        register_engine("cluster", "portal.providers.search.cluster.ClusterEngine")
        register_results_preview(site_search_preview)
