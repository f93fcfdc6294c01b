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


class CachedViewRestrictionsMixin:
    """For every page type of the portal (put before `Page` in the bases): Wagtail's
    `get_view_restrictions` in one query instead of two, and from the cache until content changes.

    Wagtail asks the served page (in specific form) for its restrictions (the `on_serve_page` hook
    `check_view_restrictions`), so overriding the method on the portal's own page types covers
    every page the portal serves; `Page` itself keeps Wagtail's method. The answer is the same:
    the restrictions on the page and its ancestors (their paths follow from the page's own path),
    where an alias page counts as its source page (and an alias of an alias as the source's
    source).

    With cached fragments on, which restrictions apply comes from the cache until content changes
    (saving or deleting a restriction, publishing or moving pages bumps the generation); having
    none, the usual case, then costs no query."""

    def get_view_restrictions(self):
        return view_restrictions(self)


def view_restrictions(page):
    """The PageViewRestriction queryset that applies to `page` (see CachedViewRestrictionsMixin)."""
    from wagtail.models import PageViewRestriction

    from portal.core import caching

    if caching.fragment_seconds() <= 0:
        return _view_restrictions(page)
    pks = caching.remember(
        "routing:restrictions", (page.path,), lambda: list(_view_restrictions(page).values_list("pk", flat=True))
    )
    # The same rows, selected by key (the usual answer, none, costs nothing to build).
    return PageViewRestriction.objects.filter(pk__in=pks) if pks else PageViewRestriction.objects.none()


def _view_restrictions(page):
    from django.db.models.functions import Coalesce
    from wagtail.models import Page, PageViewRestriction

    paths = [page.path[:n] for n in range(page.steplen, len(page.path) + 1, page.steplen)]
    sources = (
        Page.objects.filter(path__in=paths)
        .annotate(source=Coalesce("alias_of__alias_of_id", "alias_of_id", "id"))
        .values("source")
    )
    return PageViewRestriction.objects.filter(page_id__in=sources)


# The attribute on which routing (portal.home.routing) leaves each page's parent, in specific form.
ROUTED_PARENT = "routed_parent_page"


def loaded_parent(page):
    """The parent that routing loaded for `page` (in specific form), or None when the page was not
    reached by the portal's routing. Costs no query (unlike `get_parent()`)."""
    return getattr(page, ROUTED_PARENT, None)
