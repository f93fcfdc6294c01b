"""Keep a provider's segmented search text in step with its name, description, region and service
items when it is saved one at a time (the importer computes it itself for bulk writes)."""

from django.db.models.signals import m2m_changed, post_save


def _refresh(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return
    instance.refresh_search_text()


def _items_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        from .models import Provider

        if isinstance(instance, Provider):
            instance.refresh_search_text()


def connect():
    """Connected by ProvidersConfig.ready(): the search text here, the cluster documents in
    portal/providers/search/signal_handlers.py."""
    from .models import Provider
    from .search import signal_handlers as search_handlers

    post_save.connect(_refresh, sender=Provider, dispatch_uid="providers_search_text")
    m2m_changed.connect(_items_changed, sender=Provider.service_items.through, dispatch_uid="providers_items_text")
    # After the search text handlers: the cluster document is built from the refreshed text.
    search_handlers.connect()
