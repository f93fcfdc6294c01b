"""The one way to cache a fragment (a rendered part of a page, facet counts, a looked-up value):
`remember(name, parts, compute)`, and `remember_many` for a list of per-object fragments (the
cards of a listing page). Keys carry the content generation, so fragments are purged with the
pages. Lifetime FRAGMENT_CACHE_SECONDS (0, as in most tests, computes every time); fragments are
cached even when the full-page cache is off (the admin preview, signed-in editors)."""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

from .generation import generation


def fragment_seconds():
    """Lifetime of cached fragments of expensive page parts (home sections...), purged like pages;
    they are cached even when the full-page cache is off (the admin preview and signed-in editors)."""
    return int(getattr(settings, "FRAGMENT_CACHE_SECONDS", 300))


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
    return f"fragment:{name}:{generation()}:{_digest(parts)}"


def _digest(parts):
    return hashlib.sha256(repr(parts).encode()).hexdigest()


# The process-local tier of remember(local=True): {(name, parts, generation): (monotonic expiry,
# value)}, at most LOCAL_MAX entries. Its keys carry the content generation like the shared
# cache's, so a purge reaches it at once.
_local = {}
LOCAL_MAX = 256


def clear_local():
    """Empty this process's tier of remember(local=True) (tests, after rolling back their writes)."""
    _local.clear()


def remember(name, parts, compute, seconds=None, keep=None, purged=True, local=False):
    """compute(), kept in the cache under fragment_key(name, *parts) for `seconds` (by default
    FRAGMENT_CACHE_SECONDS), so until content changes; computed every time when that is 0. A
    None result is not kept, nor one for which `keep(result)` is false.

    `purged=False` keeps it across content changes: for results whose `parts` already name the
    version of what they show (a PDF of a page's revision), too costly to redo on every publish
    elsewhere.

    `local=True` also keeps the value in this process's memory, handed out as the same object to
    every request (callers treat it as read-only): for small values read on every request (the
    site answering a host), where unpickling a copy from the cache costs more than the page work
    it saves."""
    seconds = fragment_seconds() if seconds is None else seconds
    if seconds <= 0:
        return compute()
    if local:
        local_key = (name, parts, generation() if purged else None)
        entry = _local.get(local_key)
        if entry is not None and entry[0] > time.monotonic():
            return entry[1]
    key = fragment_key(name, *parts) if purged else f"fragment:{name}:{_digest(parts)}"
    value = cache.get(key)
    if value is None:
        value = compute()
        if value is not None and (keep is None or keep(value)):
            cache.set(key, value, seconds)
        elif local:
            return value
    if local and value is not None:
        if len(_local) >= LOCAL_MAX:
            _local.clear()  # old generations' entries mostly; the shared cache still has the rest
        _local[local_key] = (time.monotonic() + seconds, value)
    return value


def remember_many(name, keys, compute_missing, parts=(), seconds=None):
    """{key: fragment} for every key of `keys` (values with a stable repr, e.g. primary keys), each
    kept under fragment_key(name, key, *parts); only the missing ones are computed, by
    compute_missing(missing keys) -> {key: fragment}, and stored. With caching off every one is
    computed."""
    seconds = fragment_seconds() if seconds is None else seconds
    if seconds <= 0:
        return compute_missing(list(keys))
    cache_keys = {key: fragment_key(name, key, *parts) for key in keys}
    found = cache.get_many(list(cache_keys.values()))
    result = {key: found[cache_key] for key, cache_key in cache_keys.items() if cache_key in found}
    missing = [key for key in keys if key not in result]
    if missing:
        fresh = compute_missing(missing)
        cache.set_many({cache_keys[key]: value for key, value in fresh.items()}, seconds)
        result.update(fresh)
    return result
