"""Site-wide views: health check, display preferences, error pages."""

import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .health import CHECKS
from .middleware import DISPLAY_COOKIE, LARGE


def _check(fn):
    started = time.perf_counter()
    try:
        detail = fn() or {}
        state = {"ok": True, **detail}
    except Exception as exc:  # a health check reports failures, it does not raise them
        state = {"ok": False, "error": f"{type(exc).__name__}: {exc}"[:300]}
    state["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return state


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"vendor": connection.vendor}


def _cache():
    key = "healthz:probe"
    token = str(time.time())
    cache.set(key, token, 10)
    if cache.get(key) != token:
        raise RuntimeError("cache did not return the value just written")
    return {"backend": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]}


@never_cache
@require_GET
def healthz(request):
    checks = {"database": _check(_database), "cache": _check(_cache)}
    checks.update((name, _check(check)) for name, check in CHECKS.items())
    healthy = all(c["ok"] for c in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503)


@require_GET
def display_mode(request, mode):
    """Switch the large-text mode on or off, then go back where the user was (works without JS)."""
    target = request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    if mode == LARGE:
        response.set_cookie(DISPLAY_COOKIE, LARGE, max_age=365 * 24 * 3600, samesite="Lax", httponly=True)
    else:
        response.delete_cookie(DISPLAY_COOKIE, samesite="Lax")
    return response


@require_GET
def robots_txt(request):
    """Crawlers may index published content but not the admin, searches or filtered listings."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /search/",
        "Disallow: /display/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def bare(request):
    """Benchmark baseline only; mounted when PORTAL_BENCH_BARE_VIEW is set."""
    return HttpResponse("ok", content_type="text/plain")


def favicon(request):
    """/favicon.ico, which browsers and crawlers ask for whatever the page links: the static icon
    (resolved per request, so that a hashed static name works once collectstatic has run)."""
    from django.http import HttpResponsePermanentRedirect
    from django.templatetags.static import static

    return HttpResponsePermanentRedirect(static("img/favicon.ico"))
