from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    """Complaints and media inquiries (监督投诉)."""

    name = "portal.oversight"
    label = "oversight"
    verbose_name = _("监督投诉")

    def ready(self):
        from . import calendar_sync, exits
        from .sections import register

        register()
        calendar_sync.connect()
        exits.connect()
