from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicityConfig(AppConfig):
    """Policy outreach campaigns, materials and staff training (政策宣传)."""

    name = "portal.publicity"
    label = "publicity"
    verbose_name = _("政策宣传")

    # Outreach channels are maintained by province administrators (collected by portal.home.roles).
    role_permissions = {"province": ["add_channel", "change_channel"]}

    def ready(self):
        from .sections import register

        register()
