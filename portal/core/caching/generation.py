"""The content generation: one number that every cached page and fragment carries in its key,
bumped (purge) when content that public pages show changes, so that everything cached before is
unreachable at once (O(1), nothing is deleted).

The embedded default's cache is in-process (locmem): with several gunicorn workers each has its own
cache, so the generation is kept in a file under VAR_DIR that every worker reads (a purge in one
reaches all of them at once); the scale-out deployment sets CACHE_URL to Redis, shared by all
workers, which keeps the generation.

The purge signals: pages published, unpublished, moved or deleted, and saves, deletions and
many-to-many changes of the models public pages show (`CONTENT_APPS`); bulk writes (the provider
import) purge explicitly. New complaints do not purge (that would empty the cache under submission
load); the figures they change (statistics) are at most PAGE_CACHE_SECONDS old."""

import functools
import os
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import cache

GENERATION_KEY = "page-cache:generation"
# Apps whose saved or deleted objects appear on public pages.
CONTENT_APPS = {
    "home",
    "reference",
    "disclosures",
    "evaluations",
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


def _generation_file():
    """With the in-process cache of the embedded default, each gunicorn worker has its own cache, so
    the generation lives in a file all processes on the machine see (one stat per read): a purge
    in one worker reaches every worker's pages and fragments at once. None with a shared cache
    (Redis), which keeps the generation itself."""
    return _generation_path(
        settings.CACHES["default"]["BACKEND"],
        getattr(settings, "PAGE_CACHE_GENERATION_FILE", None),
        settings.VAR_DIR,
    )


@functools.lru_cache(maxsize=16)
def _generation_path(backend, explicit, var_dir):
    # Read on every request: the Path built once per setting values.
    if not backend.endswith("LocMemCache"):
        return None
    return Path(explicit or Path(var_dir) / "page-cache.generation")


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

    post_save.connect(_content_changed, dispatch_uid="core.caching.saved")
    post_delete.connect(_content_changed, dispatch_uid="core.caching.deleted")
    m2m_changed.connect(_relations_changed, dispatch_uid="core.caching.relations")
    page_published.connect(_page_event, dispatch_uid="core.caching.published")
    page_unpublished.connect(_page_event, dispatch_uid="core.caching.unpublished")
    post_page_move.connect(_page_event, dispatch_uid="core.caching.moved")
