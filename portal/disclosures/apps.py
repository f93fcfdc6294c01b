from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosuresConfig(AppConfig):
    """Procurement disclosures: projects and notices, evaluations, township capacity, open data."""

    name = "portal.disclosures"
    label = "disclosures"
    verbose_name = _("信息公开")

    # The model permissions each editors' role gets (collected by portal.home.roles): township
    # capacity figures for every editor (limited to their region by the admin), the cities' staffing
    # rules and evaluation schemes for province administrators.
    role_permissions = {
        "editor": ["add_townshipcapacity", "change_townshipcapacity"],
        "province": [
            "add_staffingrule",
            "change_staffingrule",
            "delete_townshipcapacity",
            "add_evaluationscheme",
            "change_evaluationscheme",
        ],
    }

    def ready(self):
        from . import contracts_won, signal_handlers
        from .evaluations import registry
        from .home import register

        register()
        registry.register()
        contracts_won.register()
        signal_handlers.connect()
