"""Signals that enqueue index tasks when providers change: saved (including through the admin's
publish of a reviewed application), deleted, their service items changed, or a status decision
recorded. Connected from ProvidersConfig.ready(); nothing is sent to the task queue when no search
cluster is configured."""

import logging

from django.apps import apps
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from portal.search.cluster import is_configured

logger = logging.getLogger(__name__)


def enqueue(task, provider_ids):
    """Enqueue `task` for the providers once the current transaction commits; a failing queue
    never breaks the editor's save (the provider is recorded for retry instead)."""
    ids = sorted({int(pk) for pk in provider_ids if pk is not None})
    if not ids or not is_configured():
        return

    def send():
        try:
            task.enqueue(ids)
        except Exception as exc:  # noqa: BLE001 - the save must succeed whatever the queue does
            logger.exception("search index: could not enqueue %s for %s", task.name, ids)
            from .sync import mark_pending

            mark_pending(ids, "index", exc)

    transaction.on_commit(send)


def provider_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        from .tasks import index_providers

        enqueue(index_providers, [instance.pk])


def provider_deleted(sender, instance, **kwargs):
    from .tasks import delete_providers

    enqueue(delete_providers, [instance.pk])


def service_items_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    from .tasks import index_providers

    if not reverse:
        enqueue(index_providers, [instance.pk])
    elif pk_set:
        enqueue(index_providers, pk_set)


def status_recorded(sender, instance, raw=False, **kwargs):
    if not raw:
        from .tasks import index_providers

        enqueue(index_providers, [instance.provider_id])


def connect():
    """Connect the receivers to the provider models."""
    provider = apps.get_model("providers", "Provider")
    post_save.connect(provider_saved, sender=provider, dispatch_uid="search_provider_saved")
    post_delete.connect(provider_deleted, sender=provider, dispatch_uid="search_provider_deleted")
    items = getattr(provider, "service_items", None)
    if items is not None:
        m2m_changed.connect(service_items_changed, sender=items.through, dispatch_uid="search_provider_items")
    status_change = apps.get_model("providers", "ProviderStatusChange")
    post_save.connect(status_recorded, sender=status_change, dispatch_uid="search_provider_status")
    return True
