"""The index signals and the task queue, without a search node: what is enqueued for which change,
and a failing queue never breaks an editor's save."""

import datetime

import pytest
from django.test import override_settings
from django_tasks import default_task_backend

from portal.providers.factories import ProviderFactory, StatusChangeFactory
from portal.providers.models import PendingIndexUpdate
from portal.providers.search import get_engine
from portal.providers.search.cluster import ClusterEngine
from portal.reference.models import ServiceItem

pytestmark = pytest.mark.django_db

# A cluster that is configured (nothing listens there; no request is made by these tests).
CLUSTER = {"SEARCH_ENGINE": "opensearch", "SEARCH_URL": "http://127.0.0.1:9", "SEARCH_INDEX_PREFIX": "tasks_test"}


class BrokenTask:
    """An index task whose queue is unavailable."""

    name = "index_providers"

    def enqueue(self, *args):
        raise ConnectionError("task queue unavailable")


def enqueued():
    return [(result.task.name, result.args) for result in default_task_backend.results]


@override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}, **CLUSTER)
def test_changes_enqueue_index_tasks_after_commit(django_capture_on_commit_callbacks):
    items = list(ServiceItem.objects.order_by("pk"))
    with django_capture_on_commit_callbacks(execute=True):
        provider = ProviderFactory(name="金华市婺城区安康助老服务中心", service_items=[items[0]])
    assert ("index_providers", [[provider.pk]]) in enqueued()
    default_task_backend.results.clear()

    with django_capture_on_commit_callbacks(execute=True):
        items[1].providers.add(provider)  # from the service item's side
    assert enqueued() == [("index_providers", [[provider.pk]])]
    default_task_backend.results.clear()

    with django_capture_on_commit_callbacks(execute=True):
        StatusChangeFactory(
            provider=provider, decided_at=datetime.date(2025, 1, 2), effective_from=datetime.date(2025, 1, 2)
        )
    assert ("index_providers", [[provider.pk]]) in enqueued()
    default_task_backend.results.clear()

    pk = provider.pk
    with django_capture_on_commit_callbacks(execute=True):
        provider.delete()
    assert ("delete_providers", [[pk]]) in enqueued()


@override_settings(**CLUSTER)
def test_a_failing_queue_does_not_break_the_save(monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr("portal.providers.search.tasks.index_providers", BrokenTask())
    with django_capture_on_commit_callbacks(execute=True):
        provider = ProviderFactory(name="舟山市定海区海风社会工作服务中心")
    provider.refresh_from_db()
    assert provider.name == "舟山市定海区海风社会工作服务中心"
    pending = PendingIndexUpdate.objects.get(provider_id=provider.pk)
    assert "task queue unavailable" in pending.last_error


def test_the_cluster_engine_is_registered():
    with override_settings(REGISTRY_SEARCH_ENGINE="cluster"):
        assert isinstance(get_engine(), ClusterEngine)
    with override_settings(REGISTRY_SEARCH_ENGINE="database"):
        assert get_engine().name == "database"


def test_no_cluster_configured_sends_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        ProviderFactory(name="衢州市柯城区和美社会工作服务中心")
    assert callbacks == []
