"""{% notice_facts notice project as facts %}: the facts of a notice for its page and its PDF
(portal.disclosures.notice_facts)."""

from django import template

from ..notice_facts import notice_facts as facts_of

register = template.Library()


@register.simple_tag(takes_context=True)
def notice_facts(context, notice, project, links=True):
    request = context.get("request")
    supplier_url = project_url = ""
    if links:
        provider = context.get("winner_provider")
        supplier_url = provider.get_absolute_url() if provider else ""
        project_url = project.get_url(request=request) if request is not None else project.url
    return facts_of(notice, project, project.service_item_list(), supplier_url=supplier_url, project_url=project_url)
