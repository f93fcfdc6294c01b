from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Helpers used by at least two apps: middleware, template tags, the demo-data registry."""

    name = "portal.core"
    label = "core"
    verbose_name = "公共组件"

    def ready(self):
        from django.db.models.signals import post_migrate
        from django.urls import register_converter

        from . import checks  # noqa: F401  (registers the system checks)
        from .converters import IdConverter
        from .signals import connect, sync_site_after_migrate

        # <id:pk>: database ids of at most 18 digits, for every app's URLs (registered before any
        # URLconf is imported, whichever imports first).
        register_converter(IdConverter, "id")
        connect()
        # The default Site record follows PORTAL_BASE_URL on every migrate (portal.core.public_url).
        post_migrate.connect(sync_site_after_migrate, sender=self, dispatch_uid="core.sync_site")
