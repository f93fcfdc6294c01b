"""Signal wiring of core: the page cache's purge signals and the Site record after migrate."""


def sync_site_after_migrate(sender, using="default", **kwargs):
    """After migrate: the default Site record's hostname and port from PORTAL_BASE_URL, if set."""
    from django.db import DEFAULT_DB_ALIAS

    from .public_url import sync_site_from_base_url

    if using == DEFAULT_DB_ALIAS:
        sync_site_from_base_url()


def connect():
    from .page_cache import connect as connect_page_cache

    connect_page_cache()
