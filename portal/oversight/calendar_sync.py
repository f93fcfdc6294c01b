"""When a year's holiday schedule becomes official, the answer deadlines of open cases that were
counted on the weekday rule for that year are counted again on the official calendar (and marked
official), so that handlers and complainants see the lawful date."""

from django.utils import timezone

from portal.reference.workdays import WorkingCalendar

from .models import OPEN_STATUSES, Case


def recount_open_deadlines():
    """Recount the deadlines of open cases whose deadline is not official; returns how many changed."""
    WorkingCalendar.invalidate()
    cal = WorkingCalendar.load()
    changed = []
    for case in Case.objects.filter(status__in=OPEN_STATUSES, due_official=False).only(
        "pk", "received_at", "due_days", "due_date", "due_official"
    ):
        # The period the case was given at receipt, counted again on the official calendar.
        deadline = cal.add_working_days(timezone.localdate(case.received_at), case.due_days)
        if (deadline.date, deadline.official) != (case.due_date, case.due_official):
            case.due_date, case.due_official = deadline.date, deadline.official
            changed.append(case)
    Case.objects.bulk_update(changed, ["due_date", "due_official"], batch_size=500)
    return len(changed)


def year_saved(sender, instance, **kwargs):
    if instance.official:
        recount_open_deadlines()
