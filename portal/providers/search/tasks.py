"""Background tasks keeping the search cluster's providers index up to date (django-tasks). They
never raise for an unavailable cluster: the providers go into the backlog (PendingIndexUpdate) and
are retried by the next successful task, `rebuild_search --pending` or a rebuild."""

from django_tasks import task

from portal.core import caching

# Backlog rows a successful task retries on the side.
BACKLOG_PER_TASK = 100


def _sync(provider_ids, action):
    """Write the documents and wait until searches see them; then purge the cached pages and
    answers, which may hold what the cluster said before (the save that enqueued this task purged
    them already, but a search in between cached the old answer again)."""

    from . import sync

    if sync.sync_providers(provider_ids, action=action, refresh="wait_for"):
        sync.sync_backlog(limit=BACKLOG_PER_TASK, refresh="wait_for")
        caching.purge()
        return True
    return False


@task()
def index_providers(provider_ids):
    """Write (or, for providers that no longer exist, delete) the providers' documents."""
    return _sync(provider_ids, "index")


@task()
def delete_providers(provider_ids):
    """Remove deleted providers' documents (a provider that exists again is re-indexed)."""
    return _sync(provider_ids, "delete")
