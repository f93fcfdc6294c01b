"""Signal wiring of oversight, connected by OversightConfig.ready(): answer deadlines recounted when a
year's holiday schedule becomes official (calendar_sync.py), an exit decision opened for a confirmed
subcontracting finding (exits.py)."""

from django.db.models.signals import post_save

from portal.reference.models import CalendarYear

from . import calendar_sync, exits
from .signals import finding_recorded


def connect():
    post_save.connect(calendar_sync.year_saved, sender=CalendarYear, dispatch_uid="oversight-recount-deadlines")
    finding_recorded.connect(exits.finding_recorded_handler, dispatch_uid="oversight_exit_on_subcontracting")
