"""Admin of the site frame: the delete grant for pages, the admin's Chinese for yes/no filters and
the drafts panel of the dashboard."""

import django_filters
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.active_filters import ActiveFilter, BaseFilterAdapter, register_filter_adapter_class

from .dashboard import MyDraftsPanel


@hooks.register("before_delete_page")
def deleting_needs_the_delete_grant(request, page):
    """Only holders of the explicit delete grant (province administrators) delete pages: Wagtail
    would otherwise let anyone who may publish a page delete it, i.e. city reviewers their
    counties' published notices, which must stay on the public record."""
    if request.user.is_superuser or "delete" in page.permissions_for_user(request.user).permissions:
        return None
    raise PermissionDenied


class BooleanFilterAdapter(BaseFilterAdapter):
    """An active yes/no filter shows 是/否 (Wagtail's default adapter shows Python's True/False)."""

    def get_active_filters(self):
        yield ActiveFilter(
            self.bound_field.auto_id,
            self.filter.label,
            _("是") if self.value else _("否"),
            self.get_url_without_filter_param(self.name),
        )


register_filter_adapter_class(django_filters.BooleanFilter, BooleanFilterAdapter)


@hooks.register("construct_homepage_panels")
def drafts_on_dashboard(request, panels):
    """Every editor: their drafts not yet submitted. The other apps add their own panels (statutory
    deadlines: portal.disclosures; provider applications: portal.providers; exit decisions,
    complaint queue) through the same hook."""
    panels.append(MyDraftsPanel(request.user))
