"""Index sync: signals enqueue index tasks on save, service-item changes, status decisions and
delete; `rebuild_search` builds a new index and swaps the alias while searches keep answering;
the cluster analysis (bigrams inside words only) and highlights."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.test import override_settings

from portal.providers.factories import ProviderFactory, StatusChangeFactory
from portal.providers.search import RegistryParams, documents, sync
from portal.providers.search.cluster import ClusterEngine
from portal.reference.models import ServiceItem
from portal.search.cluster import reset_breaker
from portal.search.testing import delete_indices, unique_prefix

pytestmark = [pytest.mark.opensearch, pytest.mark.django_db]


@pytest.fixture
def prefix(opensearch_client):
    value = unique_prefix("sync")
    reset_breaker()
    yield value.rstrip("_")
    delete_indices(opensearch_client, value)


def get_doc(client, alias, pk):
    client.indices.refresh(index=alias)
    found = client.search(index=alias, body={"query": {"ids": {"values": [str(pk)]}}})["hits"]["hits"]
    return found[0]["_source"] if found else None


def test_signals_keep_the_index_in_step(prefix, opensearch_url, opensearch_client, django_capture_on_commit_callbacks):
    items = list(ServiceItem.objects.order_by("pk"))
    with override_settings(SEARCH_ENGINE="opensearch", SEARCH_URL=opensearch_url, SEARCH_INDEX_PREFIX=prefix):
        alias = documents.alias_name()
        with django_capture_on_commit_callbacks(execute=True):
            early = ProviderFactory(name="丽水市莲都区早春助老服务中心")
        # Before the first rebuild nothing is written (a partial index would be trusted).
        assert not opensearch_client.indices.exists_alias(name=alias)
        call_command("rebuild_search", "--no-progress", stdout=io.StringIO())
        assert get_doc(opensearch_client, alias, early.pk)["name"] == early.name
        with django_capture_on_commit_callbacks(execute=True):
            provider = ProviderFactory(name="丽水市莲都区暖阳助老服务中心", service_items=[items[8]])
        doc = get_doc(opensearch_client, alias, provider.pk)
        assert doc["name"] == provider.name and doc["service_ids"] == ["9"]
        assert "暖阳" in doc["tokens"] and doc["status"] == "active"

        with django_capture_on_commit_callbacks(execute=True):
            provider.service_items.add(items[13])
        assert get_doc(opensearch_client, alias, provider.pk)["service_ids"] == ["9", "14"]

        with django_capture_on_commit_callbacks(execute=True):
            StatusChangeFactory(
                provider=provider,
                status="exited",
                decided_at=datetime.date(2025, 3, 1),
                effective_from=datetime.date(2025, 3, 1),
            )
        assert get_doc(opensearch_client, alias, provider.pk)["status"] == "exited"
        result = ClusterEngine().search(RegistryParams(q="暖阳", status="exited"))
        assert [p.pk for p in result.providers] == [provider.pk] and not result.degraded

        with django_capture_on_commit_callbacks(execute=True):
            provider.delete()
        assert get_doc(opensearch_client, alias, provider.pk) is None


def test_rebuild_swaps_the_alias_while_searches_keep_answering(prefix, opensearch_url, opensearch_client):
    providers = [ProviderFactory(name=f"嘉兴市南湖区第{n}照料护理服务中心") for n in range(9)]
    expected = sorted(p.pk for p in providers)
    with override_settings(SEARCH_ENGINE="opensearch", SEARCH_URL=opensearch_url, SEARCH_INDEX_PREFIX=prefix):
        alias = documents.alias_name()
        first, indexed, old = sync.rebuild(client=opensearch_client, alias=alias)
        assert (indexed, old) == (9, [])
        params = RegistryParams(q="照料护理", sort="name", per_page=50)
        answers = []

        def search_mid_rebuild(_count):
            result = ClusterEngine().search(params)
            answers.append(([p.pk for p in result.providers], result.degraded))
            assert documents.alias_targets(opensearch_client, alias) == [first]

        second, indexed, old = sync.rebuild(
            client=opensearch_client, alias=alias, chunk_size=2, progress=search_mid_rebuild
        )
        assert len(answers) == 5 and indexed == 9
        assert all(sorted(ids) == expected and not degraded for ids, degraded in answers)
        assert second != first and old == [first]
        assert documents.alias_targets(opensearch_client, alias) == [second]
        assert not opensearch_client.indices.exists(index=first)
        assert sorted(ClusterEngine().matching_ids(params)) == expected

        out = io.StringIO()
        call_command("rebuild_search", "--no-progress", stdout=out)
        third = documents.alias_targets(opensearch_client, alias)
        assert third != [second] and f"alias {alias} -> {third[0]}" in out.getvalue()


def test_bigrams_stay_inside_words_and_matches_are_highlighted(prefix, opensearch_client):
    alias = prefix + "_providers"
    provider = ProviderFactory(
        name="台州市椒江区照料护理服务中心", description="长期为困难老人提供照料护理和心理疏导服务，" * 6
    )
    sync.rebuild(client=opensearch_client, alias=alias)

    def hits(query):
        return opensearch_client.search(index=alias, body={"query": query})["hits"]["total"]["value"]

    assert hits({"match_phrase": {"tokens.bigram": "照料"}}) == 1  # a word
    # Across two words of the description: no; across two words of the name: yes (the name is
    # indexed whole beside its words, so that any part of a name is found).
    assert hits({"match_phrase": {"tokens.bigram": "疏导服"}}) == 0
    assert hits({"match_phrase": {"tokens.bigram": "区照料"}}) == 1
    assert hits({"term": {"tokens": "护理"}}) == 1

    result = ClusterEngine(client=opensearch_client, alias=alias).search(RegistryParams(q="心理疏导"))
    snippet = result.highlights[provider.pk]["description"]
    assert "心理疏导" in snippet and "\ue000" not in snippet and snippet.endswith("…")
    assert "心理" in result.terms and "疏导" in result.terms
