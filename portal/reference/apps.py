from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferenceConfig(AppConfig):
    """Reference data every app shares: administrative divisions, the service catalogue, the holiday
    calendar and working days, the credit-code check. Imports only portal.core (docs/architecture.md)."""

    name = "portal.reference"
    label = "reference"
    verbose_name = _("基础数据")

    # Only province administrators maintain the registers (collected by portal.home.roles).
    role_permissions = {
        "province": [
            "add_serviceitem",
            "change_serviceitem",
            "add_calendarday",
            "change_calendarday",
            "delete_calendarday",
            "add_calendaryear",
            "change_calendaryear",
        ],
    }

    def ready(self):
        from .signal_handlers import connect

        connect()
