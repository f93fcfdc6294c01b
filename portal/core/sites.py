"""The Site that answers a request, from the cache until content changes.

`site_for_request` is Wagtail's `Site.find_for_request` with the site's root page in specific form,
kept in the cache (no query for either) while the content generation stays the same: publishing
and saving sites or pages bumps it. `SiteLookupMiddleware` hands that site to Wagtail for the
request (portal.core.wagtail_compat), so routing, page URLs and site settings find it without a
query. Uncached when cached fragments are switched off (FRAGMENT_CACHE_SECONDS=0): Wagtail then
looks the site up itself.
"""

from django.core.exceptions import DisallowedHost
from django.http.request import split_domain_port
from wagtail.models import Site

from portal.core import caching
from portal.core.wagtail_compat import remember_site


def site_for_request(request):
    """The Site answering `request` with its root page in specific form, or None when no site
    answers its host (no default site). From the cache while cached fragments are on."""

    def lookup():
        site = Site.find_for_request(request)
        if site is None:
            return False  # no site answers this host (kept in the cache too)
        site.root_page = site.root_page.specific
        return site

    if caching.fragment_seconds() <= 0:
        return lookup() or None
    hostname = split_domain_port(request.get_host())[0]
    # Read on every request: kept in process memory too (caching.remember(local=True)).
    return caching.remember("routing:site", (hostname, request.get_port()), lookup, local=True) or None


class SiteLookupMiddleware:
    """Finds the request's site in the cache before Wagtail looks for it (see the module docstring).
    After CommonMiddleware, which has checked the host against ALLOWED_HOSTS."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if caching.fragment_seconds() > 0:
            try:
                remember_site(request, site_for_request(request))
            except DisallowedHost:
                pass  # Wagtail looks the site up itself (it ignores ALLOWED_HOSTS)
        return self.get_response(request)
