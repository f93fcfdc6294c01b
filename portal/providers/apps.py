from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProvidersConfig(AppConfig):
    """Registry of service providers (承接主体)."""

    name = "portal.providers"
    label = "providers"
    verbose_name = _("承接主体")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .home import register
        from .signals import connect

        register()
        connect()
