"""Pytest helpers for tests that need a real search node (marker `opensearch`).

The node is the one scripts/search-node.sh starts (`make search-node`; `make test` starts it
itself and exports SEARCH_TEST_URL). Without a reachable node a test skips locally and FAILS when
the CI variable is set, so CI can never pass by skipping the cluster tests.

Use from any conftest: `from portal.search.testing import opensearch_url  # noqa: F401`.
Imported by tests only (it imports pytest).
"""

import json
import os
import urllib.error
import urllib.request
import uuid

import pytest


def in_ci():
    """True when the CI variable forbids skipping for want of a service."""
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def configured_node_url():
    """The node the tests use: SEARCH_TEST_URL, else where scripts/search-node.sh puts it
    (127.0.0.1 on SEARCH_NODE_PORT, default 9200)."""
    url = os.environ.get("SEARCH_TEST_URL")
    if not url:
        url = f"http://127.0.0.1:{os.environ.get('SEARCH_NODE_PORT') or 9200}"
    return url.rstrip("/")


def node_status(url, timeout=3.0):
    """The cluster status (green/yellow/red) at `url`, or raise OSError/ValueError."""
    with urllib.request.urlopen(url + "/_cluster/health", timeout=timeout) as response:
        return json.load(response)["status"]


def require_node(url):
    """Skip (locally) or fail (CI) unless a healthy node answers at `url`."""
    try:
        status = node_status(url)
    except (OSError, ValueError, KeyError) as exc:
        problem = f"no search node answers at {url} ({exc})"
    else:
        if status in {"green", "yellow"}:
            return url
        problem = f"the search node at {url} is {status}"
    hint = "start one with `make search-node` (or set SEARCH_TEST_URL)"
    if in_ci():
        pytest.fail(f"{problem}; CI requires it: {hint}", pytrace=False)
    pytest.skip(f"{problem}; {hint}")


@pytest.fixture(scope="session")
def opensearch_url():
    """URL of a healthy OpenSearch node; skips locally, fails in CI, when there is none."""
    return require_node(configured_node_url())


@pytest.fixture
def opensearch_client(opensearch_url):
    """An opensearch-py client for the test node, with the portal's short timeouts."""
    from .cluster import make_client

    client = make_client("opensearch", opensearch_url, timeout=10)
    yield client
    client.close()


def unique_prefix(label="test"):
    """An index-name prefix no other test run (or developer sharing the node) uses."""
    return f"{label}_{uuid.uuid4().hex[:12]}_"


def delete_indices(client, prefix):
    """Delete every index (and with it every alias) whose name starts with `prefix`."""
    names = list(client.indices.get(index=prefix + "*", expand_wildcards="all").keys())
    for name in names:
        client.indices.delete(index=name)
    return names
