"""The home page section "承接主体": counts, a search box and the newest verified providers."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.core.home_sections import HomeSection, register_home_section


def _context(request, home_page):
    from .models import Provider, ProviderStatus

    counts = Provider.objects.aggregate(
        total=Count("pk"),
        active=Count("pk", filter=Q(status=ProviderStatus.ACTIVE)),
        verified=Count("pk", filter=Q(verified=True)),
    )
    newest = list(Provider.objects.verified().active().order_by("-verified_on", "-id")[:5])
    return {"counts": counts, "newest": newest, "directory_url": reverse("providers:directory")}


def register():
    register_home_section(
        HomeSection(
            "providers",
            _("承接主体"),
            20,
            "providers/home_section.html",
            _context,
            more_url="/providers/",
        )
    )
