"""Cache invalidation for site-wide fragments."""

from django.core.cache import cache
from wagtail.signals import page_published, page_unpublished

from .templatetags.portal_tags import NAV_CACHE_KEY


def _clear_navigation(sender, instance, **kwargs):
    from wagtail.models import Site

    for site_id in Site.objects.values_list("pk", flat=True):
        cache.delete(NAV_CACHE_KEY.format(site_id=site_id))


def connect():
    from .page_cache import connect as connect_page_cache

    connect_page_cache()
    page_published.connect(_clear_navigation, dispatch_uid="core.nav.published")
    page_unpublished.connect(_clear_navigation, dispatch_uid="core.nav.unpublished")
