"""PDF rendering with WeasyPrint, shared by notices, receipts, self-check results and printables.

Chinese text needs a CJK font: the Debian package fonts-wqy-microhei (installed by
scripts/system-deps.sh) is used, and WeasyPrint embeds the subset of glyphs a document uses.
PDFs are cached under a key that includes the source's version (for pages, the latest revision id),
so a PDF is generated once and regenerated only after the content changes.
"""

from pathlib import Path

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.encoding import escape_uri_path
from django.utils.safestring import mark_safe

from . import caching

FONT_CANDIDATES = [
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
    Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
]
FONT_FAMILY = "PortalCJK"
PDF_CACHE_SECONDS = 30 * 24 * 3600


def cjk_font_path():
    configured = getattr(settings, "PORTAL_PDF_FONT", None)
    for candidate in [Path(configured)] if configured else FONT_CANDIDATES:
        if candidate.exists():
            return candidate
    raise RuntimeError("No CJK font found for PDFs: run scripts/system-deps.sh (fonts-wqy-microhei).")


def font_face_css():
    """@font-face rule to put at the top of every PDF stylesheet (marked safe: it is our own CSS and
    must not be HTML-escaped inside <style>)."""
    return mark_safe(
        f"@font-face {{ font-family: '{FONT_FAMILY}'; src: url('{cjk_font_path().as_uri()}'); }}\n"
        f"html {{ font-family: '{FONT_FAMILY}', sans-serif; }}\n"
    )


def render_pdf(template_name, context, base_url=None):
    """Render a Django template to PDF bytes. The template can use {{ pdf_font_css }} in a <style>."""
    from weasyprint import HTML

    context = {**context, "pdf_font_css": font_face_css()}
    html = render_to_string(template_name, context)
    return HTML(string=html, base_url=base_url or str(settings.BASE_DIR)).write_pdf()


def cached_pdf(key_parts, template_name, context, base_url=None):
    """PDF bytes from the fragment cache (portal.core.caching), or rendered and stored for
    PDF_CACHE_SECONDS. `key_parts` must change whenever the content changes (e.g. ("notice",
    page.pk, page.latest_revision_id)): the PDF outlives other content changes."""
    return caching.remember(
        "pdf",
        tuple(key_parts),
        lambda: render_pdf(template_name, context, base_url=base_url),
        seconds=PDF_CACHE_SECONDS,
        purged=False,
    )


def pdf_response(pdf, filename, inline=True):
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{escape_uri_path(filename)}"
    response["Content-Length"] = str(len(pdf))
    return response
