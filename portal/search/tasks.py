"""Background tasks keeping the search cluster's providers index up to date (django-tasks). They
never raise for an unavailable cluster: the providers go into the backlog (PendingIndexUpdate) and
are retried by the next successful task, `rebuild_search --pending` or a rebuild."""

from django_tasks import task

# Backlog rows a successful task retries on the side.
BACKLOG_PER_TASK = 100


@task()
def index_providers(provider_ids):
    """Write (or, for providers that no longer exist, delete) the providers' documents."""
    from .registry import sync

    if sync.sync_providers(provider_ids, action="index"):
        sync.sync_backlog(limit=BACKLOG_PER_TASK)
        return True
    return False


@task()
def delete_providers(provider_ids):
    """Remove deleted providers' documents (a provider that exists again is re-indexed)."""
    from .registry import sync

    if sync.sync_providers(provider_ids, action="delete"):
        sync.sync_backlog(limit=BACKLOG_PER_TASK)
        return True
    return False
