"""The database registry engine's queries: the keyword condition over the segmented `search_text`,
the filters, the sort orders and the filtered queryset, shared by the engine (database.py) and its
facet counts (db_facets.py)."""

from django.db.models import Case, F, IntegerField, Q, Value, When

from portal.reference import codes
from portal.search.segment import normalise, query_terms

from .base import NO_GRADE, RegistryParams


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
    return codes.prefix(code)


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
