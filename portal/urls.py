import importlib

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from portal.core import errors
from portal.core import views as core_views
from portal.core.sitemap import PortalSitemap
from portal.search import views as search_views

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's document URL takes any number of digits as the id; past 4,300 digits int() fails
    # (a 500): such an id is no document.
    re_path(r"^documents/\d{19,}/", errors.not_found),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz", core_views.healthz, name="healthz"),
    path("display/<str:mode>/", core_views.display_mode, name="display_mode"),
    path("search/", search_views.site_search, name="search"),
    path("sitemap.xml", sitemap, {"sitemaps": {"wagtail": PortalSitemap}}, name="sitemap"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    # Browsers and crawlers ask for /favicon.ico whatever the page says (templates/base.html links it).
    path("favicon.ico", core_views.favicon, name="favicon"),
]

# Each domain app that has public views lists them in its own urls.py (with full paths such as
# "providers/"); they are included here before Wagtail's catch-all page serving.
for _app in ("home", "disclosures", "evaluations", "providers", "publicity", "oversight"):
    try:
        importlib.import_module(f"portal.{_app}.urls")
    except ModuleNotFoundError as exc:
        if exc.name != f"portal.{_app}.urls":
            raise
        continue
    urlpatterns.append(path("", include(f"portal.{_app}.urls")))

from portal.core.api import api  # noqa: E402

urlpatterns.append(path("api/v1/", api.urls))

if getattr(settings, "PORTAL_BENCH_BARE_VIEW", False):
    # The benchmark's baseline: a bare Django view returning a fixed string (bench/run.py).
    urlpatterns.insert(0, path("bench/bare/", core_views.bare))

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

handler400 = "portal.core.errors.bad_request"
handler404 = "portal.core.errors.not_found"
handler500 = "portal.core.errors.server_error"
