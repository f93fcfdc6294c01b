"""The publicity section: campaign index at /publicity/, materials library at materials/ and the
staff training list at training/ (routes of the index page)."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.images import get_image_model
from wagtail.models import Page

from portal.core.listings.listing import Listing
from portal.core.pages import exclude_restricted
from portal.home.models import SectionPage, routed_trail

from ..filters import CampaignFilterSet, MaterialFilterSet, TrainingFilterSet
from .campaign import CampaignPage
from .material import MaterialPage
from .training import TrainingCoursePage

CARD_IMAGE_FILTER = "fill-480x300"
PAGE_SIZE = 12


def _with_cover(queryset, field):
    """Prefetch the card image and its rendition, so that a page of cards costs two queries."""
    images = get_image_model().objects.prefetch_renditions(CARD_IMAGE_FILTER)
    return queryset.prefetch_related(Prefetch(field, queryset=images))


def _listing(request, filterset_class, queryset):
    return Listing(request, filterset_class, queryset, filterset_class.facets(), page_size=PAGE_SIZE)


class CampaignIndexPage(RoutablePageMixin, SectionPage):
    """The publicity section (政策宣传). Region folders below it hold the campaigns, materials and
    training courses of each city and county; province-wide ones sit directly below it."""

    parent_page_types = ["home.HomePage"]
    subpage_types = [
        "home.RegionSectionPage",
        "publicity.CampaignPage",
        "publicity.MaterialPage",
        "publicity.TrainingCoursePage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("政策宣传栏目")

    def get_context(self, request, *args, **kwargs):
        # Skip SectionPage's generic "latest pages" list: the routes build their own listings.
        context = Page.get_context(self, request, *args, **kwargs)
        context["trail"] = routed_trail(self, request)
        return context

    def get_sitemap_urls(self, request=None):
        """The section page plus its materials library and training list."""
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        if base:
            urls += [{"location": base + "materials/"}, {"location": base + "training/"}]
        return urls

    def _render_listing(self, request, template, listing, extra):
        context = {**listing.context(), **extra, "section_page": self}
        return self.render(request, template=template, context_overrides=context)

    @path("")
    def campaigns(self, request):
        queryset = (
            CampaignPage.objects.live()
            .descendant_of(self)
            .select_related("region")
            .prefetch_related("service_items")
            .order_by("-start_date", "-pk")
        )
        listing = _listing(request, CampaignFilterSet, _with_cover(exclude_restricted(queryset), "cover_image"))
        return self._render_listing(request, "publicity/campaign_index_page.html", listing, {"active_tab": "campaigns"})

    @path("materials/")
    def materials(self, request):
        queryset = (
            MaterialPage.objects.live()
            .descendant_of(self)
            .select_related("region", "document")
            .order_by("-issued_on", "-pk")
        )
        listing = _listing(request, MaterialFilterSet, _with_cover(exclude_restricted(queryset), "preview_image"))
        extra = {"active_tab": "materials", "crumbs": [(self.title, self.url), (_("宣传资料库"), None)]}
        return self._render_listing(request, "publicity/material_library.html", listing, extra)

    @path("training/")
    def training(self, request):
        queryset = (
            TrainingCoursePage.objects.live().descendant_of(self).select_related("region").order_by("-starts_at", "-pk")
        )
        listing = _listing(request, TrainingFilterSet, exclude_restricted(queryset))
        extra = {"active_tab": "training", "crumbs": [(self.title, self.url), (_("业务培训"), None)]}
        return self._render_listing(request, "publicity/training_list.html", listing, extra)
