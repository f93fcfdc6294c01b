"""Page routing in one query per request instead of Wagtail's two per URL segment.

Wagtail's `Page.route` finds the child by slug (one query), loads its specific form (a second
query) and recurses, so a page four levels below the home page costs eight queries before its
own work starts. `PathRoutingMixin.route` fetches every page whose url_path is a prefix of the
requested path at once, joined with the tables of all page types (and their region with its
parents), and hands the rest of the path to the page Wagtail would have reached. Pages that route
sub-paths themselves (RoutablePageMixin, other `route` overrides) keep doing so.

Routing leaves each page's parent on it (our own `routed_parent_page` attribute, read through
`portal.core.pages.loaded_parent`), so breadcrumbs and pages that show their parent need no further
query (`routed_trail`, `routed_parent`); `get_parent()` still asks the database. A page type with
a region gets its region along with it (`joined_region`).

The site lookup and the view restrictions that go with routing are in portal.core.sites and
portal.core.pages (CachedViewRestrictionsMixin); Wagtail's own classes are left as they are.
"""

import functools

from django.core.exceptions import FieldDoesNotExist
from django.http import Http404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from portal.core import caching
from portal.core.pages import loaded_parent

REGION_JOIN = "__region__parent__parent"


@functools.cache
def specific_joins():
    """{page model: select_related path from Page to the model's table}, plus the model's region
    with its parents when it has one (pages show their region's full name). Models with several
    levels of multi-table inheritance (SectionPage subclasses) get the whole chain."""
    from wagtail.models import get_page_models

    joins = {}
    for model in get_page_models():
        if model is Page:
            continue
        chain = [model, *model._meta.get_base_chain(Page)]  # the model, its parents, ..., Page
        if chain[-1] is not Page or any(len(m._meta.parents) != 1 for m in chain[:-1]):
            continue  # not a plain single-inheritance chain down from Page
        accessors = []
        for child, parent in zip(chain[:-1], chain[1:], strict=True):
            accessors.append(child._meta.parents[parent].remote_field.get_accessor_name())
        path = "__".join(reversed(accessors))
        try:
            region = model._meta.get_field("region")
        except FieldDoesNotExist:
            region = None
        if (
            region is not None
            and region.many_to_one
            and region.model is model
            and region.related_model._meta.label == "reference.Region"
        ):
            path += REGION_JOIN
        joins[model] = path
    return joins


def joined_specific(page, model=None):
    """The specific form of `page` (a Page row fetched with `specific_joins`) read from the joined
    tables, so without a query; None when it was not joined."""
    model = model or page.specific_class
    path = specific_joins().get(model)
    if path is None:
        return None
    depth = len(model._meta.get_base_chain(Page))
    node = page
    try:
        for name in path.split("__")[:depth]:
            node = getattr(node, name)
    except (AttributeError, Page.DoesNotExist, model.DoesNotExist):
        return None
    except Exception as error:  # another model's DoesNotExist on an intermediate table
        if error.__class__.__name__ == "DoesNotExist":
            return None
        raise
    if not isinstance(node, model):
        return None
    if path.endswith(REGION_JOIN):
        node.joined_region = node.region  # joined with the page: no query
    return node


def routed_parent(page, model):
    """The parent that routing loaded for `page`, in the form of `model` (its table was joined, so
    no query), when that parent is a `model`; else None."""
    parent = loaded_parent(page)
    if parent is None or isinstance(parent, model):
        return parent
    if parent.specific_class is not model:
        return None
    return joined_specific(parent, model)


def routed_trail(page, request):
    """Breadcrumb items (title, url) from the section down to `page`, built from the parents that
    routing left on the pages, so without the ancestors query of the breadcrumbs tag. None when
    the chain is incomplete (the page was not reached by routing); the tag then does the work."""
    ancestors = []
    node = page
    while node.depth > 3:
        node = loaded_parent(node)
        if node is None:
            return None
        ancestors.append(node)
    items = [{"title": p.title, "url": p.get_url(request)} for p in reversed(ancestors)]
    items.append({"title": page.title, "url": None})
    return items


def _routes_itself(page, rest):
    """Whether `page` (specific) answers the sub-path `rest` itself instead of passing it on to a
    child: a routable page whose own routes match it, or a page with its own `route`."""
    cls = type(page)
    if isinstance(page, RoutablePageMixin):
        if not page.live:
            return False
        try:
            page.resolve_subpage("/" + "/".join(rest) + "/" if rest else "/")
        except Http404:
            return False
        return True
    return cls.route not in (Page.route, PathRoutingMixin.route)


class PathRoutingMixin:
    """Resolves the rest of the URL below this page in one query (see the module docstring)."""

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        chain = self.page_chain(path_components)
        parent = self
        last = len(chain) - 1
        for position, page in enumerate(chain):
            page.routed_parent_page = parent  # see portal.core.pages.loaded_parent
            rest = path_components[position + 1 :]
            if position == last or _routes_itself(page, rest):
                return page.route(request, rest)
            parent = page
        raise Http404  # not reached: the loop returns at the last page found

    def page_chain(self, path_components):
        """The pages (specific, in order) whose URLs are the successive prefixes of the path below
        this page, as far as they exist; Http404 when not even the first does. Kept in the cache
        until content changes (publishing, moving or saving pages or view restrictions bumps the
        page-cache generation); unknown paths are not cached."""
        return caching.remember("routing:chain", (self.pk, path_components), lambda: self._load_chain(path_components))

    def _load_chain(self, path_components):
        prefixes = [self.url_path + "/".join(path_components[:n]) + "/" for n in range(1, len(path_components) + 1)]
        rows = Page.objects.filter(
            # The slug index finds the candidates (url_path has none); url_path picks the chain.
            slug__in=set(path_components),
            url_path__in=prefixes,
            path__startswith=self.path,
            depth__gt=self.depth,
        ).order_by("depth")
        found = []  # the chain of pages one level apart, each the parent of the next
        for page in rows:
            if page.depth == self.depth + len(found) + 1 and page.url_path == prefixes[len(found)]:
                found.append(page)
        if not found:
            raise Http404
        specific = _load_specific(found)
        return [specific.get(row.pk) or row.specific for row in found]


def _load_specific(rows):
    """{pk: specific page} for these Page rows in one query, joining only the tables of the page
    types present (a join over every page type costs more to plan than it saves)."""
    joins = specific_joins()
    links = sorted({joins[row.specific_class] for row in rows if row.specific_class in joins})
    if not links:
        return {}
    loaded = Page.objects.filter(pk__in=[row.pk for row in rows]).select_related(*links)
    return {row.pk: page for row in loaded if (page := joined_specific(row)) is not None}
