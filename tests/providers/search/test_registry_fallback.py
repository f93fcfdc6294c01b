"""When the cluster is down or hangs, registry search answers from the database engine (degraded,
and the directory says so), editors' saves still succeed (the provider goes into the backlog), and
the next sync or rebuild brings the index back."""

import socket
import threading
import time

import pytest
from django.core.management import call_command
from django.test import override_settings

from portal.providers.factories import ProviderFactory
from portal.providers.models import PendingIndexUpdate
from portal.providers.search import RegistryParams, documents
from portal.providers.search.cluster import ClusterEngine
from portal.providers.search.database import DatabaseEngine
from portal.search.cluster import reset_breaker
from portal.search.testing import delete_indices, unique_prefix

pytestmark = [pytest.mark.opensearch, pytest.mark.django_db]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Blackhole:
    """A TCP server that accepts connections and never answers (a hung cluster)."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(32)
        self.sock.settimeout(0.2)
        self.held = []
        self.running = True
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}"

    def _accept(self):
        while self.running:
            try:
                self.held.append(self.sock.accept()[0])
            except OSError:
                continue

    def close(self):
        self.running = False
        self.thread.join()
        for conn in self.held:
            conn.close()
        self.sock.close()


@pytest.fixture
def prefix(opensearch_client):
    value = unique_prefix("fallback")
    reset_breaker()
    yield value.rstrip("_")
    reset_breaker()
    delete_indices(opensearch_client, value)


def cluster_settings(url, prefix):
    return override_settings(
        SEARCH_ENGINE="opensearch", SEARCH_URL=url, SEARCH_INDEX_PREFIX=prefix, REGISTRY_SEARCH_ENGINE="cluster"
    )


def test_down_cluster_degrades_search_keeps_saves_and_recovers(
    prefix, opensearch_url, opensearch_client, client, django_capture_on_commit_callbacks
):
    # The cluster is up: the index is built and searches are answered by it.
    with cluster_settings(opensearch_url, prefix):
        before = ProviderFactory(name="杭州市启明照料护理服务中心")
        call_command("rebuild_search", "--no-progress")
        result = ClusterEngine().search(RegistryParams(q="照料护理"))
        assert (result.engine, result.degraded) == ("cluster", False)
        assert [p.pk for p in result.providers] == [before.pk]

    # The node goes away mid-run (nothing listens on its port any more).
    with cluster_settings(f"http://127.0.0.1:{free_port()}", prefix):
        started = time.monotonic()
        result = ClusterEngine().search(RegistryParams(q="照料护理"))
        assert time.monotonic() - started < 3
        assert result.degraded and result.engine == "database"
        assert [p.pk for p in result.providers] == [before.pk]
        response = client.get("/providers/", {"q": "照料护理"})
        assert response.status_code == 200
        assert "检索服务暂时不可用" in response.content.decode()
        assert before.credit_code in response.content.decode()
        assert "no-store" in response["Cache-Control"]  # the page cache must not keep a stand-in answer

        with django_capture_on_commit_callbacks(execute=True):
            saved = ProviderFactory(name="杭州市启明照料护理服务中心二部")
        assert saved.pk  # the editor's save went through
        pending = PendingIndexUpdate.objects.get(provider_id=saved.pk)
        assert pending.action == "index" and pending.last_error
        ids = ClusterEngine().matching_ids(RegistryParams(q="照料护理"))
        assert ids == DatabaseEngine().matching_ids(RegistryParams(q="照料护理"))

    # Back up: the backlog is retried and the cluster answers again, with the new provider.
    reset_breaker()
    with cluster_settings(opensearch_url, prefix):
        call_command("rebuild_search", "--pending")
        assert not PendingIndexUpdate.objects.exists()
        opensearch_client.indices.refresh(index=documents.alias_name())
        result = ClusterEngine().search(RegistryParams(q="照料护理"))
        assert (result.engine, result.degraded) == ("cluster", False)
        assert [p.pk for p in result.providers] == [before.pk, saved.pk]
        response = client.get("/providers/", {"q": "照料护理"})
        assert "检索服务暂时不可用" not in response.content.decode()


def test_hung_cluster_times_out_quickly(prefix, opensearch_url, opensearch_client, django_capture_on_commit_callbacks):
    provider = ProviderFactory(name="宁波市海曙区同心社会工作服务社")
    hole = Blackhole()
    try:
        with cluster_settings(hole.url, prefix):
            started = time.monotonic()
            result = ClusterEngine().search(RegistryParams(q="同心"))
            assert time.monotonic() - started < 4
            assert result.degraded
            assert [p.pk for p in result.providers] == [provider.pk]
            # Within the retry pause the dead cluster costs nothing.
            started = time.monotonic()
            assert ClusterEngine().search(RegistryParams(q="同心")).degraded
            assert time.monotonic() - started < 1
            with django_capture_on_commit_callbacks(execute=True):
                provider.description = "社区照料服务。"
                provider.save()
            assert PendingIndexUpdate.objects.filter(provider_id=provider.pk).exists()
    finally:
        hole.close()
    # A full rebuild also brings the index back and empties the backlog.
    reset_breaker()
    with cluster_settings(opensearch_url, prefix):
        call_command("rebuild_search", "--no-progress")
        assert not PendingIndexUpdate.objects.exists()
        result = ClusterEngine().search(RegistryParams(q="照料"))
        assert not result.degraded
        assert [p.pk for p in result.providers] == [provider.pk]


def test_missing_index_degrades(prefix, opensearch_url):
    ProviderFactory(name="温州市鹿城区爱心照护服务中心")
    with cluster_settings(opensearch_url, prefix):
        result = ClusterEngine().search(RegistryParams(q="爱心"))
    assert result.degraded and result.total == 1


def _node_pid(url):
    """The pid of the node scripts/search-node.sh started for `url` (None if it was started otherwise)."""
    import os
    from pathlib import Path
    from urllib.parse import urlsplit

    from django.conf import settings

    port = urlsplit(url).port or 9200
    var = Path(os.environ.get("PORTAL_VAR_DIR", settings.BASE_DIR / "var"))
    pid_file = var / "opensearch" / f"node-{port}.pid"
    return int(pid_file.read_text().strip()) if pid_file.exists() else None


def test_real_node_stopped_mid_run(
    prefix, opensearch_url, opensearch_client, client, django_capture_on_commit_callbacks
):
    """The node process itself is stopped (SIGSTOP) mid-run and resumed (SIGCONT) afterwards."""
    import os
    import signal

    from portal.search.testing import in_ci

    pid = _node_pid(opensearch_url)
    if pid is None:
        if in_ci():
            pytest.fail("CI must run the node through scripts/search-node.sh (no pid file found)")
        pytest.skip("the node was not started by scripts/search-node.sh in this checkout")
    with cluster_settings(opensearch_url, prefix):
        provider = ProviderFactory(name="丽水市莲都区暖心照料护理服务中心")
        call_command("rebuild_search", "--no-progress")
        assert not ClusterEngine().search(RegistryParams(q="暖心")).degraded
        os.kill(pid, signal.SIGSTOP)
        try:
            started = time.monotonic()
            result = ClusterEngine().search(RegistryParams(q="暖心"))
            assert time.monotonic() - started < 4
            assert result.degraded and [p.pk for p in result.providers] == [provider.pk]
            response = client.get("/providers/", {"q": "暖心"})
            assert response.status_code == 200 and "检索服务暂时不可用" in response.content.decode()
            with django_capture_on_commit_callbacks(execute=True):
                provider.description = "为困难群众提供上门照料。"
                provider.save()
            assert PendingIndexUpdate.objects.filter(provider_id=provider.pk).exists()
        finally:
            os.kill(pid, signal.SIGCONT)
        reset_breaker()
        for _ in range(50):
            try:
                opensearch_client.cluster.health(wait_for_status="yellow", timeout="5s")
                break
            except Exception:
                time.sleep(0.2)
        call_command("rebuild_search", "--pending")
        assert not PendingIndexUpdate.objects.exists()
        opensearch_client.indices.refresh(index=documents.alias_name())
        result = ClusterEngine().search(RegistryParams(q="上门照料"))
        assert not result.degraded and [p.pk for p in result.providers] == [provider.pk]
