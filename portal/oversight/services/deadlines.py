"""Answer periods in working days: 7 for a supplier challenge (政府采购法 art. 53), the configurable
service standard for public complaints (default 15) and media inquiries."""

from django.utils import timezone

from portal.reference.workdays import calendar

from ..models import Category, Kind, OversightSettings

CHALLENGE_ANSWER_DAYS = 7


def answer_days(kind, category):
    if category == Category.CHALLENGE:
        return CHALLENGE_ANSWER_DAYS
    standards = OversightSettings.load()
    return standards.media_days if kind == Kind.MEDIA else standards.complaint_days


def due(kind, category, received_at, cal=None):
    """The Deadline (portal.reference.workdays) for a case received at `received_at`. The day of
    receipt is not counted (Civil Code art. 201)."""
    cal = cal or calendar()
    return cal.add_working_days(timezone.localdate(received_at), answer_days(kind, category))
