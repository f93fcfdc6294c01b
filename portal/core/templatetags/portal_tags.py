import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe
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
    from django.core.cache import cache

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
