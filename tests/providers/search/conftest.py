"""Registry search tests: the `opensearch_url` fixture, and every test marked `opensearch` requires a
node (skips locally without one, fails in CI)."""

import pytest

from portal.search.testing import opensearch_client, opensearch_url  # noqa: F401


@pytest.fixture(autouse=True)
def _require_node_for_opensearch_marker(request):
    if request.node.get_closest_marker("opensearch"):
        request.getfixturevalue("opensearch_url")
