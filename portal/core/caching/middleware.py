"""Full-page cache for anonymous visitors.

Wagtail's usual choice, wagtail-cache, does not support Wagtail 8 (3.0 requires wagtail<8), and
Django's own per-site cache middleware cannot be purged on publish and caches per full Cookie header
(every visitor with an analytics or CSRF cookie would miss). So this small middleware:

- serves GET/HEAD requests without a session or pending-message cookie from the default cache,
  keyed on host, full path with query string and the display mode (标准版 / 长辈版 cookie);
- stores only 200 responses that set no cookie, used no CSRF token, are not private/no-store and
  are not streamed, for PAGE_CACHE_SECONDS (0 switches the cache off);
- is purged as a whole with the content generation (generation.py).
Responses carry `X-Page-Cache: hit|miss`.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from ..middleware import DISPLAY_COOKIE
from .generation import generation

SKIP_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/healthz", "/display/", "/bench/", "/oversight/receipt")
HEADER = "X-Page-Cache"


def seconds():
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0) or 0)


def cache_key(request):
    mode = request.COOKIES.get(DISPLAY_COOKIE, "")
    raw = f"{request.get_host()}|{request.get_full_path()}|{mode}"
    return f"page-cache:{generation()}:{hashlib.sha256(raw.encode()).hexdigest()}"


def _eligible_request(request):
    if request.method not in ("GET", "HEAD") or seconds() <= 0:
        return False
    if request.path.startswith(SKIP_PREFIXES):
        return False
    cookies = request.COOKIES
    # A session may belong to a signed-in editor; pending messages are rendered once.
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _cacheable_response(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False
    control = response.get("Cache-Control", "").lower()
    if any(word in control for word in ("private", "no-store", "no-cache", "max-age=0")):
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _eligible_request(request):
            return self.get_response(request)
        key = cache_key(request)
        hit = cache.get(key)
        if hit is not None:
            content, headers = hit
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            response[HEADER] = "hit"
            return response
        response = self.get_response(request)
        if _cacheable_response(request, response):
            headers = [(k, v) for k, v in response.items() if k.lower() not in {"set-cookie", HEADER.lower()}]
            cache.set(key, (response.content, headers), seconds())
            response[HEADER] = "miss"
        return response
