"""Home page sections owned by the home app: latest general pages and the complaints entry."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from portal.core.home_sections import HomeSection, register_home_section
from portal.core.pages import exclude_restricted


def _latest_pages(request, home_page):
    from .models import StandardPage

    pages = exclude_restricted(StandardPage.objects.live()).order_by("-first_published_at")[:6]
    return {"pages": pages}


def _complaints_entry(request, home_page):
    def url(name):
        try:
            return reverse(name)
        except NoReverseMatch:
            return None

    return {"complaint_url": url("oversight:complaint_new"), "track_url": url("oversight:track")}


def register():
    register_home_section(
        HomeSection("latest", _("最新公开信息"), 90, "home/sections/latest_pages.html", _latest_pages)
    )
    register_home_section(
        HomeSection("complaints", _("投诉与监督"), 100, "home/sections/complaints_entry.html", _complaints_entry)
    )
