"""Sections other apps add to a provider's public profile (contracts won, evaluations...), so the
providers app never imports their models: call register_profile_section() in your AppConfig.ready().
`get_context(request, provider)` returns a dict for the template, or None to hide the section."""

from collections.abc import Callable
from dataclasses import dataclass

_SECTIONS = {}


@dataclass
class ProfileSection:
    key: str
    title: str
    order: int
    template: str
    get_context: Callable


def register_profile_section(section):
    _SECTIONS[section.key] = section


def profile_sections(request, provider):
    rendered = []
    for section in sorted(_SECTIONS.values(), key=lambda s: s.order):
        context = section.get_context(request, provider)
        if context is not None:
            rendered.append({"section": section, "context": context})
    return rendered
