"""Cache invalidation for site-wide fragments."""

from django.core.cache import cache
from wagtail.signals import page_published, page_unpublished

from .templatetags.portal_tags import NAV_CACHE_KEY


def _clear_navigation(sender, instance, **kwargs):
    from wagtail.models import Site

    for site_id in Site.objects.values_list("pk", flat=True):
        cache.delete(NAV_CACHE_KEY.format(site_id=site_id))


def sync_site_after_migrate(sender, using="default", **kwargs):
    """After migrate: the default Site record's hostname and port from PORTAL_BASE_URL, if set."""
    from django.db import DEFAULT_DB_ALIAS

    from .public_url import sync_site_from_base_url

    if using == DEFAULT_DB_ALIAS:
        sync_site_from_base_url()


def connect():
    from .page_cache import connect as connect_page_cache

    connect_page_cache()
    page_published.connect(_clear_navigation, dispatch_uid="core.nav.published")
    page_unpublished.connect(_clear_navigation, dispatch_uid="core.nav.unpublished")
