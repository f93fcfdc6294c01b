"""Health of the search backends for /healthz."""

from .cluster import cluster_health, is_configured


def search_health():
    if is_configured():
        return cluster_health()
    from wagtail.models import Page

    # The database backend: run a real (cheap) full-text query.
    list(Page.objects.live().search("健康检查", operator="and")[:1])
    return {"engine": "database"}
