"""Cached fragments of the expensive parts of the disclosures listings (facet counts, the rendered
filter sidebar), purged with the page cache: every key carries portal.core.caching's
generation, which is bumped on every publish and content save. The lifetime is
FRAGMENT_CACHE_SECONDS (0, as in the tests, computes every time)."""

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

from portal.core import caching


def depends(parts):
    """`parts` with what every fragment of the listings also depends on: the language, and the day
    (stages and deadlines shown in the listings change with the date)."""
    return (parts, get_language(), timezone.localdate().isoformat())


def cached_fragment(name, parts, compute):
    """compute() from the fragment cache (portal.core.caching.remember), depending on `parts`."""
    return caching.remember(f"disclosures:{name}", depends(parts), compute)


def filter_sidebar(name, key, filterset, facet_groups, action):
    """The rendered filter form and facet links of a listing (its selects list every city and
    county), rendered once per filter set `key`. `action` is the listing's URL."""
    context = {"form": filterset.form, "facet_groups": facet_groups, "action": action}
    return cached_fragment(
        f"{name}-filters", key, lambda: render_to_string("disclosures/includes/listing_filters.html", context)
    )
