"""What site search lists and how a result says what it is.

Site search lists content pages only: the home page, sections (and the apps' index pages, which are
sections) and region folders are structure, found through the menus, never as results. Every other
page type is content and is searched; each result is labelled with its type in words: the notice's
kind (招标公告, 中标（成交）结果公告, 采购意向…), the section a standard page belongs to (工作动态, 政策文件…),
else the page type's name (采购项目, 绩效评价结果, 宣传活动, 宣传资料, 培训课程).

The page types say this themselves, so that this module imports no app above it:
- `site_search_structure = True` on a page class: structure, never a result (subclasses inherit it);
- `site_search_label()` on a page: its label (default: the page type's verbose name);
- `site_search_snippet()` on a page: the text shown when it has no search description or summary;
- `prepare_site_search_results(pages)` classmethod: called once per page type with that type's pages
  of one result page, to load in one query what the labels and snippets need."""

from collections import defaultdict
from dataclasses import dataclass

from django.utils.html import strip_tags
from django.utils.text import Truncator

SNIPPET_CHARS = 90


def structural_page_models():
    """The page types that only structure the site (they say so with `site_search_structure`)."""
    from wagtail.models import get_page_models

    return tuple(model for model in get_page_models() if getattr(model, "site_search_structure", False))


def content_page_models():
    """Every page type site search lists: all concrete page types except the root `Page` and the
    structural types (and their subclasses, such as the apps' index pages)."""
    from wagtail.models import Page, get_page_models

    structural = structural_page_models()
    return [model for model in get_page_models() if model is not Page and not issubclass(model, structural)]


def searchable_pages():
    """Live, public content pages, as specific instances."""
    from wagtail.models import Page

    return Page.objects.live().public().type(*content_page_models()).specific()


@dataclass
class Result:
    page: object
    label: str
    snippet: str


def snippet_text(html):
    """Plain text of `html`, whitespace collapsed, cut to the length of a result's snippet."""
    return Truncator(" ".join(strip_tags(html or "").split())).chars(SNIPPET_CHARS)


def result_rows(pages):
    """(page, type label, snippet) for one page of results, in a bounded number of queries: at most
    one per page type that prepares its results (the projects of calls for bids, named by
    procurement method; the sections of standard pages)."""
    pages = list(pages)
    by_type = defaultdict(list)
    for page in pages:
        by_type[type(page)].append(page)
    for model, group in by_type.items():
        prepare = getattr(model, "prepare_site_search_results", None)
        if prepare is not None:
            prepare(group)
    rows = []
    for page in pages:
        label = page.site_search_label() if hasattr(page, "site_search_label") else None
        snippet = page.search_description or getattr(page, "summary", "")
        if not snippet and hasattr(page, "site_search_snippet"):
            snippet = page.site_search_snippet()
        rows.append(Result(page=page, label=label or str(page._meta.verbose_name), snippet=snippet))
    return rows
