"""The cluster engine's answers in the fragment cache (no node needed): kept until content changes,
never when the database stood in, and the index tasks purge once their writes are searchable."""

import pytest
from django.test import override_settings

from portal.core import caching
from portal.providers.search import sync, tasks
from portal.providers.search.base import RegistryParams, RegistryResult
from portal.providers.search.cluster import ClusterEngine
from portal.providers.search.database import DatabaseEngine

pytestmark = pytest.mark.django_db

CLUSTER = {"SEARCH_ENGINE": "opensearch", "SEARCH_URL": "http://127.0.0.1:9", "SEARCH_INDEX_PREFIX": "cache_test"}
PARAMS = RegistryParams(q="照料", region_code="330100")


@pytest.fixture
def calls(monkeypatch):
    seen = {"cluster": 0, "database": 0}

    def cluster_search(self, params):
        seen["cluster"] += 1
        return RegistryResult(providers=[], total=seen["cluster"], engine="opensearch")

    def database_search(self, params):
        seen["database"] += 1
        return RegistryResult(providers=[], total=0, engine="database")

    monkeypatch.setattr(ClusterEngine, "_search", cluster_search)
    monkeypatch.setattr(DatabaseEngine, "search", database_search)
    return seen


@override_settings(**CLUSTER)
def test_cluster_answers_are_kept_until_content_changes(calls, fragment_cache):
    engine = ClusterEngine()
    assert engine.search(PARAMS).total == 1
    assert engine.search(PARAMS).total == 1 and calls["cluster"] == 1
    assert engine.search(RegistryParams(q="照料", region_code="330200")).total == 2  # other parameters
    caching.purge()
    assert engine.search(PARAMS).total == 3


@override_settings(**CLUSTER)
def test_database_stand_in_answers_are_not_kept(calls, fragment_cache, monkeypatch):
    monkeypatch.setattr("portal.providers.search.cluster.cluster_marked_down", lambda: True)
    engine = ClusterEngine()
    assert engine.search(PARAMS).degraded and engine.search(PARAMS).degraded
    assert calls == {"cluster": 0, "database": 2}
    monkeypatch.setattr("portal.providers.search.cluster.cluster_marked_down", lambda: False)
    assert not engine.search(PARAMS).degraded and calls["cluster"] == 1  # the cluster is back: asked


@override_settings(**CLUSTER)
def test_index_tasks_wait_until_searchable_then_purge(monkeypatch):
    seen = []
    monkeypatch.setattr(sync, "sync_providers", lambda ids, action, refresh: seen.append((action, refresh)) or True)
    monkeypatch.setattr(sync, "sync_backlog", lambda limit, refresh: seen.append(("backlog", refresh)) or 0)
    before = caching.generation()
    assert tasks.index_providers.call([7]) is True
    assert seen == [("index", "wait_for"), ("backlog", "wait_for")]
    assert caching.generation() > before
    monkeypatch.setattr(sync, "sync_providers", lambda ids, action, refresh: False)  # the cluster was down
    before = caching.generation()
    assert tasks.delete_providers.call([7]) is False
    assert caching.generation() == before
