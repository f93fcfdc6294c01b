"""Admin of the disclosures: guidance after saving notices, township capacity, the deadlines panel."""

# Procurement notices: guidance for the editor after saving, submitting or publishing.
from django.contrib import messages  # noqa: E402
from wagtail import hooks  # noqa: E402
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.models import register_snippet

from portal.home.roles import user_region_prefixes

from .dashboard import DeadlinesPanel


def _notice_guidance(request, page):
    """Messages after a notice is saved: on a draft, the statutory-rule errors that will refuse
    its submission or publication (the draft is saved all the same); always, the rules' warnings,
    a missing procurement intention, fields that do not apply to its kind, and a project that
    is not live yet."""
    from .guidance import notice_guidance
    from .models import NoticePage

    page = page.specific
    if not isinstance(page, NoticePage) or not page.project_id or not request.accepts("text/html"):
        return  # autosave (JSON) requests carry no messages
    action = (
        "publish" if request.POST.get("action-publish") else "submit" if request.POST.get("action-submit") else "save"
    )
    for level, text in notice_guidance(page, action):
        messages.add_message(request, level, text)


@hooks.register("after_create_page")
def notice_warnings_after_create(request, page):
    _notice_guidance(request, page)


@hooks.register("after_edit_page")
def notice_warnings_after_edit(request, page):
    _notice_guidance(request, page)


@hooks.register("before_statutory_approval")
def publish_project_with_notice(task_state, user):
    """The reviewer approves a notice whose project is not live: publish the project in the same
    review, or refuse with the reason (portal/disclosures/lifecycle.py)."""
    from .lifecycle import publish_project_with
    from .models import NoticePage

    revision = task_state.revision
    page = revision.as_object() if revision is not None else task_state.workflow_state.content_object.specific
    if isinstance(page, NoticePage) and page.project_id:
        publish_project_with(page, user)


@hooks.register("construct_homepage_panels")
def deadlines_on_dashboard(request, panels):
    """County editors and city reviewers: their region's statutory deadlines of the next three weeks
    (province-wide users have the notice listing's deadline sort for that)."""
    user = request.user
    prefixes = user_region_prefixes(user)
    if prefixes and PagePermissionPolicy().user_has_any_permission(user, ["add", "change", "publish"]):
        panels.append(DeadlinesPanel(user, prefixes))


# Township capacity: the county editors' figures and the cities' staffing rules.
from .capacity.admin import CapacityGroup  # noqa: E402

register_snippet(CapacityGroup)
