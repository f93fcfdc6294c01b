"""Site search over every published page, with jieba-segmented queries and highlighted terms."""

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import BadRequest
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from wagtail.models import Page

from .segment import highlight_terms, search_query

logger = logging.getLogger(__name__)
MAX_QUERY_LENGTH = 100
PAGE_SIZE = 10


FALLBACK_BACKEND = "database"


def _results(query, backend=None):
    pages = Page.objects.live().public().specific()
    if backend:
        return pages.search(query, operator="and", backend=backend)
    return pages.search(query, operator="and")


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
    from .registry.cluster import cluster_errors, cluster_marked_down, mark_cluster_down

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


def site_search(request):
    raw_query = request.GET.get("q", "").strip()
    if len(raw_query) > MAX_QUERY_LENGTH:
        raise BadRequest(_("搜索词过长（最多 %(n)d 个字）。") % {"n": MAX_QUERY_LENGTH})
    page_number = request.GET.get("page", "1")
    terms = []
    degraded = False
    query = search_query(raw_query) if raw_query else None
    if query:
        page_obj, degraded = _search_page(query, page_number)
        terms = highlight_terms(raw_query)
    else:
        page_obj = _paginate(Page.objects.none(), page_number)
    response = render(
        request,
        "search/search.html",
        {
            "query": raw_query,
            "page_obj": page_obj,
            "terms": terms,
            "degraded": degraded,
            "noindex": True,
            "query_string": urlencode({"q": raw_query}),
        },
    )
    if degraded:
        # A stand-in answer: neither the page cache nor browsers keep it once the cluster is back.
        patch_cache_control(response, no_store=True)
    return response
