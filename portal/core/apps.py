from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Helpers used by at least two apps: middleware, template tags, the demo-data registry."""

    name = "portal.core"
    label = "core"
    verbose_name = "公共组件"

    def ready(self):
        from django.urls import register_converter

        from . import checks  # noqa: F401  (registers the system checks)
        from .converters import IdConverter
        from .signal_handlers import connect

        # <id:pk>: database ids of at most 18 digits, for every app's URLs (registered before any
        # URLconf is imported, whichever imports first).
        register_converter(IdConverter, "id")
        connect(self)
