"""Context for the PDF of a notice (official layout: title, number, purchaser, body, dates, contact).

The PDF is cached (portal.core.pdf.cached_pdf, keyed on the page's revision), so the context is
lazy: each value is computed when the template first uses it, that is only when the PDF is
rendered, and a cached PDF costs no queries beyond finding the page."""

from functools import cache

from django.utils import timezone

from portal.core.public_url import public_page_url
from portal.home.models import PortalSettings


def _once(function):
    """A zero-argument callable computing function() on first use; Django templates call
    callables they resolve, so the template reads the value as before."""
    return cache(function)


def notice_pdf_context(notice, request):
    from wagtail.models import Site

    @_once
    def site():
        return Site.find_for_request(request)

    @_once
    def portal():
        return PortalSettings.for_site(site()) if site() else None

    return {
        "notice": notice,
        "project": _once(notice.project_with_region),
        "service_items": _once(lambda: list(notice.project.service_items.all())),
        "documents": _once(lambda: list(notice.documents.select_related("document"))),
        "portal": portal,
        # Printed: the portal's public address, not the host the request came to.
        "notice_url": _once(lambda: public_page_url(notice, request)),
        "generated_at": timezone.localtime(),
    }
