"""The search-cluster registry engine: the providers index (documents.py) queried with the DSL of
queries.py through the client of portal.search.cluster (opensearch-py or elasticsearch 8).

When the cluster is down, slow (short client timeout) or has no index yet, the answer comes from
the database engine with `degraded=True`; after a failure the cluster is left alone for a few
seconds (so a dead cluster does not cost every request a timeout; the breaker lives with the
cluster client in portal.search.cluster, shared with site search)."""

import logging
import re

from portal.core.caching import remember
from portal.search.cluster import (
    cluster_errors,
    cluster_marked_down,
    get_client,
    mark_cluster_down,
)
from portal.search.segment import highlight_terms, normalise

from . import documents, queries
from .base import FacetValue, RegistryEngine, RegistryParams, RegistryResult
from .database import DatabaseEngine

logger = logging.getLogger(__name__)

# Seconds a public search waits for the cluster before answering from the database.
SEARCH_TIMEOUT = 1.5
IDS_BATCH = 5000
_MARKED = re.compile(re.escape(queries.PRE_TAG) + "(.*?)" + re.escape(queries.POST_TAG))


def _snippet(text, fragment):
    if not fragment:
        return ""
    start = text.find(fragment) if text else -1
    if start < 0:
        return fragment
    end = start + len(fragment)
    return ("…" if start else "") + fragment + ("…" if end < len(text) else "")


class ClusterEngine(RegistryEngine):
    """Registry search on the search cluster, falling back to the database engine."""

    name = "cluster"

    def __init__(self, client=None, alias=None, timeout=SEARCH_TIMEOUT):
        self._client = client
        self._alias = alias
        self.timeout = timeout

    @property
    def alias(self):
        return self._alias or documents.alias_name()

    @property
    def client(self):
        return self._client or get_client(timeout=self.timeout)

    # Public interface -------------------------------------------------------------------------

    def search(self, params: RegistryParams) -> RegistryResult:
        """The cluster's answer, kept in the fragment cache until content changes (the index tasks
        purge once the cluster shows their writes); an answer from the database stand-in is not."""

        return remember(
            "registry-cluster:search",
            (self.alias, params),
            lambda: self._guarded(lambda: self._search(params), lambda: DatabaseEngine().search(params)),
            keep=lambda result: not result.degraded,
        )

    def matching_ids(self, params: RegistryParams) -> list:
        return self._guarded(lambda: self._matching_ids(params), lambda: DatabaseEngine().matching_ids(params))

    def preview(self, params: RegistryParams) -> RegistryResult:
        return self._guarded(lambda: self._preview(params), lambda: DatabaseEngine().preview(params))

    # Internals --------------------------------------------------------------------------------

    def _guarded(self, on_cluster, on_database):
        if self._client is None and cluster_marked_down():
            return self._degrade(on_database)
        try:
            return on_cluster()
        except cluster_errors() as exc:
            logger.warning("registry search: cluster unavailable, answering from the database: %s", exc)
            if self._client is None:
                mark_cluster_down()
            return self._degrade(on_database)

    @staticmethod
    def _degrade(on_database):
        answer = on_database()
        if isinstance(answer, RegistryResult):
            answer.degraded = True
        return answer

    def _search(self, params):
        response = documents.body(self.client.search(index=self.alias, body=queries.page_body(params)))
        hits = response["hits"]["hits"]
        ids = [int(hit["_id"]) for hit in hits]
        from portal.providers.models import Provider

        by_pk = Provider.objects.for_listing().in_bulk(ids)
        providers = [by_pk[pk] for pk in ids if pk in by_pk]
        terms = highlight_terms(params.q) if params.q else []
        highlights = {}
        if terms:
            marked = set()
            fragments = {}
            for hit in hits:
                fragment = (hit.get("highlight", {}).get("description") or [""])[0]
                marked.update(normalise(m) for m in _MARKED.findall(fragment))
                fragments[int(hit["_id"])] = fragment.replace(queries.PRE_TAG, "").replace(queries.POST_TAG, "")
            highlights = {p.pk: {"description": _snippet(p.description, fragments.get(p.pk, ""))} for p in providers}
            terms = sorted(set(terms) | {m for m in marked if m}, key=len, reverse=True)
        return RegistryResult(
            providers=providers,
            total=response["hits"]["total"]["value"],
            facets=self._facets(response.get("aggregations", {}), params),
            highlights=highlights,
            terms=terms,
            engine=self.name,
        )

    def _preview(self, params):
        response = documents.body(self.client.search(index=self.alias, body=queries.preview_body(params)))
        ids = [int(hit["_id"]) for hit in response["hits"]["hits"]]
        from portal.providers.models import Provider

        by_pk = Provider.objects.select_related("region__parent__parent").in_bulk(ids) if ids else {}
        return RegistryResult(
            providers=[by_pk[pk] for pk in ids if pk in by_pk],
            total=response["hits"]["total"]["value"],
            terms=highlight_terms(params.q),
            engine=self.name,
        )

    @staticmethod
    def _facets(aggregations, params):
        facets = {}
        for name in ("city", "county", "service", "provider_type", "status", "grade"):
            buckets = aggregations.get(name, {}).get("values", {}).get("buckets", [])
            values = [FacetValue(str(b["key"]), b["doc_count"]) for b in buckets]
            if name == "service":  # service item pks, in number order as the database engine
                values.sort(key=lambda fv: int(fv.value) if fv.value.isdigit() else 0)
            facets[name] = values
        return facets

    def _matching_ids(self, params):
        ids = []
        after = None
        while True:
            body = queries.ids_body(params, IDS_BATCH, after)
            hits = documents.body(self.client.search(index=self.alias, body=body))["hits"]["hits"]
            ids.extend(int(hit["_id"]) for hit in hits)
            if len(hits) < IDS_BATCH:
                return ids
            after = hits[-1]["sort"]
