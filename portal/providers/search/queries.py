"""Query DSL for the providers index, built with elasticsearch.dsl: the same filters, facets and
orders as the database engine (portal.providers.search.db_queries), field for field.

Matching a keyword: every query term (portal.search.segment.query_terms) must occur in one of the
provider's jieba tokens, as the database engine's `search_text icontains term` demands. A term
matches as a whole word (`tokens`), as a bigram phrase inside a word (`tokens.bigram`, partial
words), or as a substring of a word (wildcard on the same tokens: single characters and partial
Latin words, which bigrams do not cover). Together that is exactly "a substring of some token".

Relevance is the database engine's score, computed with constant scores: 10 when the name contains
the whole (normalised) query, plus 2 for every term the name contains; ties by name, then id.
"""

from elasticsearch.dsl import A, Q, Search

from portal.reference import codes
from portal.search.segment import highlight_terms, normalise, query_terms

from .base import RegistryParams
from .db_queries import EXACT_MATCH, credit_code_in, region_prefix

PRE_TAG = "\ue000"
POST_TAG = "\ue001"
SNIPPET_CHARS = 80
FACET_SIZE = 1000
WHOLE_QUERY_IN_NAME = 10
TERM_IN_NAME = 2


def wildcard_escape(value):
    return value.replace("\\", "\\\\").replace("*", "\\*").replace("?", "\\?")


def contains(field, value):
    """`field` (a keyword or a token field) has a value containing `value`."""
    return Q("wildcard", **{field: {"value": f"*{wildcard_escape(value)}*"}})


def term_query(term):
    """One query term in the provider's tokens: whole word, bigram phrase, or substring."""
    return Q(
        "bool",
        should=[
            Q("term", tokens=term),
            Q("match_phrase", **{"tokens.bigram": term}),
            contains("tokens", term),
        ],
        minimum_should_match=1,
    )


def keyword_query(q):
    terms = query_terms(q)
    if not terms:
        return Q("match_all")
    words = Q("bool", filter=[term_query(term) for term in terms])
    code = credit_code_in(q)
    if code:
        return Q("bool", should=[words, Q("term", credit_code=code)], minimum_should_match=1)
    return words


def filter_queries(params: RegistryParams):
    """Facet name -> query for every filter given except the keyword (as db_queries.filter_conditions)."""
    filters = {}
    if params.region_code:
        filters["region"] = Q("prefix", region_code=region_prefix(params.region_code))
    if params.service_item:
        filters["service"] = Q("term", service_ids=str(params.service_item))
    if params.provider_type:
        filters["provider_type"] = Q("term", provider_type=params.provider_type)
    if params.status:
        filters["status"] = Q("term", status=params.status)
    if params.grade:
        filters["grade"] = Q("term", grade=params.grade)
    return filters


def all_of(queries):
    queries = list(queries)
    return Q("bool", filter=queries) if queries else Q("match_all")


def relevance_clauses(q):
    whole = normalise(q).strip()
    exact = Q("bool", should=[Q("term", **{"name.lower": whole.lower()}), Q("term", credit_code=whole.upper())])
    clauses = [
        Q("constant_score", filter=exact, boost=EXACT_MATCH),
        Q("constant_score", filter=contains("name.lower", whole), boost=WHOLE_QUERY_IN_NAME),
    ]
    for term in query_terms(q):
        clauses.append(Q("constant_score", filter=contains("name.lower", term), boost=TERM_IN_NAME))
    return clauses


def sort_spec(params: RegistryParams):
    sort = params.effective_sort
    tail = [{"name.raw": {"order": "asc"}}, {"id": {"order": "asc"}}]
    if sort == "relevance":
        return [{"_score": {"order": "desc"}}, *tail]
    if sort == "grade":
        return [{"grade_rank": {"order": "desc"}}, *tail]
    if sort == "registered_desc":
        return [{"registered_on": {"order": "desc", "missing": "_last"}}, *tail]
    if sort == "registered_asc":
        return [{"registered_on": {"order": "asc", "missing": "_last"}}, *tail]
    return tail


def base_search(params: RegistryParams):
    """The keyword query (scored for relevance) with every other filter as post_filter, so the
    facet aggregations see the keyword but choose their own filters."""
    search = Search()
    if params.q:
        keyword = keyword_query(params.q)
        if params.effective_sort == "relevance":
            search = search.query(Q("bool", filter=[keyword], should=relevance_clauses(params.q)))
        else:
            search = search.query(Q("constant_score", filter=keyword))
    filters = filter_queries(params)
    if filters:
        search = search.post_filter(all_of(filters.values()))
    return search.sort(*sort_spec(params))


def city_prefix(region_code):
    """The city part of a selected region ("" for none or a province), as the database engine."""
    return codes.city_prefix(region_code)


def add_facets(search, params: RegistryParams):
    """Disjunctive facet counts: each facet aggregated over all the *other* filters."""
    filters = filter_queries(params)

    def others(*names):
        return all_of(query for name, query in filters.items() if name not in names)

    def terms(field):
        return A("terms", field=field, size=FACET_SIZE, order={"_key": "asc"})

    facets = {
        "city": (others("region"), "city_code"),
        "service": (others("service"), "service_ids"),
        "provider_type": (others("provider_type"), "provider_type"),
        "status": (others("status"), "status"),
        "grade": (others("grade"), "grade"),
    }
    city = city_prefix(params.region_code)
    if city:
        facets["county"] = (all_of([others("region"), Q("prefix", region_code=city)]), "county_code")
    for name, (condition, field) in facets.items():
        search.aggs.bucket(name, "filter", filter=condition).bucket("values", terms(field))
    return search


def add_highlight(search, params: RegistryParams):
    terms = highlight_terms(params.q)
    if not terms:
        return search
    query = Q("bool", should=[Q("match_phrase", description=term) for term in terms], minimum_should_match=1)
    return search.highlight(
        "description",
        type="unified",
        fragment_size=SNIPPET_CHARS,
        number_of_fragments=1,
        no_match_size=SNIPPET_CHARS,
        pre_tags=[PRE_TAG],
        post_tags=[POST_TAG],
        highlight_query=query.to_dict(),
    )


def page_body(params: RegistryParams):
    """The request body for one page: ids in order, total, facets and highlights."""
    search = base_search(params)
    search = add_facets(search, params)
    if params.q:
        search = add_highlight(search, params)
    search = search.source(False).extra(from_=params.offset, size=params.per_page, track_total_hits=True)
    return search.to_dict()


def preview_body(params: RegistryParams):
    """The request body for a page of ids and the total, without facets or highlights."""
    search = base_search(params).source(False)
    return search.extra(from_=params.offset, size=params.per_page, track_total_hits=True).to_dict()


def ids_body(params: RegistryParams, size, search_after=None):
    """A body listing matching ids in result order, `size` at a time (search_after paging)."""
    search = base_search(params).source(False).extra(size=size, track_total_hits=False)
    if search_after is not None:
        search = search.extra(search_after=search_after)
    return search.to_dict()
