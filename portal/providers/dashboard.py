"""The admin dashboard panel of the provider applications waiting for a decision (added to Wagtail's
dashboard by wagtail_hooks.py for those who decide them)."""

from wagtail.admin.ui.components import Component

from .models import ProviderApplication
from .models.application import OPEN_STATES

LIMIT = 10


class ApplicationsPanel(Component):
    """Provider applications to join the registry waiting for a decision (oldest first)."""

    name = "portal_applications"
    order = 230
    template_name = "providers/admin/applications_panel.html"

    def pending(self):
        return ProviderApplication.objects.filter(status__in=OPEN_STATES).order_by("submitted_at", "pk")

    def get_context_data(self, parent_context=None):
        pending = self.pending()
        return {"applications": list(pending[:LIMIT]), "count": pending.count()}

    def render_html(self, parent_context=None):
        if not self.pending().exists():
            return ""
        return super().render_html(parent_context)
