"""Cached fragments of the expensive parts of the disclosures listings (facet counts, the rendered
filter sidebar), purged with the page cache: every key carries portal.core.page_cache's
generation, which is bumped on every publish and content save. The lifetime is
FRAGMENT_CACHE_SECONDS (0, as in the tests, computes every time)."""

import hashlib

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language

from portal.core.page_cache import fragment_seconds, generation


def normalised_params(params, drop=()):
    """The query parameters as a stable, hashable tuple (sorted names, values in order)."""
    return tuple(sorted((key, tuple(params.getlist(key))) for key in params if key not in drop))


def fragment_key(name, *parts):
    """A cache key for fragment `name` depending on `parts`, the content generation, the language
    and the day (stages and deadlines shown in the listings change with the date)."""
    raw = repr((parts, get_language(), timezone.localdate().isoformat()))
    return f"disclosures:{name}:{generation()}:{hashlib.sha256(raw.encode()).hexdigest()}"


def cached_fragment(name, parts, compute):
    """compute() from the fragment cache, or computed and stored under fragment_key(name, *parts)."""
    seconds = fragment_seconds()
    if seconds <= 0:
        return compute()
    key = fragment_key(name, *parts)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    return value
