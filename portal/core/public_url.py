"""The portal's public address, for what leaves the browser: printed URLs and QR codes (notice PDFs,
leaflets, posters, receipts) and links in e-mails.

A request's own host is no good for these: behind a proxy or on an internal name it is an address
the public cannot reach, and Wagtail's Site record says http://localhost until someone changes it.
The address is the setting PORTAL_BASE_URL (environment variable; `make run` sets it to the address
it serves); `sync_site_from_base_url` writes it into the default Site record (on every `migrate`
and with `manage.py sync_site`), so that Wagtail's own full URLs (feeds, API, sitemap) agree.
Without the setting, the default Site record's root URL is the public address."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def parse_base_url(value):
    """(scheme, hostname, port) of an absolute http(s) base URL, or ImproperlyConfigured."""
    parts = urlsplit(value or "")
    try:
        port = parts.port
    except ValueError as error:
        raise ImproperlyConfigured(f"PORTAL_BASE_URL {value!r}: {error}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path not in ("", "/"):
        raise ImproperlyConfigured(
            f"PORTAL_BASE_URL must be the portal's address such as https://jiuzhu.example.gov.cn, not {value!r}"
        )
    if parts.query or parts.fragment or parts.username:
        raise ImproperlyConfigured(f"PORTAL_BASE_URL {value!r} must not carry a query, fragment or user name")
    return parts.scheme, parts.hostname, port or (443 if parts.scheme == "https" else 80)


def configured_base_url():
    """PORTAL_BASE_URL without a trailing slash, or "" when it is not set."""
    return (getattr(settings, "PORTAL_BASE_URL", "") or "").strip().rstrip("/")


def _default_site():
    from wagtail.models import Site

    return Site.objects.filter(is_default_site=True).first()


def public_base_url(site=None):
    """The public address without a trailing slash: the setting, else the Site record's root URL."""
    configured = configured_base_url()
    if configured:
        return configured
    site = site or _default_site()
    return site.root_url.rstrip("/") if site else ""


def public_url(path):
    """An absolute public URL for a path on the portal ("/oversight/track/")."""
    return public_base_url() + path


def public_page_url(page, request=None):
    """The public URL of a Wagtail page, or None if it is not routable. On the default site the
    path is joined to the public base URL; a page of another site keeps that site's root URL."""
    parts = page.get_url_parts(request)
    if parts is None:
        return None
    site_id, root_url, page_path = parts
    default = _default_site()
    if default is not None and site_id == default.pk:
        return public_base_url(default) + page_path
    return root_url + page_path


def sync_site_from_base_url(base_url=None):
    """Write the public address (PORTAL_BASE_URL, or `base_url`) into the default Site record's
    hostname and port. Returns (site, changed), or (None, False) without an address or a site."""
    base_url = (base_url or configured_base_url()).rstrip("/")
    if not base_url:
        return None, False
    _scheme, hostname, port = parse_base_url(base_url)
    site = _default_site()
    if site is None:
        return None, False
    changed = (site.hostname, site.port) != (hostname, port)
    if changed:
        site.hostname, site.port = hostname, port
        site.save(update_fields=["hostname", "port"])
    return site, changed
