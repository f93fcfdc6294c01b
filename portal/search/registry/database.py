"""The embedded registry engine: the ORM over the providers table, with the jieba-segmented
`search_text` column for keywords (every query term must occur), on SQLite and PostgreSQL alike."""

from django.db.models import Case, F, IntegerField, Q, Value, When

from ..segment import highlight_terms, normalise, query_terms
from .base import NO_GRADE, FacetValue, RegistryEngine, RegistryParams, RegistryResult

SNIPPET_CHARS = 80


def _provider_model():
    from portal.providers.models import Provider

    return Provider


def credit_code_in(q):
    """The query as a unified social credit code, when it has that shape (18 letters/digits)."""
    code = normalise(q).strip().upper()
    return code if len(code) == 18 and code.isalnum() else ""


def keyword_q(q):
    terms = query_terms(q)
    condition = Q()
    for term in terms:
        condition &= Q(search_text__icontains=term)
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


class _FacetRow:
    __slots__ = ("pk", "region", "provider_type", "status", "grade", "services")

    def __init__(self, pk, region, provider_type, status, grade):
        self.pk, self.region, self.provider_type, self.status, self.grade = pk, region, provider_type, status, grade
        self.services = set()


def _facet_table(params):
    """One row per provider matching the keyword (all providers without one): two queries."""
    qs = _provider_model().objects.order_by()
    if params.q:
        qs = qs.filter(keyword_q(params.q)[0])
    rows = {
        pk: _FacetRow(pk, region or "", provider_type, status, grade)
        for pk, region, provider_type, status, grade in qs.values_list(
            "pk", "region__code", "provider_type", "status", "latest_grade"
        )
    }
    through = _provider_model().service_items.through
    links = through.objects.all() if not params.q else through.objects.filter(provider__in=qs.values("pk"))
    for provider_id, item_id in links.values_list("provider_id", "serviceitem_id"):
        row = rows.get(provider_id)
        if row is not None:
            row.services.add(item_id)
    return list(rows.values())


def _matches(row, params, without):
    """Whether a facet-table row passes every filter but the one named `without`."""
    if without != "region" and params.region_code and not row.region.startswith(region_prefix(params.region_code)):
        return False
    if without != "service" and params.service_item and params.service_item not in row.services:
        return False
    if without != "provider_type" and params.provider_type and row.provider_type != params.provider_type:
        return False
    if without != "status" and params.status and row.status != params.status:
        return False
    if without != "grade" and params.grade:
        if params.grade == NO_GRADE:
            return row.grade is None
        return row.grade == params.grade
    return True


def _count(values):
    counts = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return [FacetValue(value, n) for value, n in sorted(counts.items())]


class DatabaseEngine(RegistryEngine):
    """ORM implementation of the registry search (embedded default)."""

    name = "database"

    def matching_ids(self, params):
        return list(ordered(filtered_queryset(params), params).values_list("pk", flat=True))

    def search(self, params):
        base = filtered_queryset(params)
        total = base.count()
        page_ids = list(
            ordered(base, params).values_list("pk", flat=True)[params.offset : params.offset + params.per_page]
        )
        by_pk = _provider_model().objects.for_listing().in_bulk(page_ids)
        providers = [by_pk[pk] for pk in page_ids if pk in by_pk]
        terms = highlight_terms(params.q) if params.q else []
        highlights = {p.pk: {"description": _snippet(p.description, terms)} for p in providers} if terms else {}
        return RegistryResult(
            providers=providers,
            total=total,
            facets=self.facets(params),
            highlights=highlights,
            terms=terms,
            engine=self.name,
        )

    def facets(self, params):
        """Disjunctive facet counts (each facet ignores its own filter). The keyword match is the
        expensive part (a LIKE over every provider's text), so it runs once for a compact table of
        the matching providers (region, type, status, grade, service items) and every facet is
        counted from that table, instead of one keyword scan per facet."""
        table = _facet_table(params)
        facets = {}
        without_region = [row for row in table if _matches(row, params, without="region")]
        facets["city"] = _count(row.region[:4] + "00" for row in without_region if row.region)
        city_code = params.region_code[:4] if len(params.region_code) >= 4 and params.region_code[2:4] != "00" else ""
        if city_code:
            facets["county"] = _count(
                row.region[:6] for row in without_region if row.region and row.region.startswith(city_code)
            )
        else:
            facets["county"] = []
        facets["service"] = _count(
            str(item) for row in table if _matches(row, params, without="service") for item in sorted(row.services)
        )
        for name, attribute in (("provider_type", "provider_type"), ("status", "status")):
            facets[name] = _count(getattr(row, attribute) for row in table if _matches(row, params, without=name))
        facets["grade"] = _count(row.grade or NO_GRADE for row in table if _matches(row, params, without="grade"))
        return facets
