"""What site search lists and how a result says what it is.

Site search lists content pages only: the home page, sections (and the apps' index pages, which are
sections) and region folders are structure, found through the menus, never as results. Every other
page type is content and is searched; each result is labelled with its type in words: the notice's
kind (招标公告, 中标（成交）结果公告, 采购意向…), the section a standard page belongs to (工作动态, 政策文件…),
else the page type's name (采购项目, 绩效评价结果, 宣传活动, 宣传资料, 培训课程)."""

from dataclasses import dataclass

from django.db.models import prefetch_related_objects
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _

SNIPPET_CHARS = 90


def structural_page_models():
    """The page types that only structure the site."""
    from portal.home.models import HomePage, RegionSectionPage, SectionPage

    return (HomePage, SectionPage, RegionSectionPage)


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


def _section_titles(pages):
    """Path of a top-level section -> its title, for the standard pages below sections."""
    from wagtail.models import Page

    prefixes = {page.path[: Page.steplen * 3] for page in pages if page.depth > 3}
    if not prefixes:
        return {}
    return dict(Page.objects.filter(path__in=prefixes).values_list("path", "title"))


def _text(html):
    return Truncator(" ".join(strip_tags(html or "").split())).chars(SNIPPET_CHARS)


def result_rows(pages):
    """(page, type label, snippet) for one page of results, in a bounded number of queries: one for
    the projects of calls for bids (named by procurement method), one for the sections of standard
    pages."""
    from wagtail.models import Page

    from portal.disclosures.models import EvaluationResultPage, NoticeKind, NoticePage
    from portal.home.models import StandardPage

    pages = list(pages)
    # Only a call for bids is named after its project's procurement method.
    tenders = [page for page in pages if isinstance(page, NoticePage) and page.kind == NoticeKind.TENDER]
    if tenders:
        prefetch_related_objects(tenders, "project")
    standard = [page for page in pages if isinstance(page, StandardPage)]
    sections = _section_titles(standard)
    rows = []
    for page in pages:
        snippet = page.search_description or getattr(page, "summary", "")
        if isinstance(page, NoticePage):
            label = page.kind_label
            snippet = snippet or _text(page.body)
        elif isinstance(page, StandardPage):
            label = sections.get(page.path[: Page.steplen * 3]) if page.depth > 3 else None
            label = label or _("栏目页")
        elif isinstance(page, EvaluationResultPage):
            label = str(page._meta.verbose_name)
            if not snippet:
                parts = [page.provider_name, str(page.year)]
                if page.grade:
                    parts.append(page.get_grade_display())
                snippet = " · ".join(p for p in parts if p)
        else:
            label = str(page._meta.verbose_name)
        rows.append(Result(page=page, label=label, snippet=snippet))
    return rows
