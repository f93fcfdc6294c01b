"""Full-page cache for anonymous visitors.

Wagtail's usual choice, wagtail-cache, does not support Wagtail 8 (3.0 requires wagtail<8), and
Django's own per-site cache middleware cannot be purged on publish and caches per full Cookie header
(every visitor with an analytics or CSRF cookie would miss). So this small middleware:

- serves GET/HEAD requests without a session or pending-message cookie from the default cache,
  keyed on host, full path with query string and the display mode (标准版 / 长辈版 cookie);
- stores only 200 responses that set no cookie, used no CSRF token, are not private/no-store and
  are not streamed, for PAGE_CACHE_SECONDS (0 switches the cache off);
- is purged as a whole by bumping a generation number when content changes: pages published,
  unpublished, moved or deleted, and saves, deletions and many-to-many changes of the models public
  pages show (see `CONTENT_APPS`); bulk writes (the provider import) purge explicitly.
  New complaints do not purge it (that would empty the cache under submission load); the figures
  they change (statistics) are at most PAGE_CACHE_SECONDS old.

The embedded default's cache is in-process (locmem): with several gunicorn workers each has its own
page cache, so the generation is kept in a file under VAR_DIR that every worker reads (a purge in
one reaches all of them at once); the scale-out deployment sets CACHE_URL to Redis, shared by all
workers, which keeps the generation. Responses carry `X-Page-Cache: hit|miss`.
"""

import hashlib
import os
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.translation import get_language

from .middleware import DISPLAY_COOKIE

GENERATION_KEY = "page-cache:generation"
# Apps whose saved or deleted objects appear on public pages.
CONTENT_APPS = {
    "home",
    "reference",
    "disclosures",
    "providers",
    "publicity",
    "wagtailcore",
    "wagtaildocs",
    "wagtailimages",
}
# Oversight objects that change what the public register and tracking show. Cases purge only when
# updated (handling saves the case with every status change), not when a new one arrives.
OVERSIGHT_MODELS = {"handlingbody", "oversightsettings"}
# Bookkeeping rows of content apps that no public page shows: the registry's backlog of cluster
# documents still to write (written on every provider save while the cluster is down).
NOT_CONTENT = {("providers", "pendingindexupdate")}
MEDIA_APPS = {"wagtailimages", "wagtaildocs"}
SKIP_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/healthz", "/display/", "/bench/", "/oversight/receipt")
HEADER = "X-Page-Cache"


def seconds():
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0) or 0)


def fragment_seconds():
    """Lifetime of cached fragments of expensive page parts (home sections...), purged like pages;
    they are cached even when the full-page cache is off (the admin preview and signed-in editors)."""
    return int(getattr(settings, "FRAGMENT_CACHE_SECONDS", 300))


def _generation_file():
    """With the in-process cache of the embedded default, each gunicorn worker has its own cache, so
    the generation lives in a file all processes on the machine see (one stat per read): a purge
    in one worker reaches every worker's pages and fragments at once. None with a shared cache
    (Redis), which keeps the generation itself."""
    if not settings.CACHES["default"]["BACKEND"].endswith("LocMemCache"):
        return None
    return Path(
        getattr(settings, "PAGE_CACHE_GENERATION_FILE", None) or Path(settings.VAR_DIR) / "page-cache.generation"
    )


def generation():
    path = _generation_file()
    if path is not None:
        try:
            return path.stat().st_mtime_ns
        except FileNotFoundError:
            return 0
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = 1
        cache.add(GENERATION_KEY, value, None)
    return value


def frame_key(request):
    """What the page frame's shared parts (navigation, footer) and other per-site fragments depend
    on besides the visitor-specific bits: the content generation, the host and port (which Site
    answers) and the language. Computed once a request (kept on the request as
    `portal_frame_key`)."""
    key = getattr(request, "portal_frame_key", None)
    if key is None:
        key = f"{generation()}:{request.get_host()}:{request.get_port()}:{get_language()}"
        request.portal_frame_key = key
    return key


def fragment_key(name, *parts):
    """The cache key of the cached fragment `name` that depends on `parts` (any values with a
    stable repr) and on the content generation."""
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    return f"fragment:{name}:{generation()}:{digest}"


def remember(name, parts, compute, seconds=None, keep=None):
    """compute(), kept in the cache under fragment_key(name, *parts) for `seconds` (by default
    FRAGMENT_CACHE_SECONDS), so until content changes; computed every time when that is 0. A
    None result is not kept, nor one for which `keep(result)` is false."""
    seconds = fragment_seconds() if seconds is None else seconds
    if seconds <= 0:
        return compute()
    key = fragment_key(name, *parts)
    value = cache.get(key)
    if value is None:
        value = compute()
        if value is not None and (keep is None or keep(value)):
            cache.set(key, value, seconds)
    return value


def purge():
    """Invalidate every cached page (O(1): later requests use a new key generation)."""
    path = _generation_file()
    if path is not None:
        # A new, larger modification time (nanoseconds) on every purge, even two in the same tick
        # or with the clock set back.
        before = generation()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch()
        stamp = max(time.time_ns(), before + 1)
        os.utime(path, ns=(stamp, stamp))
        return
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, None)


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


def _content_changed(sender, **kwargs):
    meta = getattr(sender, "_meta", None)
    if meta is None:
        return
    if kwargs.get("created") and (_is_site_setting(sender) or meta.app_label in MEDIA_APPS):
        # Settings rows are created empty on first read, while a page renders; a new upload is on
        # no page until a page using it is published.
        return
    if _is_rendition(sender):
        return  # derived image sizes, created while pages render
    if (meta.app_label, meta.model_name) in NOT_CONTENT:
        return
    if meta.app_label in CONTENT_APPS or (meta.app_label == "oversight" and meta.model_name in OVERSIGHT_MODELS):
        purge()
    elif meta.app_label == "oversight" and meta.model_name == "case" and not kwargs.get("created", False):
        purge()


def _is_site_setting(model):
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting

    return issubclass(model, (BaseSiteSetting, BaseGenericSetting))


def _is_rendition(model):
    from wagtail.images.models import AbstractRendition

    return issubclass(model, AbstractRendition)


def _page_event(sender, **kwargs):
    purge()


def _relations_changed(sender, instance, action, **kwargs):
    """Many-to-many changes (a provider's service items, a project's regions...) send no save
    signal; purge as saves of the same models do."""
    if action in ("post_add", "post_remove", "post_clear"):
        _content_changed(type(instance))


def connect():
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    post_save.connect(_content_changed, dispatch_uid="core.page_cache.saved")
    post_delete.connect(_content_changed, dispatch_uid="core.page_cache.deleted")
    m2m_changed.connect(_relations_changed, dispatch_uid="core.page_cache.relations")
    page_published.connect(_page_event, dispatch_uid="core.page_cache.published")
    page_unpublished.connect(_page_event, dispatch_uid="core.page_cache.unpublished")
    post_page_move.connect(_page_event, dispatch_uid="core.page_cache.moved")
