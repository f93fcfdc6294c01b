"""Site search over every published page, with jieba-segmented queries and highlighted terms."""

from urllib.parse import urlencode

from django.core.exceptions import BadRequest
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.models import Page

from .segment import highlight_terms, search_query

MAX_QUERY_LENGTH = 100
PAGE_SIZE = 10


def site_search(request):
    raw_query = request.GET.get("q", "").strip()
    if len(raw_query) > MAX_QUERY_LENGTH:
        raise BadRequest(_("搜索词过长（最多 %(n)d 个字）。") % {"n": MAX_QUERY_LENGTH})
    page_number = request.GET.get("page", "1")
    results = Page.objects.none()
    terms = []
    if raw_query:
        query = search_query(raw_query)
        if query:
            results = Page.objects.live().public().specific().search(query, operator="and")
            terms = highlight_terms(raw_query)
    paginator = Paginator(results, PAGE_SIZE)
    try:
        page_obj = paginator.page(page_number)
    except PageNotAnInteger:
        raise BadRequest(_("页码必须是数字。"))
    except EmptyPage:
        page_obj = paginator.page(paginator.num_pages) if paginator.num_pages else paginator.page(1)
    return render(
        request,
        "search/search.html",
        {
            "query": raw_query,
            "page_obj": page_obj,
            "terms": terms,
            "noindex": True,
            "query_string": urlencode({"q": raw_query}),
        },
    )
