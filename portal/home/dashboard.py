"""The admin dashboard of each role (Wagtail's `construct_homepage_panels` hook, see wagtail_hooks.py).

Wagtail's own panels already show a reviewer the items waiting for their review and an editor their
items in a workflow (in review or sent back for changes). These add what an editor must not forget:
their drafts not yet submitted, and the statutory deadlines of the projects in their region; and for
province administrators the provider applications waiting for a decision. Complaint handlers see the
oversight queue panel (portal.oversight.wagtail_hooks), exit decisions come from portal.disclosures.
Each panel costs a fixed number of queries."""

import datetime as dt

from django.db.models import Q
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import Page, WorkflowState

from .admin_scope import within

LIMIT = 10
DEADLINE_WINDOW_DAYS = 21


class MyDraftsPanel(Component):
    """Pages the user owns with changes that are neither published nor submitted for review."""

    name = "portal_my_drafts"
    order = 205
    template_name = "home/admin/my_drafts_panel.html"

    def __init__(self, user):
        self.user = user

    def drafts(self):
        in_workflow = WorkflowState.objects.active().filter(base_content_type__model="page").values("object_id")
        pages = (
            Page.objects.filter(owner=self.user, has_unpublished_changes=True)
            .exclude(pk__in=[int(pk) for pk in in_workflow.values_list("object_id", flat=True)])
            .order_by("-latest_revision_created_at", "-pk")
        )
        return pages

    def get_context_data(self, parent_context=None):
        drafts = self.drafts()
        return {"drafts": list(drafts.specific()[:LIMIT]), "count": drafts.count()}

    def render_html(self, parent_context=None):
        if not self.drafts().exists():
            return ""
        return super().render_html(parent_context)


def upcoming_deadlines(prefixes, today=None, window=DEADLINE_WINDOW_DAYS):
    """{project, label, when, has_time, days_left, official} of the live projects in the regions with the code
    `prefixes` (None: everywhere) whose next statutory or announced deadline falls within `window`
    days from today, soonest first. Candidates are read from the projects' lifecycle columns (a bid
    deadline in the window, or awarded and not yet contracted), at most LIMIT of them."""
    from portal.disclosures.models import ProcurementProjectPage

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
    template_name = "home/admin/deadlines_panel.html"

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


class ApplicationsPanel(Component):
    """Provider applications to join the registry waiting for a decision (oldest first)."""

    name = "portal_applications"
    order = 230
    template_name = "home/admin/applications_panel.html"

    def pending(self):
        from portal.providers.models import ProviderApplication
        from portal.providers.models.application import OPEN_STATES

        return ProviderApplication.objects.filter(status__in=OPEN_STATES).order_by("submitted_at", "pk")

    def get_context_data(self, parent_context=None):
        pending = self.pending()
        return {"applications": list(pending[:LIMIT]), "count": pending.count()}

    def render_html(self, parent_context=None):
        if not self.pending().exists():
            return ""
        return super().render_html(parent_context)
