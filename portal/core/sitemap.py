"""sitemap.xml in a bounded number of queries. Wagtail's Sitemap loads every page in its specific
form, one query per page type (12 here); the sitemap needs only each page's URL and date, which the
generic page row has, so only page types that add URLs of their own (get_sitemap_urls overridden,
e.g. the publicity index's routable lists) are loaded in their specific form."""

from wagtail.contrib.sitemaps.sitemap_generator import Sitemap
from wagtail.models import Page


def _adds_urls(page):
    cls = page.specific_class
    return cls is not None and cls.get_sitemap_urls is not Page.get_sitemap_urls


class PortalSitemap(Sitemap):
    def items(self):
        from portal.core.pages import exclude_restricted

        pages = self.get_wagtail_site().root_page.get_descendants(inclusive=True).live()
        return exclude_restricted(pages).order_by("path").defer_streamfields()

    def _urls(self, page, protocol, domain):
        urls = []
        last_mods = set()
        for item in self.paginator.page(page).object_list.iterator():
            if _adds_urls(item):
                item = item.specific
            for url_info in item.get_sitemap_urls(self.request):
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls
