"""The search-cluster adapter: one place that turns SEARCH_ENGINE and SEARCH_URL into a client
(opensearch-py for OpenSearch 2/3, elasticsearch 8 for Elasticsearch) with short timeouts, and into
the Wagtail site-search backend configuration for the same cluster.

Request bodies are plain query DSL (built with elasticsearch.dsl elsewhere); both clients accept
them through `client.search(index=..., body=...)`, `client.indices.*`, and so on.
"""

import threading
import time
from functools import lru_cache
from urllib.parse import unquote, urlsplit, urlunsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

ENGINES = ("opensearch", "elasticsearch")
# Public requests must not hang on a slow cluster: a search answers from the database engine
# instead. Health checks and tests use the same short timeout.
DEFAULT_TIMEOUT = 2.0
SITE_SEARCH_TIMEOUT = 5
# Seconds searches skip the cluster after it failed (see mark_cluster_down).
RETRY_AFTER = 10.0

# Site search indexes the jieba-segmented text (portal.search.segment.index_text) and sends
# segmented queries, so the cluster must split on the spaces jieba put there and nowhere else:
# the same tokens as the database engine. cjk_width folds full-width forms like NFKC does.
SEGMENTED_ANALYSIS = {
    "settings": {
        "analysis": {
            "analyzer": {
                "default": {
                    "type": "custom",
                    "tokenizer": "whitespace",
                    "filter": ["cjk_width", "lowercase"],
                }
            }
        }
    }
}


class ClusterNotConfigured(ImproperlyConfigured):
    """SEARCH_ENGINE is not a cluster engine, or SEARCH_URL is empty."""


def is_configured():
    """True when the settings point the portal at a search cluster."""
    return settings.SEARCH_ENGINE in ENGINES and bool(settings.SEARCH_URL)


def _split_credentials(url):
    """(url without user:password, (user, password) or None)."""
    parts = urlsplit(url)
    if parts.username is None:
        return url, None
    netloc = parts.hostname or ""
    if parts.port:
        netloc = f"{netloc}:{parts.port}"
    clean = urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
    return clean, (unquote(parts.username), unquote(parts.password or ""))


def _check(engine, url):
    if engine not in ENGINES:
        raise ClusterNotConfigured(f"SEARCH_ENGINE must be one of {', '.join(ENGINES)}, not {engine!r}")
    if not url:
        raise ClusterNotConfigured("SEARCH_URL is not set")


def make_client(engine, url, *, timeout=DEFAULT_TIMEOUT, max_retries=0):
    """A new client for `engine` at `url` (credentials may be in the URL). No request is sent."""
    _check(engine, url)
    clean_url, credentials = _split_credentials(url)
    if engine == "opensearch":
        from opensearchpy import OpenSearch

        return OpenSearch(
            hosts=[clean_url],
            http_auth=credentials,
            timeout=timeout,
            max_retries=max_retries,
            retry_on_timeout=False,
            http_compress=True,
        )
    from elasticsearch import Elasticsearch

    return Elasticsearch(
        clean_url,
        basic_auth=credentials,
        request_timeout=timeout,
        max_retries=max_retries,
        retry_on_timeout=False,
        http_compress=True,
    )


@lru_cache(maxsize=8)
def _cached_client(engine, url, timeout):
    return make_client(engine, url, timeout=timeout)


def get_client(timeout=DEFAULT_TIMEOUT):
    """The shared client for settings.SEARCH_ENGINE at settings.SEARCH_URL (cached per URL and
    timeout, so connection pools are reused). Raises ClusterNotConfigured without a cluster."""
    _check(settings.SEARCH_ENGINE, settings.SEARCH_URL)
    return _cached_client(settings.SEARCH_ENGINE, settings.SEARCH_URL, float(timeout))


def cluster_health(client=None, timeout=DEFAULT_TIMEOUT):
    """{"engine", "cluster_status", "number_of_nodes"} from /_cluster/health; raises on a red cluster
    or when the cluster does not answer within `timeout`."""
    client = client or get_client(timeout=timeout)
    response = client.cluster.health()
    body = getattr(response, "body", response)  # elasticsearch 8 wraps the JSON in ObjectApiResponse
    status = body.get("status")
    if status not in {"green", "yellow"}:
        raise RuntimeError(f"search cluster status {status}")
    return {
        "engine": settings.SEARCH_ENGINE,
        "cluster_status": status,
        "number_of_nodes": body.get("number_of_nodes"),
    }


def site_search_backend(engine, url, *, index_prefix="portal_", timeout=SITE_SEARCH_TIMEOUT):
    """The WAGTAILSEARCH_BACKENDS entry for site search on the cluster: the backends of
    portal.search.site_backend (modelsearch's `opensearch3` backend, which opensearch-py 3 needs
    whatever the server version, as `opensearch2` calls the client with positional arguments 3.x
    rejects; and `elasticsearch8`), indexes named `<index_prefix>wagtailcore_page` and so on, and
    analysis that keeps jieba's segmentation."""
    _check(engine, url)
    backend = "OpenSearchSiteSearchBackend" if engine == "opensearch" else "ElasticsearchSiteSearchBackend"
    return {
        "BACKEND": "portal.search.site_backend." + backend,
        "URLS": [url],
        "INDEX_PREFIX": index_prefix,
        "TIMEOUT": timeout,
        "OPTIONS": {"max_retries": 1, "retry_on_timeout": False},
        "INDEX_SETTINGS": SEGMENTED_ANALYSIS,
    }


_breaker_lock = threading.Lock()
_down_until = {}


def cluster_errors():
    """Exceptions meaning "the cluster cannot answer" (connection, timeout, HTTP errors, missing
    index) for whichever client libraries are installed."""
    errors = [ClusterNotConfigured, ConnectionError, TimeoutError]
    try:
        from opensearchpy.exceptions import OpenSearchException

        errors.append(OpenSearchException)
    except ImportError:  # pragma: no cover - opensearch-py is a requirement
        pass
    try:
        from elastic_transport import TransportError
        from elasticsearch import ApiError

        errors += [ApiError, TransportError]
    except ImportError:  # pragma: no cover
        pass
    return tuple(errors)


def _breaker_key():
    return f"{settings.SEARCH_ENGINE} {settings.SEARCH_URL}"


def cluster_marked_down():
    with _breaker_lock:
        return _down_until.get(_breaker_key(), 0.0) > time.monotonic()


def mark_cluster_down():
    with _breaker_lock:
        _down_until[_breaker_key()] = time.monotonic() + RETRY_AFTER


def reset_breaker():
    """Forget earlier failures (tests; after an operator fixed the cluster)."""
    with _breaker_lock:
        _down_until.clear()
