"""Set the default Wagtail Site record's hostname and port from the portal's public address
(PORTAL_BASE_URL, or --base-url). `migrate` does the same when PORTAL_BASE_URL is set."""

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from portal.core.public_url import configured_base_url, sync_site_from_base_url


class Command(BaseCommand):
    help = "Set the default site's hostname and port from PORTAL_BASE_URL (printed URLs, QR codes, full URLs)."

    def add_arguments(self, parser):
        parser.add_argument("--base-url", help="the public address, e.g. https://jiuzhu.example.gov.cn")

    def handle(self, *args, base_url=None, **options):
        base_url = base_url or configured_base_url()
        if not base_url:
            raise CommandError("Set PORTAL_BASE_URL (or pass --base-url) to the portal's public address.")
        try:
            site, changed = sync_site_from_base_url(base_url)
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from None
        if site is None:
            raise CommandError("There is no default site yet: run migrate first.")
        state = "set to" if changed else "already"
        self.stdout.write(f"default site {state} {site.root_url} (public address {base_url})")
