from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosuresConfig(AppConfig):
    """Procurement disclosures: projects and notices, township capacity, OCDS and open data."""

    name = "portal.disclosures"
    label = "disclosures"
    verbose_name = _("信息公开")

    # The model permissions each editors' role gets (collected by portal.home.roles): township
    # capacity figures for every editor (limited to their region by the admin), the cities' staffing
    # rules for province administrators.
    role_permissions = {
        "editor": ["add_townshipcapacity", "change_townshipcapacity"],
        "province": [
            "add_staffingrule",
            "change_staffingrule",
            "delete_townshipcapacity",
        ],
    }

    def ready(self):
        from . import contracts_won, signal_handlers
        from .home import register

        register()
        contracts_won.register()
        signal_handlers.connect()
