"""The one place where the portal relies on a Wagtail detail that is not public API.

`Site.find_for_request` (wagtail/models/sites.py) memoises the site of a request on the request,
as its docstring says ("The site will be cached via request._wagtail_site"), and every part of
Wagtail that needs the site (routing, `page.get_url`, site settings, the sitemap, redirects) asks
it. Wagtail offers no supported way to supply that site from a cache shared across requests, so
without help every uncached page costs the site query and the query for the home page's specific
form. `remember_site` seeds the per-request memo with the site the portal found in its own cache
(portal.core.sites); nothing else of Wagtail's is touched, and Wagtail's classes keep their own
methods.

Upstream question (to ask on wagtail/wagtail): a supported way to provide the Site for a request,
e.g. a `WAGTAIL_SITE_FINDER` setting naming a callable, or a public `Site.set_for_request(request,
site)` that seeds the memo. When Wagtail renames or drops the memo, tests/core/test_wagtail_compat.py
fails: then use the new API, or drop this module (the portal keeps working, one or two queries
slower per page).
"""

SITE_MEMO = "_wagtail_site"  # read by Site.find_for_request (wagtail 8.0)


def remember_site(request, site):
    """Make `Site.find_for_request(request)` answer `site` (None: no site) without a query."""
    setattr(request, SITE_MEMO, site)
