"""Signal handlers of home, connected by HomeConfig.ready() (connect())."""

from wagtail.signals import page_published

from .models import SectionPage


def _section_published(sender, instance, **kwargs):
    """A newly published section (of any app) gets its region folders, permissions and workflows."""
    if isinstance(instance, SectionPage):
        from .roles import setup_roles

        setup_roles(sections=[instance])


def connect():
    page_published.connect(_section_published, dispatch_uid="home.section_published")
