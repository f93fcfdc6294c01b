from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """Home page, standard pages, region sections, navigation, site settings and editors' roles."""

    name = "portal.home"
    label = "home"
    verbose_name = _("首页与站点")

    # Site settings are the province administrators' (collected by roles.py with the other apps').
    role_permissions = {"province": ["change_portalsettings"]}

    def ready(self):
        from .sections import register
        from .signal_handlers import connect

        register()
        connect()
