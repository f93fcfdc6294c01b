"""Non-page views of the publicity section: the /publicity/ entry point behind the URL name
publicity:index, and the printable PDFs of a campaign."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from wagtail.models import Site
from wagtail.views import serve

from portal.core.pdf import pdf_response
from portal.core.public_url import public_page_url
from portal.home.models import PortalSettings

from .models import CampaignIndexPage, CampaignPage
from .printables import KINDS, pdf_filename, printable_pdf


def index(request):
    """Serve the publicity index page through Wagtail's own page serving (so previews, privacy and
    hooks apply as for any page). If editors moved the section elsewhere, redirect to it."""
    try:
        return serve(request, "publicity/")
    except Http404:
        page = CampaignIndexPage.objects.live().public().first()
        url = page.get_url(request) if page is not None else None
        if url is None or url == request.path:
            raise
        return redirect(url)


def printable(request, pk, kind):
    """The campaign's A4 leaflet or A3 poster as a PDF (live, public campaigns only)."""
    if kind not in KINDS:
        raise Http404
    page = get_object_or_404(CampaignPage.objects.live().public().select_related("cover_image"), pk=pk)
    full_url = public_page_url(page, request)  # the public address, not the request's host
    if full_url is None:
        raise Http404
    site_settings = PortalSettings.for_site(Site.find_for_request(request))
    return pdf_response(printable_pdf(page, kind, full_url, site_settings), pdf_filename(page, kind))
