"""The oversight section of the home page: this month's received, answered and on-time figures."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.core.home_sections import HomeSection, register_home_section


def _context(request, home_page):
    from .services.stats import month_figures

    today = timezone.localdate()
    return {
        **month_figures(today),
        "month": f"{today.year}年{today.month}月",
        "statistics_url": reverse("oversight:statistics"),
        "register_url": reverse("oversight:register"),
        "complaint_url": reverse("oversight:complaint_new"),
    }


def register():
    register_home_section(
        HomeSection(
            "oversight",
            _("投诉办理情况"),
            95,
            "oversight/sections/month.html",
            _context,
            more_url="/oversight/statistics/",
        )
    )
