"""The admin dashboard's panel common to every editor (Wagtail's `construct_homepage_panels` hook).

Wagtail's own panels already show a reviewer the items waiting for their review and an editor their
items in a workflow (in review or sent back for changes). This one adds the editor's drafts not yet
submitted. Each app adds its own panels through the same hook: the statutory deadlines of the
projects in the editor's region (portal.disclosures.dashboard), the provider applications waiting
for a decision (portal.providers.dashboard), exit decisions (portal.disclosures), the complaint
handlers' queue (portal.oversight). Each panel costs a fixed number of queries."""

from wagtail.admin.ui.components import Component
from wagtail.models import Page, WorkflowState

LIMIT = 10


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
