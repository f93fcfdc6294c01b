"""Site search over every published content page (portal.search.results), with jieba-segmented
queries (portal.search.segment.site_query) and highlighted terms, and above them the preview an
app registered (portal.search.extensions: the providers whose registry entry matches, with a link to
the directory for all of them)."""

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import BadRequest
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from portal.core import caching

from .cluster import cluster_errors, cluster_marked_down, mark_cluster_down
from .extensions import results_preview
from .results import result_rows, searchable_pages
from .segment import highlight_terms, site_query

logger = logging.getLogger(__name__)
MAX_QUERY_LENGTH = 100
PAGE_SIZE = 10


FALLBACK_BACKEND = "database"


def _results(query, backend=None):
    pages = searchable_pages()
    if backend:
        return pages.search(query, backend=backend)
    return pages.search(query)


def _paginate(results, page_number):
    paginator = Paginator(results, PAGE_SIZE)
    try:
        page_obj = paginator.page(page_number)
    except PageNotAnInteger:
        raise BadRequest(_("页码必须是数字。"))
    except EmptyPage:
        page_obj = paginator.page(paginator.num_pages) if paginator.num_pages else paginator.page(1)
    # Fetch the hits here, not lazily while the template renders, so that a cluster failing
    # between the count and the hits is caught by the fallback.
    page_obj.object_list = list(page_obj.object_list)
    return page_obj


def _search_page(query, page_number):
    """(page of results, degraded): from the configured backend, or from the database index when the
    cluster cannot answer (the database backend is kept up to date alongside the cluster)."""
    fallback = FALLBACK_BACKEND in settings.WAGTAILSEARCH_BACKENDS
    if fallback and cluster_marked_down():
        return _paginate(_results(query, FALLBACK_BACKEND), page_number), True
    try:
        return _paginate(_results(query), page_number), False
    except cluster_errors() as exc:
        if not fallback:
            raise
        logger.warning("site search: cluster unavailable, answering from the database: %s", exc)
        mark_cluster_down()
        return _paginate(_results(query, FALLBACK_BACKEND), page_number), True


def _render_results(request, raw_query, query, page_number):
    """(rendered results section, page of results or None when served from the cache, degraded).
    The section is cached (portal.core.caching) per site, language, query and page: it changes only
    when pages are published, unpublished or edited, which purges the content generation. A
    degraded answer (the search cluster down) is not kept."""
    computed = {}

    def compute():
        page_obj, degraded = _search_page(query, page_number)
        providers = results_preview(raw_query) if page_obj.number == 1 else None
        degraded = degraded or bool(providers and providers["result"].degraded)
        context = {
            "page_obj": page_obj,
            "rows": result_rows(page_obj.object_list),
            "providers": providers,
            "terms": highlight_terms(raw_query),
            "degraded": degraded,
            "query_string": urlencode({"q": raw_query}),
        }
        computed["page_obj"] = page_obj
        return render_to_string("search/includes/results.html", context, request=request), degraded

    parts = (request.get_host(), request.get_port(), get_language(), raw_query, page_number)
    html, degraded = caching.remember("search:results", parts, compute, keep=lambda value: not value[1])
    return html, computed.get("page_obj"), degraded


def site_search(request):
    raw_query = request.GET.get("q", "").strip()
    if len(raw_query) > MAX_QUERY_LENGTH:
        raise BadRequest(_("搜索词过长（最多 %(n)d 个字）。") % {"n": MAX_QUERY_LENGTH})
    page_number = request.GET.get("page", "1")
    results = ""
    degraded = False
    query = site_query(raw_query) if raw_query else None
    if query:
        results, page_obj, degraded = _render_results(request, raw_query, query, page_number)
    else:
        page_obj = _paginate([], page_number)  # the empty form: no query to compile
    response = render(
        request,
        "search/search.html",
        {"query": raw_query, "page_obj": page_obj, "results": results, "degraded": degraded, "noindex": True},
    )
    if degraded:
        # A stand-in answer: neither the page cache nor browsers keep it once the cluster is back.
        patch_cache_control(response, no_store=True)
    return response
