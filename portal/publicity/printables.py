"""Printable leaflet (A4) and poster (A3) of a campaign: key facts, a QR code to the campaign's page,
the hotline, in large Chinese type. Rendered by WeasyPrint and cached until the campaign is
published again (the cache key carries the live revision)."""

import base64
import io

import qrcode
import qrcode.image.svg
from django.utils.translation import gettext_lazy as _

from portal.core.pdf import cached_pdf

KINDS = {
    "leaflet": ("publicity/print/leaflet.html", _("宣传单（A4）")),
    "poster": ("publicity/print/poster.html", _("海报（A3）")),
}


def qr_svg_data_uri(text):
    """The QR code of `text` as an SVG data URI (vector, so it prints sharp at any size).
    Error correction level M survives a little dirt or a fold on a printed sheet."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4, box_size=10)
    code.add_data(text)
    code.make(fit=True)
    image = code.make_image(image_factory=qrcode.image.svg.SvgPathFillImage)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _cover_uri(page, spec):
    if page.cover_image is None:
        return None
    try:
        rendition = page.cover_image.get_rendition(spec)
        return rendition.file.path and "file://" + rendition.file.path
    except (NotImplementedError, OSError, ValueError):
        # Remote storage or a missing file: the poster is still useful without its picture.
        return None


def printable_pdf(page, kind, full_url, site_settings):
    template, label = KINDS[kind]
    steps = page.steps()
    context = {
        "page": page,
        "kind_label": label,
        "full_url": full_url,
        "qr_code": qr_svg_data_uri(full_url),
        "facts": page.key_facts(),
        "steps": {"heading": steps["heading"], "steps": list(steps["steps"])} if steps else None,
        "hotline": site_settings.hotline,
        "organisation": site_settings.organisation,
        "phone": site_settings.phone,
        "cover": _cover_uri(page, "max-1600x1000") if kind == "poster" else None,
        "channels": list(page.channels.all()),
    }
    key = (
        "publicity",
        kind,
        page.pk,
        page.live_revision_id,
        full_url,
        site_settings.hotline,
        site_settings.organisation,
        site_settings.phone,
    )
    return cached_pdf(key, template, context)


def pdf_filename(page, kind):
    return f"{page.title}-{KINDS[kind][1]}.pdf"
