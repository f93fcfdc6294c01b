"""Queryset helpers for public page listings, shared by the apps."""


def exclude_restricted(queryset):
    """`queryset` without pages in private sections, as one SQL subquery. Wagtail's `.public()`
    first loads every view restriction (one more query per listing); this says the same in the
    listing's own query: no restriction on the page itself or on any of its ancestors."""
    from django.db.models import Exists, OuterRef
    from django.db.models.functions import Length, Substr
    from wagtail.models import PageViewRestriction

    restricted = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path")),
    )
    return queryset.exclude(Exists(restricted))


def window_page(queryset, number, per_page):
    """A Django paginator page of `queryset` in one query: the total comes along with the rows
    (COUNT(*) OVER ()) instead of from a separate COUNT query. A page number past the end gives
    the last page, like Paginator.get_page (at the price of a count query in that case only)."""
    from django.core.paginator import Page as PaginatorPage
    from django.core.paginator import Paginator
    from django.db.models import Count, Window

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
