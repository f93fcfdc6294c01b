"""Template tags of the page frame (templates/base.html) and the shared `highlight` filter.

The frame's navigation and footer are the same for every visitor of a site: their parts are
cached per (content generation, host, language) so that a page pays no query and no URL reversing
for them (`frame_key`); the generation is bumped on every publish and content save
(portal.core.page_cache), which purges them with the pages.
"""

import re

from django import template
from django.core.cache import cache
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext
from wagtail.models import Page

register = template.Library()


@register.filter
def highlight(text, terms):
    """Escape `text` and wrap every occurrence of the search terms in <mark>."""
    text = escape(text or "")
    terms = [escape(t) for t in (terms or []) if t]
    if not terms:
        return mark_safe(text)
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.IGNORECASE)
    return mark_safe(pattern.sub(lambda m: f"<mark>{m.group(0)}</mark>", text))


@register.filter
def money(value):
    """An amount in yuan as every public page writes it: "2,375,000.00 元" (portal.core.money)."""
    from portal.core.money import format_yuan

    return format_yuan(value) or "—"


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page=None):
    """The trail from the home page to `page` (a Wagtail page), or to the view's `crumbs` list."""
    items = []
    if page is not None and isinstance(page, Page):
        from portal.home.models import routed_trail

        request = context.get("request")
        # Pages reached through region-folder routing carry their parents: no ancestors query.
        items = routed_trail(page, request) if request is not None else None
        if items is None:
            ancestors = page.get_ancestors().filter(depth__gt=2)
            items = [{"title": p.title, "url": p.url} for p in ancestors]
            items.append({"title": page.title, "url": None})
    elif context.get("crumbs"):
        items = [{"title": t, "url": u} for t, u in context["crumbs"]]
    return {"items": items}


NAV_CACHE_KEY = "portal:nav:{site_id}"


@register.simple_tag(takes_context=True)
def nav_pages(context):
    """Top navigation: live pages under the home page that are marked 'show in menus'. Cached per
    site; publishing or unpublishing any page clears it (portal.core.signals)."""

    request = context.get("request")
    site = getattr(request, "_wagtail_site", None)
    if site is None and request is not None:
        from wagtail.models import Site

        site = Site.find_for_request(request)
    if site is None:
        return []
    key = NAV_CACHE_KEY.format(site_id=site.pk)
    items = cache.get(key)
    if items is None:
        pages = site.root_page.get_children().live().in_menu().order_by("path")[:8]
        items = [{"title": p.title, "url": p.get_url(request), "path": p.path} for p in pages]
        cache.set(key, items, 600)
    return items


@register.simple_tag(takes_context=True)
def current_path(context):
    request = context.get("request")
    return request.get_full_path() if request else "/"


def frame_key(request):
    """What the frame's shared parts depend on besides the visitor-specific bits: the content
    generation, the host and port (which Site answers) and the language. Computed once a request."""
    key = getattr(request, "_portal_frame_key", None)
    if key is None:
        from portal.core.page_cache import generation

        key = f"{generation()}:{request.get_host()}:{request.get_port()}:{get_language()}"
        request._portal_frame_key = key
    return key


def _frame_cached(request, name, build):
    """`build()` cached under the frame key for FRAGMENT_CACHE_SECONDS (0: not cached)."""
    from portal.core.page_cache import remember

    if request is None:
        return build()
    return remember(f"frame:{name}", (frame_key(request),), build)


def _nav_entries(context):
    """(label, url, page path or None) of every navigation entry after 首页, in order."""
    entries = [(item["label"], item["url"], None) for item in main_nav()]
    entries += [(item["title"], item["url"], item["path"]) for item in nav_pages(context)]
    return entries


@register.simple_tag(takes_context=True)
def site_nav(context):
    """The main navigation's list items (首页, the app views, the menu pages), the current one
    marked with aria-current: an app view when the path starts with its URL, a menu page when the
    page being shown is in its subtree."""
    request = context.get("request")
    page = context.get("page")
    depth = getattr(page, "depth", None) if page else None
    page_path = getattr(page, "path", None) if depth and depth > 2 else None
    here = request.get_full_path() if request is not None else "/"
    current = ' aria-current="page"'
    parts = [f'<li><a href="/"{current if depth == 2 else ""}>{escape(gettext("首页"))}</a></li>']
    for label, url, path in _frame_cached(request, "nav", lambda: _nav_entries(context)):
        if path is None:
            is_current = here.startswith(str(url or "\0"))
        else:
            is_current = page_path is not None and page_path[:12] == path[:12]
        parts.append(f'<li><a href="{escape(url)}"{current if is_current else ""}>{escape(label)}</a></li>')
    return mark_safe("\n        ".join(parts))


@register.simple_tag(takes_context=True)
def site_footer(context):
    """templates/includes/footer.html rendered with the current context (the site's PortalSettings),
    cached: it is the same for every visitor of a site."""
    template_ = context.template.engine.get_template("includes/footer.html")
    return mark_safe(_frame_cached(context.get("request"), "footer", lambda: template_.render(context)))


# Entries of the main navigation that are views rather than pages. Each is shown only once the
# app that owns the URL name has landed.
MAIN_NAV = [
    ("采购公告", "disclosures:notice_list"),
    ("承接主体", "providers:directory"),
    ("绩效评价", "disclosures:evaluation_list"),
    ("政策宣传", "publicity:index"),
    ("投诉监督", "oversight:complaint_new"),
    ("开放数据", "disclosures:open_data"),
]


@register.simple_tag
def main_nav():
    from django.urls import NoReverseMatch, reverse

    items = []
    for label, name in MAIN_NAV:
        try:
            items.append({"label": label, "url": reverse(name)})
        except NoReverseMatch:
            continue
    return items


@register.filter
def startswith(value, prefix):
    return str(value or "").startswith(str(prefix or "\0"))


@register.filter
def page_links(page_obj, on_each_side=1):
    """The numbered links of a pagination bar (templates/includes/pagination.html): Django's elided
    page range around the current page (first and last page always, … for the gaps), as
    {"number": n, "current": bool} or {"gap": True}."""
    paginator = page_obj.paginator
    links = []
    for number in paginator.get_elided_page_range(page_obj.number, on_each_side=on_each_side, on_ends=1):
        if number == paginator.ELLIPSIS:
            links.append({"gap": True})
        else:
            links.append({"number": number, "current": number == page_obj.number})
    return links
