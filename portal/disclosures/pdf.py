"""Context for the PDF of a notice (official layout: title, number, purchaser, body, dates, contact)."""

from django.utils import timezone


def notice_pdf_context(notice, request):
    from wagtail.models import Site

    from portal.home.models import PortalSettings

    site = Site.find_for_request(request)
    return {
        "notice": notice,
        "project": notice.project_with_region(),
        "service_items": list(notice.project.service_items.all()),
        "documents": list(notice.documents.select_related("document")),
        "portal": PortalSettings.for_site(site) if site else None,
        "notice_url": notice.get_full_url(request),
        "generated_at": timezone.localtime(),
    }
