from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    """Complaints and media inquiries (监督投诉)."""

    name = "portal.oversight"
    label = "oversight"
    verbose_name = _("监督投诉")

    # Province administrators: every case and the handling bodies (collected by portal.home.roles;
    # the complaint handlers' own group is set up by portal.oversight.roles).
    role_permissions = {
        "province": [
            "view_case",
            "change_case",
            "view_all_cases",
            "view_handlingbody",
            "add_handlingbody",
            "change_handlingbody",
            "view_outboxmessage",
            "change_oversightsettings",
        ],
    }

    def ready(self):
        from . import signal_handlers
        from .sections import register

        register()
        signal_handlers.connect()
