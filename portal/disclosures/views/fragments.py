"""Cached fragments of the expensive parts of the disclosures listings (facet counts, the rendered
filter sidebar), purged with the page cache: every key carries portal.core.page_cache's
generation, which is bumped on every publish and content save. The lifetime is
FRAGMENT_CACHE_SECONDS (0, as in the tests, computes every time)."""

from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

from portal.core import page_cache


def normalised_params(params, drop=()):
    """The query parameters as a stable, hashable tuple (sorted names, values in order)."""
    return tuple(sorted((key, tuple(params.getlist(key))) for key in params if key not in drop))


def _depends(parts):
    # The language, and the day: stages and deadlines shown in the listings change with the date.
    return (parts, get_language(), timezone.localdate().isoformat())


def fragment_key(name, *parts):
    """The cache key of fragment `name` depending on `parts`, the content generation, the language
    and the day."""
    return page_cache.fragment_key(f"disclosures:{name}", *_depends(parts))


def cached_fragment(name, parts, compute):
    """compute() from the fragment cache, or computed and stored under fragment_key(name, *parts)."""
    return page_cache.remember(f"disclosures:{name}", _depends(parts), compute)


def counted_page(name, key, filterset, facets, page, per_page):
    """(facet counts, page of results) of a filtered listing: the counts and the result's size
    come from `facets(queryset, region=...)` (grouped queries), cached per filter set `key`, so
    the paginator does not count again."""
    queryset = filterset.qs
    region = filterset.form.cleaned_data.get("region")
    counts = cached_fragment(f"{name}-facets", key, lambda: facets(queryset, region=region))
    paginator = Paginator(queryset, per_page)
    paginator.count = counts["total"]
    return counts, paginator.get_page(page)


def filter_sidebar(name, key, filterset, facet_groups, action):
    """The rendered filter form and facet links of a listing (its selects list every city and
    county), rendered once per filter set `key`. `action` is the listing's URL."""
    context = {"form": filterset.form, "facet_groups": facet_groups, "action": action}
    return cached_fragment(
        f"{name}-filters", key, lambda: render_to_string("disclosures/includes/listing_filters.html", context)
    )
