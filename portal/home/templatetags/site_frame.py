"""Template tags of the page frame (templates/base.html): the main navigation, the breadcrumbs and
the footer. Home is the site frame; the markup is in templates (includes/site_nav.html,
includes/breadcrumbs.html, includes/footer.html).

The navigation entries and the footer are the same for every visitor of a site: they are cached
per (content generation, host, language) through the one fragment cache of portal.core.caching
(`frame_key`), so that a page pays no query and no URL reversing for them; the generation is bumped
on every publish and content save, which purges them with the pages.
"""

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import mark_safe
from wagtail.models import Page, Site

from portal.core.caching import frame_key, remember

from ..models import routed_trail

register = template.Library()

# The menu pages are read at most this often even where fragments are not cached
# (FRAGMENT_CACHE_SECONDS=0); publishing or unpublishing a page starts a new generation.
NAV_SECONDS = 600

# Entries of the main navigation that are views rather than pages. Each is shown only once the
# app that owns the URL name is installed.
MAIN_NAV = [
    ("采购公告", "disclosures:notice_list"),
    ("承接主体", "providers:directory"),
    ("绩效评价", "evaluations:evaluation_list"),
    ("政策宣传", "publicity:index"),
    ("投诉监督", "oversight:complaint_new"),
    ("开放数据", "disclosures:open_data"),
]


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page=None):
    """The trail from the home page to `page` (a Wagtail page), or to the view's `crumbs` list."""
    items = []
    if page is not None and isinstance(page, Page):
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


@register.simple_tag
def main_nav():
    """The app views of the main navigation, as {label, url}."""
    items = []
    for label, name in MAIN_NAV:
        try:
            items.append({"label": label, "url": reverse(name)})
        except NoReverseMatch:
            continue
    return items


def menu_pages(request):
    """Live pages under the site's home page marked 'show in menus', as {title, url, path}."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return []

    def build():
        pages = site.root_page.get_children().live().in_menu().order_by("path")[:8]
        return [{"title": p.title, "url": p.get_url(request), "path": p.path} for p in pages]

    return remember("frame:menu-pages", (frame_key(request),), build, seconds=NAV_SECONDS)


def nav_entries(request):
    """(label, url, page path or None) of every navigation entry after 首页, in order."""
    entries = [(item["label"], item["url"], None) for item in main_nav()]
    entries += [(item["title"], item["url"], item["path"]) for item in menu_pages(request)]
    return entries


@register.simple_tag(takes_context=True)
def site_nav(context):
    """The main navigation's list items (首页, the app views, the menu pages), the current one
    marked with aria-current: an app view when the path starts with its URL, a menu page when the
    page being shown is in its subtree. Drawn by includes/site_nav.html, cached per frame and per
    current entry (a handful of variants per site), since every page shows it."""
    request = context.get("request")
    page = context.get("page")
    depth = getattr(page, "depth", None) if page else None
    page_path = getattr(page, "path", None) if depth and depth > 2 else None
    here = request.get_full_path() if request is not None else "/"
    if request is None:
        entries = nav_entries(None)
    else:
        entries = remember("frame:nav", (frame_key(request),), lambda: nav_entries(request))
    current = []
    for _label, url, path in entries:
        if path is None:
            current.append(here.startswith(str(url or "\0")))
        else:
            current.append(page_path is not None and page_path[:12] == path[:12])
    home_current = depth == 2
    template_ = context.template.engine.get_template("includes/site_nav.html")

    def draw():
        items = [
            {"label": label, "url": url, "current": c} for (label, url, _path), c in zip(entries, current, strict=True)
        ]
        return template_.render(template.Context({"home_current": home_current, "items": items}, autoescape=True))

    if request is None:
        return mark_safe(draw())
    return mark_safe(remember("frame:nav-html", (frame_key(request), home_current, tuple(current)), draw))


@register.simple_tag(takes_context=True)
def site_footer(context):
    """templates/includes/footer.html rendered with the current context (the site's PortalSettings),
    cached: it is the same for every visitor of a site."""
    template_ = context.template.engine.get_template("includes/footer.html")
    request = context.get("request")
    if request is None:
        return mark_safe(template_.render(context))
    return mark_safe(remember("frame:footer", (frame_key(request),), lambda: template_.render(context)))


@register.simple_tag(takes_context=True)
def current_path(context):
    request = context.get("request")
    return request.get_full_path() if request else "/"
