"""Registry of home page sections. Each app registers what it has to show (open calls, results,
evaluations, campaigns, the complaints entry) in its AppConfig.ready(); the home page renders them in
order. An app that has not landed simply registers nothing."""

from collections.abc import Callable
from dataclasses import dataclass

_SECTIONS = []


@dataclass
class HomeSection:
    key: str
    title: str
    order: int
    template: str
    get_context: Callable  # (request, home_page) -> dict, or None to hide the section
    more_url: str | None = None


def register_home_section(section):
    global _SECTIONS
    _SECTIONS = [s for s in _SECTIONS if s.key != section.key] + [section]
    _SECTIONS.sort(key=lambda s: s.order)


def home_sections(request, home_page):
    rendered = []
    for section in _SECTIONS:
        context = section.get_context(request, home_page)
        if context is None:
            continue
        rendered.append({"section": section, "context": context})
    return rendered
