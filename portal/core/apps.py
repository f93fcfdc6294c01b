from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Helpers used by at least two apps: middleware, template tags, the demo-data registry."""

    name = "portal.core"
    label = "core"
    verbose_name = "公共组件"

    def ready(self):
        from .signals import connect

        connect()
