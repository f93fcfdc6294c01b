"""The embedded registry engine: the ORM over the providers table, with the jieba-segmented
`search_text` column for keywords (every query term must occur), on SQLite and PostgreSQL alike.

One search costs three keyword scans when nothing is cached: the grouped counts and the service-item
counts (db_facets) and the page's ids. The counts (per filter set) and the page's providers (per
filter set, sort and page) are kept in the fragment cache under the content generation, so a repeated
search runs none; with FRAGMENT_CACHE_SECONDS=0 (the tests) every search reads the database."""

from collections.abc import Mapping, Sequence

from django.db.models import Case, Count, F, IntegerField, Q, Value, When, Window

from portal.search.segment import highlight_terms, normalise, query_terms

from .base import NO_GRADE, RegistryEngine, RegistryParams, RegistryResult
from .db_facets import count_all

SNIPPET_CHARS = 80


def _provider_model():
    from portal.providers.models import Provider

    return Provider


def credit_code_in(q):
    """The query as a unified social credit code, when it has that shape (18 letters/digits)."""
    code = normalise(q).strip().upper()
    return code if len(code) == 18 and code.isalnum() else ""


def keyword_q(q):
    """Every query term must occur in the segmented text. `search_text` is stored normalised (lower
    case, see segment.index_text) and the terms are normalised the same way, so a case-sensitive
    `contains` finds what `icontains` would, without upper-casing every row's text on each search
    (on PostgreSQL that made the scan about seven times slower)."""
    terms = query_terms(q)
    condition = Q()
    for term in terms:
        condition &= Q(search_text__contains=term)
    code = credit_code_in(q)
    if code:
        condition |= Q(credit_code=code)
    return condition, terms


def region_prefix(code):
    """Significant prefix of a GB/T 2260 code (33 province, 3301 city, 330106 county); longer
    (township) codes are used whole."""
    if len(code) == 6 and code.isdigit():
        if code[2:] == "0000":
            return code[:2]
        if code[4:] == "00":
            return code[:4]
    return code


def region_q(code):
    return Q(region__code__startswith=region_prefix(code))


def grade_q(grade):
    if grade == NO_GRADE:
        return Q(latest_grade__isnull=True)
    return Q(latest_grade=grade)


def filter_conditions(params: RegistryParams):
    """Facet name -> Q for every filter given (keyword under the key "q")."""
    conditions = {}
    if params.q:
        conditions["q"], _terms = keyword_q(params.q)
    if params.region_code:
        conditions["region"] = region_q(params.region_code)
    if params.service_item:
        conditions["service"] = Q(service_items=params.service_item)
    if params.provider_type:
        conditions["provider_type"] = Q(provider_type=params.provider_type)
    if params.status:
        conditions["status"] = Q(status=params.status)
    if params.grade:
        conditions["grade"] = grade_q(params.grade)
    return conditions


def _grade_rank():
    from portal.providers.models.choices import GRADE_RANK

    return Case(
        *[When(latest_grade=grade, then=Value(rank)) for grade, rank in GRADE_RANK.items()],
        default=Value(0),
        output_field=IntegerField(),
    )


EXACT_MATCH = 100


def _relevance(q, terms):
    """The exact name or credit code ranks first; then the whole query in the name; then each term
    in the name (matches in services or descriptions only count as matches)."""
    whole = normalise(q).strip()
    score = Case(When(Q(name__iexact=whole) | Q(credit_code=whole.upper()), then=Value(EXACT_MATCH)), default=Value(0))
    score = score + Case(When(name__icontains=whole, then=Value(10)), default=Value(0))
    for term in terms:
        score = score + Case(When(name__icontains=term, then=Value(2)), default=Value(0))
    return score


def ordered(qs, params: RegistryParams):
    sort = params.effective_sort
    if sort == "relevance":
        terms = query_terms(params.q)
        return qs.annotate(relevance=_relevance(params.q, terms)).order_by("-relevance", "name", "id")
    if sort == "grade":
        return qs.annotate(grade_rank=_grade_rank()).order_by("-grade_rank", "name", "id")
    if sort == "registered_desc":
        return qs.order_by(F("registered_on").desc(nulls_last=True), "name", "id")
    if sort == "registered_asc":
        return qs.order_by(F("registered_on").asc(nulls_last=True), "name", "id")
    return qs.order_by("name", "id")


def filtered_queryset(params: RegistryParams, without=()):
    """Providers matching every filter except the facets named in `without`."""
    qs = _provider_model().objects.all()
    for name, condition in filter_conditions(params).items():
        if name not in without:
            qs = qs.filter(condition)
    if params.service_item and "service" not in without:
        qs = qs.distinct()
    return qs


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
    from portal.core.page_cache import remember

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
