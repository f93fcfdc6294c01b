from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicityConfig(AppConfig):
    """Policy outreach campaigns, materials and staff training (政策宣传)."""

    name = "portal.publicity"
    label = "publicity"
    verbose_name = _("政策宣传")

    def ready(self):
        from .sections import register

        register()
