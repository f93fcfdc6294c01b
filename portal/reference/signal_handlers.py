"""Signal handlers of reference, connected by ReferenceConfig.ready()."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from .models import CalendarDay, CalendarYear
from .workdays import WorkingCalendar


def invalidate_calendar(sender, **kwargs):
    """Edits in the admin take effect at once for every deadline computed afterwards (now, and
    again after the commit, so that no other process caches the calendar of before it)."""
    WorkingCalendar.invalidate()
    transaction.on_commit(WorkingCalendar.invalidate)


def connect():
    for model in (CalendarDay, CalendarYear):
        name = model._meta.model_name
        post_save.connect(invalidate_calendar, sender=model, dispatch_uid=f"reference.calendar.saved.{name}")
        post_delete.connect(invalidate_calendar, sender=model, dispatch_uid=f"reference.calendar.deleted.{name}")
