"""Home page sections of the disclosures app: open calls (正在招标) and latest results (最新结果)."""

from django.urls import reverse_lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from portal.core.caching import remember
from portal.core.home_sections import HomeSection, register_home_section
from portal.core.pages import exclude_restricted

HOME_ITEMS = 6
CACHE_SECONDS = 300


def _cached(name, build):
    """Home sections are cached (a few minutes, and dropped with the page cache whenever content
    changes, portal.core.caching) so that they add no queries to the busiest page of the
    portal. Their open/closed state changes with the day."""
    from django.utils import timezone

    return remember(
        f"disclosures:home:{name}", (timezone.localdate().isoformat(),), lambda: list(build()), seconds=CACHE_SECONDS
    )


def open_calls(request, home_page):
    from .models import NoticeKind, NoticePage, Stage
    from .models.procurement import stage_expression

    def build():
        return (
            exclude_restricted(NoticePage.objects.live())
            .filter(kind__in=[NoticeKind.TENDER, NoticeKind.SINGLE_SOURCE])
            .annotate(stage_now=stage_expression("project__"))
            .filter(stage_now=Stage.OPEN)
            .select_related("project", "region")
            .order_by("project__bid_deadline")[:HOME_ITEMS]
        )

    return {"notices": _cached("open_calls", build), "show_deadline": True}


def latest_results(request, home_page):
    from .models import NoticeKind, NoticePage

    def build():
        return (
            exclude_restricted(NoticePage.objects.live())
            .filter(kind=NoticeKind.RESULT)
            .select_related("project", "region")
            .order_by("-published_on", "-pk")[:HOME_ITEMS]
        )

    return {"notices": _cached("latest_results", build), "show_supplier": True}


def register():
    register_home_section(
        HomeSection(
            "open_calls",
            _("正在招标"),
            20,
            "disclosures/home_notices.html",
            open_calls,
            more_url=format_lazy("{}?stage=open", reverse_lazy("disclosures:notice_list")),
        )
    )
    register_home_section(
        HomeSection(
            "latest_results",
            _("最新结果"),
            30,
            "disclosures/home_notices.html",
            latest_results,
            more_url=format_lazy("{}?kind=result", reverse_lazy("disclosures:notice_list")),
        )
    )
