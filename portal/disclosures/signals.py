from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import CalendarDay, CalendarYear
from .workdays import WorkingCalendar


@receiver([post_save, post_delete], sender=CalendarDay)
@receiver([post_save, post_delete], sender=CalendarYear)
def invalidate_calendar(sender, **kwargs):
    """Edits in the admin take effect at once for every deadline computed afterwards (now, and
    again after the commit, so that no other process caches the calendar of before it)."""
    WorkingCalendar.invalidate()
    transaction.on_commit(WorkingCalendar.invalidate)
