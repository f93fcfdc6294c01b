"""The development/CI search node (scripts/search-node.sh) answers, is OpenSearch 2.19 and has the
analysis modules Chinese text needs; the cluster adapter talks to it with short timeouts."""

import pytest

from portal.search import cluster
from portal.search.testing import delete_indices, require_node, unique_prefix

TEXT = "社会救助对象照料护理服务采购公告"


@pytest.mark.opensearch
def test_node_is_opensearch_2_19(opensearch_client):
    info = opensearch_client.info()
    assert info["version"]["distribution"] == "opensearch"
    assert info["version"]["number"].startswith("2.19.")
    assert opensearch_client.cluster.health()["status"] in {"green", "yellow"}


@pytest.mark.opensearch
def test_cjk_analysis_is_available(opensearch_client):
    body = {"tokenizer": "standard", "filter": ["cjk_width", "cjk_bigram"], "text": TEXT}
    tokens = [t["token"] for t in opensearch_client.indices.analyze(body=body)["tokens"]]
    # Overlapping bigrams: every partial word of two characters is a token.
    assert tokens[:3] == ["社会", "会救", "救助"]
    assert "照料" in tokens and "护理" in tokens
    assert len(tokens) == len(TEXT) - 1
    # cjk_width folds full-width Latin letters and digits to ASCII.
    body = {"tokenizer": "standard", "filter": ["cjk_width", "lowercase"], "text": "ＡＢＣ１２３"}
    assert [t["token"] for t in opensearch_client.indices.analyze(body=body)["tokens"]] == ["abc123"]


@pytest.mark.opensearch
def test_segmented_analyzer_keeps_jieba_tokens(opensearch_client):
    """The site-search index analysis splits on jieba's spaces only."""
    prefix = unique_prefix("node")
    index = prefix + "analysis"
    try:
        opensearch_client.indices.create(index=index, body=cluster.SEGMENTED_ANALYSIS)
        body = {"analyzer": "default", "text": "社会 救助 社会救助 照料 护理 ＡＢＣ"}
        tokens = [t["token"] for t in opensearch_client.indices.analyze(index=index, body=body)["tokens"]]
        assert tokens == ["社会", "救助", "社会救助", "照料", "护理", "abc"]
    finally:
        assert delete_indices(opensearch_client, prefix) == [index]


@pytest.mark.opensearch
def test_adapter_client_from_settings(settings, opensearch_url):
    settings.SEARCH_ENGINE = "opensearch"
    settings.SEARCH_URL = opensearch_url
    assert cluster.is_configured()
    health = cluster.cluster_health()
    assert health["engine"] == "opensearch"
    assert health["cluster_status"] in {"green", "yellow"}
    assert health["number_of_nodes"] == 1
    assert cluster.get_client() is cluster.get_client()  # one pool per URL


def test_adapter_fails_fast_when_nothing_listens(settings):
    settings.SEARCH_ENGINE = "opensearch"
    settings.SEARCH_URL = "http://127.0.0.1:9"  # the discard port: connection refused
    with pytest.raises(Exception) as excinfo:
        cluster.cluster_health(timeout=1)
    assert "Connection" in type(excinfo.value).__name__ or "refused" in str(excinfo.value).lower()


def test_adapter_picks_the_client_for_the_engine():
    from elasticsearch import Elasticsearch
    from opensearchpy import OpenSearch

    os_client = cluster.make_client("opensearch", "http://user:p%40ss@search.example:9200", timeout=1.5)
    assert isinstance(os_client, OpenSearch)
    assert os_client.transport.kwargs["http_auth"] == ("user", "p@ss")
    assert os_client.transport.kwargs["timeout"] == 1.5
    assert os_client.transport.max_retries == 0
    es_client = cluster.make_client("elasticsearch", "https://search.example:9243", timeout=1.5)
    assert isinstance(es_client, Elasticsearch)
    assert [str(node.config.host) for node in es_client.transport.node_pool.all()] == ["search.example"]


def test_adapter_refuses_a_missing_configuration(settings):
    settings.SEARCH_ENGINE = "database"
    settings.SEARCH_URL = "http://127.0.0.1:9200"
    assert not cluster.is_configured()
    with pytest.raises(cluster.ClusterNotConfigured):
        cluster.get_client()
    settings.SEARCH_ENGINE = "opensearch"
    settings.SEARCH_URL = ""
    with pytest.raises(cluster.ClusterNotConfigured):
        cluster.get_client()


def test_site_search_backend_config():
    config = cluster.site_search_backend("opensearch", "http://127.0.0.1:9200", index_prefix="p_")
    assert config["BACKEND"] == "portal.search.site_backend.OpenSearchSiteSearchBackend"
    assert config["INDEX_PREFIX"] == "p_"
    assert config["URLS"] == ["http://127.0.0.1:9200"]
    analyzer = config["INDEX_SETTINGS"]["settings"]["analysis"]["analyzer"]["default"]
    assert analyzer["tokenizer"] == "whitespace"
    es_config = cluster.site_search_backend("elasticsearch", "http://127.0.0.1:9200")
    assert es_config["BACKEND"] == "portal.search.site_backend.ElasticsearchSiteSearchBackend"


def test_missing_node_skips_locally_and_fails_in_ci(monkeypatch):
    url = "http://127.0.0.1:9"
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception):
        require_node(url)
    for value in ("true", "1", "yes"):
        monkeypatch.setenv("CI", value)
        with pytest.raises(pytest.fail.Exception, match="CI requires it"):
            require_node(url)


def test_node_url_follows_the_environment(monkeypatch):
    from portal.search.testing import configured_node_url

    monkeypatch.delenv("SEARCH_TEST_URL", raising=False)
    monkeypatch.delenv("SEARCH_NODE_PORT", raising=False)
    assert configured_node_url() == "http://127.0.0.1:9200"
    monkeypatch.setenv("SEARCH_NODE_PORT", "9299")
    assert configured_node_url() == "http://127.0.0.1:9299"
    monkeypatch.setenv("SEARCH_TEST_URL", "http://search.example:9200/")
    assert configured_node_url() == "http://search.example:9200"
