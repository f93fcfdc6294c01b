"""The embedded registry engine: the ORM over the providers table, with the jieba-segmented
`search_text` column for keywords (every query term must occur), on SQLite and PostgreSQL alike.

One search costs three keyword scans when nothing is cached: the grouped counts and the service-item
counts (db_facets) and the page's ids. The counts (per filter set) and the page's providers (per
filter set, sort and page) are kept in the fragment cache under the content generation, so a repeated
search runs none; with FRAGMENT_CACHE_SECONDS=0 (the tests) every search reads the database."""

from collections.abc import Mapping, Sequence

from django.db.models import Count, Window

from portal.core.caching import remember
from portal.search.segment import highlight_terms, normalise, query_terms

from .base import RegistryEngine, RegistryParams, RegistryResult
from .db_facets import count_all
from .db_queries import _provider_model, credit_code_in, filtered_queryset, ordered, region_prefix

SNIPPET_CHARS = 80


def _snippet(text, terms):
    if not text:
        return ""
    lowered = normalise(text)
    positions = [lowered.find(t) for t in terms if t and lowered.find(t) >= 0]
    if not positions:
        return text[:SNIPPET_CHARS] + ("…" if len(text) > SNIPPET_CHARS else "")
    start = max(min(positions) - SNIPPET_CHARS // 4, 0)
    end = start + SNIPPET_CHARS
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


class LazyPage(Sequence):
    """The providers of one result page, loaded (from the cache or the database) on first use."""

    def __init__(self, load):
        self._load = load
        self._items = None

    def _list(self):
        if self._items is None:
            self._items = list(self._load())
        return self._items

    def __getitem__(self, index):
        return self._list()[index]

    def __len__(self):
        return len(self._list())

    def __iter__(self):
        return iter(self._list())

    def __eq__(self, other):
        if isinstance(other, Sequence) and not isinstance(other, str):
            return self._list() == list(other)
        return NotImplemented

    def __repr__(self):
        return f"LazyPage({self._list()!r})"


class LazyHighlights(Mapping):
    """Provider pk -> {"description": snippet around the first term}, computed on first use."""

    def __init__(self, providers, terms):
        self._providers = providers
        self._terms = terms
        self._snippets = None

    def _dict(self):
        if self._snippets is None:
            self._snippets = {p.pk: {"description": _snippet(p.description, self._terms)} for p in self._providers}
        return self._snippets

    def __getitem__(self, pk):
        return self._dict()[pk]

    def __len__(self):
        return len(self._dict())

    def __iter__(self):
        return iter(self._dict())


def _cached(kind, parts, compute):
    """`compute()`, kept in the cache under the content generation (so any content save or
    publish drops it) and the parameters it depends on."""

    return remember(f"registry-db:{kind}", parts, compute)


def _keyword_key(q):
    """What the keyword condition depends on: its terms and a credit code in it."""
    return (tuple(query_terms(q)), credit_code_in(q)) if q else ()


def _filter_key(params: RegistryParams):
    return (
        _keyword_key(params.q),
        params.region_code,
        params.service_item,
        params.provider_type,
        params.status,
        params.grade,
    )


class DatabaseEngine(RegistryEngine):
    """ORM implementation of the registry search (embedded default)."""

    name = "database"

    def matching_ids(self, params):
        return list(ordered(filtered_queryset(params), params).values_list("pk", flat=True))

    def preview(self, params):
        """One query: the page (with the region chain) and, by a window count, the total."""
        qs = ordered(filtered_queryset(params), params).select_related("region__parent__parent")
        qs = qs.annotate(matching=Window(Count("pk")))
        providers = list(qs[params.offset : params.offset + params.per_page])
        total = providers[0].matching if providers else 0
        return RegistryResult(providers=providers, total=total, terms=highlight_terms(params.q), engine=self.name)

    def page_ids(self, params):
        """The pks of the requested page, in result order."""
        return list(
            ordered(filtered_queryset(params), params).values_list("pk", flat=True)[
                params.offset : params.offset + params.per_page
            ]
        )

    def page_providers(self, params):
        """The providers of the requested page, in result order, with what a directory row shows."""
        page_ids = self.page_ids(params)
        by_pk = _provider_model().objects.for_listing().in_bulk(page_ids) if page_ids else {}
        return [by_pk[pk] for pk in page_ids if pk in by_pk]

    def counts(self, params):
        """(total, facets) for the filters of `params` (sort and page do not matter)."""
        return _cached("counts", _filter_key(params), lambda: count_all(params, region_prefix))

    def search(self, params):
        total, facets = self.counts(params)
        page_key = (params.q, params.effective_sort, params.offset, params.per_page, *_filter_key(params)[1:])
        if total:
            # Loaded when first used: a page whose rendered parts are cached does not need them.
            providers = LazyPage(lambda: _cached("page", page_key, lambda: self.page_providers(params)))
        else:
            providers = []
        terms = highlight_terms(params.q) if params.q else []
        highlights = LazyHighlights(providers, terms) if terms else {}
        return RegistryResult(
            providers=providers,
            total=total,
            facets=facets,
            highlights=highlights,
            terms=terms,
            engine=self.name,
        )

    def facets(self, params):
        """Disjunctive facet counts (each facet ignores its own filter); see db_facets."""
        return self.counts(params)[1]
