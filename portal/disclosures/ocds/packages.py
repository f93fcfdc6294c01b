"""Release packages (paged, newest first) and record packages (one per project)."""

from django.db.models import Prefetch
from django.utils import timezone
from wagtail.models import Site

from portal.home.models import PortalSettings

from ..models import NoticeDocument, NoticePage
from .releases import build_release, project_items, rfc3339

VERSION = "1.1"
LICENSE = "https://creativecommons.org/licenses/by/4.0/"
PAGE_SIZE = 100


def _publisher(request):
    site = Site.find_for_request(request)
    name = PortalSettings.for_site(site).organisation if site else "浙江省民政厅"
    return {"name": name, "uri": request.build_absolute_uri("/")}


def live_notices():
    return (
        NoticePage.objects.live()
        .public()
        .filter(project__isnull=False)
        .select_related("project", "project__region__parent__parent")
        .prefetch_related(
            Prefetch("documents", queryset=NoticeDocument.objects.select_related("document")),
            "project__service_items",
        )
    )


def releases_for(notices, request):
    items_by_project = {}
    releases = []
    for notice in notices:
        project = notice.project
        if project.pk not in items_by_project:
            items_by_project[project.pk] = project_items(project, project.service_items.all())
        releases.append(build_release(notice, notice.get_full_url(request), items_by_project[project.pk]))
    return releases


def _package(request, publication_policy, **content):
    return {
        "uri": request.build_absolute_uri(),
        "version": VERSION,
        "publishedDate": rfc3339(timezone.now()),
        "publisher": _publisher(request),
        "license": LICENSE,
        "publicationPolicy": publication_policy,
        **content,
    }


def release_package(request, page, since=None, publication_policy=""):
    """(package, page object) of releases changed at or after `since`, newest first."""
    from django.core.paginator import Paginator

    notices = live_notices().order_by("-last_published_at", "-pk")
    if since is not None:
        notices = notices.filter(last_published_at__gte=since)
    page_obj = Paginator(notices, PAGE_SIZE).get_page(page)
    package = _package(request, publication_policy, releases=releases_for(page_obj.object_list, request))
    return package, page_obj


def record_package(request, project, publication_policy=""):
    """A record package for one project: every release plus the compiled release."""
    notices = live_notices().filter(project=project).order_by("last_published_at", "pk")
    releases = releases_for(notices, request)
    record = {"ocid": project.ocid, "releases": releases}
    if releases:
        record["compiledRelease"] = compile_releases(releases)
    return _package(request, publication_policy, records=[record])


def compile_releases(releases):
    """Merge releases into a compiled release with ocdsmerge (the engine of `ocdskit compile`),
    using the OCDS 1.1.5 merge rules bundled with the portal (no network access)."""
    from ocdsmerge import Merger

    from .schema import release_schema

    merger = Merger(schema=release_schema())
    return merger.create_compiled_release(releases)
