"""Pagination of the listings: a page of results together with their total in one query, or a page
whose total the facet counts already gave."""

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Count, Window


def window_page(queryset, number, per_page):
    """A Django paginator page of `queryset` in one query: the total comes along with the rows
    (COUNT(*) OVER ()) instead of from a separate COUNT query. A page number past the end gives
    the last page, like Paginator.get_page (at the price of a count query in that case only)."""
    try:
        number = max(int(number), 1)
    except (TypeError, ValueError):
        number = 1
    counted = queryset.annotate(window_total=Window(expression=Count("pk")))
    rows = list(counted[(number - 1) * per_page : number * per_page])
    paginator = Paginator(queryset, per_page)
    paginator.count = rows[0].window_total if rows else queryset.count()  # cached_property
    if not rows and number > paginator.num_pages:
        number = paginator.num_pages
        rows = list(queryset[(number - 1) * per_page : number * per_page]) if paginator.count else []
    return PaginatorPage(rows, number, paginator)


def counted_page(queryset, total, number, per_page):
    """The page `number` of `queryset` whose size `total` is known (from the facet counts), so that
    the paginator does not count again; a page past the end gives the last page."""
    paginator = Paginator(queryset, per_page)
    paginator.count = total
    return paginator.get_page(number)
