"""The home page's 政策宣传 section: the latest live campaigns."""

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from portal.core.home_sections import HomeSection, register_home_section
from portal.core.pages import exclude_restricted


def _latest_campaigns(request, home_page):
    from .models import CampaignPage

    campaigns = (
        exclude_restricted(CampaignPage.objects.live()).select_related("region").order_by("-start_date", "-pk")[:5]
    )
    return {"campaigns": campaigns}


def register():
    register_home_section(
        HomeSection(
            "publicity",
            _("政策宣传"),
            60,
            "publicity/home_section.html",
            _latest_campaigns,
            more_url=reverse_lazy("publicity:index"),
        )
    )
