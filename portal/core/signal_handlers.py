"""Signal handlers of core, connected by CoreConfig.ready() (connect()): the page cache's purge signals
and the Site record after migrate."""


def sync_site_after_migrate(sender, using="default", **kwargs):
    """After migrate: the default Site record's hostname and port from PORTAL_BASE_URL, if set."""
    from django.db import DEFAULT_DB_ALIAS

    from .public_url import sync_site_from_base_url

    if using == DEFAULT_DB_ALIAS:
        sync_site_from_base_url()


def connect(app_config):
    from django.db.models.signals import post_migrate

    from .caching.generation import connect as connect_page_cache

    connect_page_cache()
    # The default Site record follows PORTAL_BASE_URL on every migrate (portal.core.public_url).
    post_migrate.connect(sync_site_after_migrate, sender=app_config, dispatch_uid="core.sync_site")
