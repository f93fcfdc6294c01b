from wagtail.signals import page_published

from .models import SectionPage


def _section_published(sender, instance, **kwargs):
    """A newly published section (of any app) gets its region folders, permissions and workflows."""
    if isinstance(instance, SectionPage):
        from .roles import setup_roles

        setup_roles(sections=[instance])


def _capacity_changed(sender, **kwargs):
    from .capacity import invalidate

    invalidate()


def connect():
    from django.db.models.signals import post_delete, post_save

    from .staffing import StaffingRule, TownshipCapacity

    page_published.connect(_section_published, dispatch_uid="home.section_published")
    for model in (TownshipCapacity, StaffingRule):
        post_save.connect(_capacity_changed, sender=model, dispatch_uid=f"home.capacity.save.{model.__name__}")
        post_delete.connect(_capacity_changed, sender=model, dispatch_uid=f"home.capacity.delete.{model.__name__}")
