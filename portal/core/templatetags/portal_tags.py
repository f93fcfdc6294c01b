"""Filters shared by every app's templates: `highlight`, `money`, `startswith`, `page_links`. The
page frame's tags (navigation, breadcrumbs, footer) are in portal.home (site_frame)."""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

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
