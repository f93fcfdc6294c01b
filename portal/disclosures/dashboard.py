"""The admin dashboard panel of the statutory deadlines in the editor's region (added to Wagtail's
dashboard by wagtail_hooks.py for county editors and city reviewers)."""

import datetime as dt

from django.db.models import Q
from django.utils import timezone
from wagtail.admin.ui.components import Component

from portal.home.admin_scope import within

from .models import ProcurementProjectPage

LIMIT = 10
DEADLINE_WINDOW_DAYS = 21


def upcoming_deadlines(prefixes, today=None, window=DEADLINE_WINDOW_DAYS):
    """{project, label, when, has_time, days_left, official} of the live projects in the regions with the code
    `prefixes` (None: everywhere) whose next statutory or announced deadline falls within `window`
    days from today, soonest first. Candidates are read from the projects' lifecycle columns (a bid
    deadline in the window, or awarded and not yet contracted), at most LIMIT of them."""
    today = today or timezone.localdate()
    end = today + dt.timedelta(days=window)
    start_of_today = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    end_of_window = timezone.make_aware(dt.datetime.combine(end, dt.time.max))
    projects = ProcurementProjectPage.objects.live().filter(terminated_on__isnull=True)
    if prefixes is not None:
        projects = within(projects, prefixes, "region__code")
    open_soon = Q(awarded_on__isnull=True, bid_deadline__gte=start_of_today, bid_deadline__lte=end_of_window)
    # A contract is signed within 30 days of the award notice; the challenge period ends sooner.
    awarded = Q(awarded_on__gte=today - dt.timedelta(days=45), contracted_on__isnull=True)
    candidates = projects.filter(open_soon | awarded).select_related("region").order_by("bid_deadline", "pk")
    rows = []
    for project in candidates[:LIMIT]:
        found = project.next_deadline(today)
        if found is None:
            continue
        label, when, official = found
        day = timezone.localdate(when) if isinstance(when, dt.datetime) else when
        if today <= day <= end:
            rows.append(
                {
                    "project": project,
                    "label": label,
                    "when": when,
                    "has_time": isinstance(when, dt.datetime),
                    "days_left": (day - today).days,
                    "official": official,
                }
            )
    rows.sort(key=lambda row: row["days_left"])
    return rows[:LIMIT]


class DeadlinesPanel(Component):
    """Statutory deadlines in the next three weeks of the projects in the editor's region."""

    name = "portal_deadlines"
    order = 215
    template_name = "disclosures/admin/deadlines_panel.html"

    def __init__(self, user, prefixes):
        self.user = user
        self.prefixes = prefixes
        self._rows = None

    def rows(self):
        if self._rows is None:
            self._rows = upcoming_deadlines(self.prefixes)
        return self._rows

    def get_context_data(self, parent_context=None):
        return {"rows": self.rows(), "window": DEADLINE_WINDOW_DAYS}

    def render_html(self, parent_context=None):
        if not self.rows():
            return ""
        return super().render_html(parent_context)
