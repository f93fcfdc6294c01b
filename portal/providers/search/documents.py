"""The providers index on the search cluster: its mapping (built with elasticsearch.dsl), how a
provider becomes a document, and the index lifecycle (timestamped indexes behind one alias).

Chinese analysis. `tokens` holds the provider's jieba tokens (the database engine's `search_text`
column, split on spaces: the same tokens the database engine matches), analysed with `whitespace`,
so whole words match exactly; `tokens.bigram` analyses the same tokens with the standard tokenizer,
`cjk_width` and `cjk_bigram`, so partial words match as bigram phrases (one value per token, with a
position gap, so a phrase never runs across two words). `name` and `description` are analysed the
bigram way too, for highlighting in the original text.
"""

import os
import time

from django.conf import settings
from elasticsearch.dsl import Date, Document, Index, Integer, Keyword, Long, Text, analyzer

from portal.reference import codes
from portal.search.segment import normalise

from .base import NO_GRADE

SEGMENTED = analyzer("portal_segmented", tokenizer="whitespace", filter=["lowercase"])
BIGRAM = analyzer("portal_bigram", tokenizer="standard", filter=["cjk_width", "lowercase", "cjk_bigram"])
# Tokens are separate values of one field: phrases must not join the end of one word to the
# start of the next.
TOKEN_GAP = 100
# Deep pages of a 100,000-provider registry stay reachable with from/size.
MAX_RESULT_WINDOW = 500_000


class IndexNotBuilt(Exception):
    """The alias does not exist yet: `rebuild_search` has never run against this cluster."""


class ProviderDocument(Document):
    """One provider in the registry index (field names are the query builder's contract)."""

    id = Long()
    name = Text(
        analyzer=BIGRAM,
        fields={
            "raw": Keyword(),  # sorting: code point order, like the database's C / binary collation
            "lower": Keyword(normalizer="lowercase"),  # substring tests for relevance (icontains)
        },
    )
    name_exact = Keyword()  # normalise(name).strip(): exact-name matches
    credit_code = Keyword()
    tokens = Text(
        analyzer=SEGMENTED,
        position_increment_gap=TOKEN_GAP,
        fields={"bigram": Text(analyzer=BIGRAM, position_increment_gap=TOKEN_GAP)},
    )
    description = Text(analyzer=BIGRAM, term_vector="with_positions_offsets")
    region_code = Keyword()
    city_code = Keyword()
    county_code = Keyword()
    service_ids = Keyword()
    provider_type = Keyword()
    status = Keyword()
    grade = Keyword()  # a Grade value or NO_GRADE
    grade_rank = Integer()
    registered_on = Date(format="yyyy-MM-dd")


def index_prefix():
    """SEARCH_INDEX_PREFIX (setting or environment), as for site search; default "portal"."""
    return getattr(settings, "SEARCH_INDEX_PREFIX", None) or os.environ.get("SEARCH_INDEX_PREFIX") or "portal"


def alias_name():
    """The alias every search and update goes through: `<prefix>_providers`."""
    return f"{index_prefix()}_providers"


def new_index_name(alias=None):
    """A fresh concrete index name behind `alias`: `<alias>_<UTC timestamp with microseconds>`."""
    stamp = time.strftime("%Y%m%d%H%M%S", time.gmtime()) + f"{int(time.time() * 1_000_000) % 1_000_000:06d}"
    return f"{alias or alias_name()}_{stamp}"


def index_definition(name):
    """elasticsearch.dsl Index with the providers mapping and analysis."""
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=0, max_result_window=MAX_RESULT_WINDOW)
    index.document(ProviderDocument)
    return index


def index_body(name):
    """The JSON body to create the index `name` (settings, analysis, mappings)."""
    return index_definition(name).to_dict()


def grade_rank(grade):
    from portal.providers.models.choices import GRADE_RANK

    return GRADE_RANK.get(grade, 0) if grade else 0


def to_document(provider, service_ids=None):
    """The index document of a provider (region loaded; service ids given or prefetched)."""
    if service_ids is None:
        service_ids = [item.pk for item in provider.service_items.all()]
    code = provider.region.code if provider.region_id else ""
    return {
        "id": provider.pk,
        "name": provider.name,
        "name_exact": normalise(provider.name).strip(),
        "credit_code": provider.credit_code,
        "tokens": (provider.search_text or "").split(),
        "description": provider.description or "",
        "region_code": code,
        "city_code": codes.city_level_code(code),
        "county_code": codes.county_level_code(code),
        "service_ids": [str(pk) for pk in sorted(service_ids)],
        "provider_type": provider.provider_type,
        "status": provider.status,
        "grade": provider.latest_grade or NO_GRADE,
        "grade_rank": grade_rank(provider.latest_grade),
        "registered_on": provider.registered_on.isoformat() if provider.registered_on else None,
    }


def provider_rows(ids=None, chunk_size=2000):
    """Providers (with region and service ids) as documents, in pk order, in bounded queries per
    chunk; `ids` limits them to those pks."""
    from portal.providers.models import Provider

    qs = Provider.objects.select_related("region").order_by("pk")
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    through = Provider.service_items.through
    last = 0
    while True:
        chunk = list(qs.filter(pk__gt=last)[:chunk_size])
        if not chunk:
            return
        services = {}
        for provider_id, item_id in through.objects.filter(provider_id__in=[p.pk for p in chunk]).values_list(
            "provider_id", "serviceitem_id"
        ):
            services.setdefault(provider_id, []).append(item_id)
        for provider in chunk:
            yield to_document(provider, services.get(provider.pk, []))
        last = chunk[-1].pk


def bulk_actions(index, documents):
    """Bulk-helper actions indexing `documents` into `index` (document id = provider pk)."""
    for document in documents:
        yield {"_op_type": "index", "_index": index, "_id": str(document["id"]), "_source": document}


def bulk_helper(client):
    """The bulk helper of the client's library (opensearch-py or elasticsearch)."""
    if type(client).__module__.startswith("opensearchpy"):
        from opensearchpy.helpers import bulk
    else:
        from elasticsearch.helpers import bulk
    return bulk


def body(response):
    """The JSON body of a client response (elasticsearch 8 wraps it in ObjectApiResponse)."""
    return getattr(response, "body", response)


def alias_targets(client, alias):
    """Concrete indexes the alias points at ([] when it does not exist)."""
    if not client.indices.exists_alias(name=alias):
        return []
    return sorted(body(client.indices.get_alias(name=alias)).keys())


def create_index(client, name):
    client.indices.create(index=name, body=index_body(name))
    return name


def swap_alias(client, alias, new_index):
    """Point `alias` at `new_index` only, in one atomic aliases request; returns the indexes it
    pointed at before."""
    old = alias_targets(client, alias)
    actions = [{"remove": {"index": name, "alias": alias}} for name in old if name != new_index]
    actions.append({"add": {"index": new_index, "alias": alias, "is_write_index": True}})
    client.indices.update_aliases(body={"actions": actions})
    return [name for name in old if name != new_index]
