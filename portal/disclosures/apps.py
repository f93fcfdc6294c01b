from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosuresConfig(AppConfig):
    """Reference data (regions, service catalogue, working-day calendar) and procurement disclosures."""

    name = "portal.disclosures"
    label = "disclosures"
    verbose_name = _("信息公开")

    def ready(self):
        from . import lifecycle  # noqa: F401
        from .contracts_won import connect as connect_contracts_won
        from .evaluations import registry
        from .home import register

        register()
        registry.connect()
        connect_contracts_won()
