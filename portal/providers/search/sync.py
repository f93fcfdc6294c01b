"""Keeping the providers index in step with the database: single updates (from the index tasks),
the backlog of updates the cluster missed, and full rebuilds into a new index behind the alias."""

import logging

from django.db import transaction

from portal.search.cluster import get_client, is_configured

from . import documents
from .cluster import cluster_errors

logger = logging.getLogger(__name__)

# Index tasks may wait a little longer than public searches.
SYNC_TIMEOUT = 3.0
BACKLOG_BATCH = 500


def _client(client):
    return client or get_client(timeout=SYNC_TIMEOUT)


def mark_pending(provider_ids, action, error):
    from portal.providers.models import PendingIndexUpdate

    with transaction.atomic():
        for provider_id in provider_ids:
            row, created = PendingIndexUpdate.objects.select_for_update().get_or_create(
                provider_id=provider_id, defaults={"action": action, "last_error": str(error)[:2000]}
            )
            if not created:
                row.action = action
                row.attempts += 1
                row.last_error = str(error)[:2000]
                row.save(update_fields=["action", "attempts", "last_error", "updated_at"])


def _clear_pending(provider_ids):
    from portal.providers.models import PendingIndexUpdate

    PendingIndexUpdate.objects.filter(provider_id__in=list(provider_ids)).delete()


def write(provider_ids, client=None, alias=None, refresh=False):
    """Index the providers that exist and delete the documents of those that do not. Returns
    (indexed, deleted) counts. Raises the client's errors (callers decide what to do), and
    IndexNotBuilt before the first rebuild."""
    client = _client(client)
    alias = alias or documents.alias_name()
    if not documents.alias_targets(client, alias):
        # Writing into a missing alias would create a partial index that searches then trust.
        raise documents.IndexNotBuilt(alias)
    provider_ids = sorted({int(pk) for pk in provider_ids})
    docs = list(documents.provider_rows(provider_ids))
    present = {doc["id"] for doc in docs}
    actions = list(documents.bulk_actions(alias, docs))
    missing = [pk for pk in provider_ids if pk not in present]
    actions += [{"_op_type": "delete", "_index": alias, "_id": str(pk)} for pk in missing]
    if actions:
        bulk = documents.bulk_helper(client)
        bulk(client, actions, refresh=refresh, raise_on_error=False)
    return len(docs), len(missing)


def sync_providers(provider_ids, action="index", client=None, alias=None, refresh=False):
    """Bring the given providers' documents up to date; never raises for an unavailable cluster:
    the providers are recorded in the backlog instead. Returns True when the cluster took them."""
    provider_ids = [int(pk) for pk in provider_ids]
    if not provider_ids or (client is None and not is_configured()):
        return False
    try:
        write(provider_ids, client=client, alias=alias, refresh=refresh)
    except documents.IndexNotBuilt as exc:
        # Searches answer from the database until the first rebuild, which indexes everyone.
        logger.info("search index: %s not built yet, run rebuild_search", exc)
        return False
    except cluster_errors() as exc:
        logger.warning("search index: cluster unavailable, %s providers queued for retry: %s", action, exc)
        mark_pending(provider_ids, action, exc)
        return False
    _clear_pending(provider_ids)
    return True


def sync_backlog(client=None, alias=None, limit=None, refresh=False):
    """Retry the backlog (oldest first); returns how many providers were brought up to date."""
    from portal.providers.models import PendingIndexUpdate

    done = 0
    while limit is None or done < limit:
        batch = list(
            PendingIndexUpdate.objects.order_by("updated_at", "id").values_list("provider_id", flat=True)[
                : min(BACKLOG_BATCH, (limit - done) if limit else BACKLOG_BATCH)
            ]
        )
        if not batch:
            break
        write(batch, client=client, alias=alias, refresh=refresh)
        _clear_pending(batch)
        done += len(batch)
    return done


def rebuild(client=None, alias=None, chunk_size=1000, progress=None):
    """Index every provider into a new timestamped index, then point the alias at it in one atomic
    request and delete the old index; searches use the old index until the swap. Returns
    (new index name, documents indexed, old indexes deleted). `progress(n)` is called per chunk."""
    from django.utils import timezone

    from portal.providers.models import PendingIndexUpdate, Provider, ProviderStatusChange

    client = _client(client)
    alias = alias or documents.alias_name()
    started_at = timezone.now()
    started_backlog = list(PendingIndexUpdate.objects.values_list("id", flat=True))
    name = documents.create_index(client, documents.new_index_name(alias))
    client.indices.put_settings(index=name, body={"index": {"refresh_interval": "-1"}})
    bulk = documents.bulk_helper(client)
    indexed = 0

    def send(batch):
        nonlocal indexed
        bulk(client, documents.bulk_actions(name, batch), chunk_size=chunk_size, request_timeout=60)
        indexed += len(batch)
        if progress:
            progress(len(batch))

    try:
        batch = []
        for doc in documents.provider_rows(chunk_size=chunk_size):
            batch.append(doc)
            if len(batch) >= chunk_size:
                send(batch)
                batch = []
        if batch:
            send(batch)
        client.indices.put_settings(index=name, body={"index": {"refresh_interval": "1s"}})
        client.indices.refresh(index=name)
    except BaseException:
        client.indices.delete(index=name, ignore_unavailable=True)
        raise
    old = documents.swap_alias(client, alias, name)
    for old_name in old:
        client.indices.delete(index=old_name)
    # Everything the backlog held when the rebuild started is in the new index.
    PendingIndexUpdate.objects.filter(id__in=started_backlog).delete()
    # Providers saved during the rebuild went to the old index: write them again, then whatever
    # the backlog gained meanwhile.
    changed = set(Provider.objects.filter(updated_at__gte=started_at).values_list("pk", flat=True))
    changed |= set(
        ProviderStatusChange.objects.filter(recorded_at__gte=started_at).values_list("provider_id", flat=True)
    )
    if changed:
        write(changed, client=client, alias=alias)
    sync_backlog(client=client, alias=alias)
    return name, indexed, old
