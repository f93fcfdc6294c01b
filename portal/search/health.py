"""Health of the search backends for /healthz."""

from django.conf import settings


def search_health():
    engine = settings.SEARCH_ENGINE
    if engine in {"opensearch", "elasticsearch"} and settings.SEARCH_URL:
        import urllib.request

        with urllib.request.urlopen(settings.SEARCH_URL.rstrip("/") + "/_cluster/health", timeout=2) as resp:
            import json

            body = json.load(resp)
        if body.get("status") == "red":
            raise RuntimeError("cluster status red")
        return {"engine": engine, "cluster_status": body.get("status")}
    from wagtail.models import Page

    # The database backend: run a real (cheap) full-text query.
    list(Page.objects.live().search("健康检查", operator="and")[:1])
    return {"engine": "database"}
