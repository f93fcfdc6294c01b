"""Home page, standard pages, section pages with their region folders, and site-wide settings."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import blocks, hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import GroupApprovalTask, Page, Site, TaskState
from wagtail.search import index

from portal.core import caching
from portal.core.blocks import BODY_BLOCKS
from portal.core.home_sections import home_sections
from portal.core.listings.pagination import window_page
from portal.core.pages import CachedViewRestrictionsMixin, exclude_restricted
from portal.search.indexing import SegmentedSearchMixin

from .routing import PathRoutingMixin, routed_parent, routed_trail

__all__ = ["routed_parent", "routed_trail"]  # used by the other apps' page types


class HomePage(PathRoutingMixin, SegmentedSearchMixin, CachedViewRestrictionsMixin, Page):
    """The portal's front page. Its lower sections (open calls, results, evaluations, campaigns,
    complaints) are filled by the apps that own that content."""

    # Structure, found through the menus: never a site-search result (portal.search.results).
    site_search_structure = True

    hero_title = models.CharField(_("主标题"), max_length=120, default="政府购买社会救助服务信息公开")
    intro = RichTextField(_("简介"), blank=True, features=["bold", "link"])
    quick_links = StreamField(
        [
            (
                "link",
                blocks.StructBlock(
                    [
                        ("title", blocks.CharBlock(label=_("标题"))),
                        ("description", blocks.CharBlock(label=_("说明"), required=False)),
                        ("page", blocks.PageChooserBlock(label=_("站内页面"), required=False)),
                        (
                            "url",
                            blocks.CharBlock(
                                label=_("链接地址"), required=False, help_text=_("站内路径（如 /providers/）或完整网址")
                            ),
                        ),
                    ],
                    template="blocks/quick_link.html",
                    label=_("快捷入口"),
                ),
            )
        ],
        blank=True,
        verbose_name=_("快捷入口"),
    )

    content_panels = Page.content_panels + [FieldPanel("hero_title"), FieldPanel("intro"), FieldPanel("quick_links")]
    search_fields = Page.search_fields + SegmentedSearchMixin.segmented_search_fields
    # Sections of every app (SectionPage subclasses) may be added under the home page in the admin.
    subpage_types = [
        "home.StandardPage",
        "home.SectionPage",
        "publicity.CampaignIndexPage",
        "disclosures.NoticeIndexPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("首页")

    def segmented_search_texts(self):
        return [self.title, self.hero_title, self.intro]

    def get_context(self, request, *args, **kwargs):
        from django.utils.functional import SimpleLazyObject

        context = super().get_context(request, *args, **kwargs)
        # Computed only when the cached fragment (keyed on the page-cache generation) is missing.
        context["sections"] = SimpleLazyObject(lambda: home_sections(request, self))
        context["sections_cache"] = {"seconds": caching.fragment_seconds(), "generation": caching.generation()}
        return context


class StandardPage(SegmentedSearchMixin, CachedViewRestrictionsMixin, Page):
    """A page of text: about the portal, policy texts, guides, notices of a general kind."""

    summary = models.CharField(_("摘要"), max_length=300, blank=True)
    body = StreamField(BODY_BLOCKS, blank=True, verbose_name=_("正文"))

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    search_fields = Page.search_fields + SegmentedSearchMixin.segmented_search_fields + [index.SearchField("summary")]
    parent_page_types = ["home.HomePage", "home.StandardPage", "home.SectionPage", "home.RegionSectionPage"]

    class Meta:
        verbose_name = _("普通页面")

    def segmented_search_texts(self):
        return [self.title, self.summary, self.search_description, self.body_text()]

    @classmethod
    def prepare_site_search_results(cls, pages):
        """Site search labels a standard page below a section with the section's title (工作动态,
        政策文件…): the titles of the pages' top-level sections, in one query."""
        prefixes = {page.path[: Page.steplen * 3] for page in pages if page.depth > 3}
        titles = dict(Page.objects.filter(path__in=prefixes).values_list("path", "title")) if prefixes else {}
        for page in pages:
            page.site_search_section = titles.get(page.path[: Page.steplen * 3]) if page.depth > 3 else None

    def site_search_label(self):
        return getattr(self, "site_search_section", None) or gettext("栏目页")

    def body_text(self):
        from django.utils.html import strip_tags

        return strip_tags(self.body.render_as_block()) if self.body else ""


class SectionPage(SegmentedSearchMixin, CachedViewRestrictionsMixin, Page):
    """A top-level section whose content is edited region by region. Below it sits one folder per
    city and, in each, one per county (RegionSectionPage); editors' page permissions and the review
    workflow attach to those folders. Apps subclass it for their own index pages (multi-table
    inheritance), so that every section gets folders, permissions and workflows the same way."""

    # Structure, found through the menus: never a site-search result (portal.search.results).
    site_search_structure = True

    intro = RichTextField(_("简介"), blank=True, features=["bold", "italic", "link", "ol", "ul"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + SegmentedSearchMixin.segmented_search_fields
    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.RegionSectionPage", "home.StandardPage"]

    class Meta:
        verbose_name = _("栏目")

    def segmented_search_texts(self):
        return [self.title, self.intro]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["region_folders"] = RegionSectionPage.objects.child_of(self).live().select_related("region")
        context["latest"] = (
            Page.objects.descendant_of(self)
            .live()
            .public()
            .not_type(RegionSectionPage)
            .order_by("-first_published_at")[:20]
        )
        return context


class RegionSectionPage(PathRoutingMixin, CachedViewRestrictionsMixin, Page):
    """The folder of one city or county inside a section. Created by `setup_roles`, not by hand."""

    # Structure, found through the menus: never a site-search result (portal.search.results).
    site_search_structure = True

    region = models.ForeignKey(
        "reference.Region", verbose_name=_("行政区划"), on_delete=models.PROTECT, related_name="section_pages"
    )

    content_panels = Page.content_panels + [FieldPanel("region", read_only=True)]
    # Folders are made by code (roles.ensure_region_folders), never by hand; the content page types
    # of each app say themselves that they live in folders (parent_page_types).
    is_creatable = False

    class Meta:
        verbose_name = _("地区栏目")

    PAGE_SIZE = 20

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        pages = exclude_restricted(
            Page.objects.descendant_of(self).live().not_type(RegionSectionPage).order_by("-first_published_at", "-pk")
        )
        context["page_obj"] = window_page(pages, request.GET.get("page"), self.PAGE_SIZE)
        # Folders hold sub-folders only at city level (one per county): a county folder has none.
        # Routing loads the region along with the folder; only without it is the query needed.
        region = getattr(self, "joined_region", None)
        if region is not None and region.level >= region.Level.COUNTY:
            context["sub_folders"] = []
        else:
            context["sub_folders"] = list(
                RegionSectionPage.objects.child_of(self).live().select_related("region").order_by("path")
            )
        context["trail"] = routed_trail(self, request)
        return context


@register_setting(icon="site")
class PortalSettings(BaseSiteSetting):
    """Contact details and the identifiers a Chinese government website shows in its footer (网站标识码,
    ICP备案号, 公安机关备案号, 主办/承办单位), also used on printed material."""

    organisation = models.CharField(_("主办单位"), max_length=120, default="浙江省民政厅")
    operator = models.CharField(
        _("承办单位"), max_length=120, blank=True, help_text=_("负责网站日常运行维护的单位；留空则不显示。")
    )
    hotline = models.CharField(_("服务热线"), max_length=40, default="12345")
    phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    office_hours = models.CharField(_("办公时间"), max_length=120, default="工作日 8:30-12:00，14:30-17:30")
    site_code = models.CharField(
        _("网站标识码"),
        max_length=10,
        blank=True,
        validators=[RegexValidator(r"^[0-9]{10}$", _("网站标识码为10位数字。"))],
        help_text=_("政府网站标识码（10位数字），由全国政府网站信息报送系统分配。"),
    )
    icp_record = models.CharField(
        _("ICP备案号"),
        max_length=60,
        blank=True,
        help_text=_("例如：浙ICP备12345678号；页脚链接到工业和信息化部备案系统。"),
    )
    psb_record = models.CharField(
        _("公安机关备案号"),
        max_length=60,
        blank=True,
        validators=[
            RegexValidator(r"[0-9]{14}", _("公安机关备案号应包含14位备案编号，例如：浙公网安备 33010602000001号。"))
        ],
        help_text=_("例如：浙公网安备 33010602000001号；页脚链接到全国互联网安全管理服务平台。"),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation"),
                FieldPanel("operator"),
                FieldPanel("hotline"),
                FieldPanel("phone"),
                FieldPanel("email"),
            ],
            heading=_("联系方式"),
        ),
        FieldPanel("address"),
        FieldPanel("office_hours"),
        MultiFieldPanel(
            [FieldPanel("site_code"), FieldPanel("icp_record"), FieldPanel("psb_record")],
            heading=_("网站标识与备案"),
        ),
    ]

    class Meta:
        verbose_name = _("站点设置")

    @property
    def psb_code(self):
        """The 14-digit number of the 公安机关备案号, for the link to its record."""
        match = re.search(r"[0-9]{14}", self.psb_record or "")
        return match[0] if match else ""


class StatutoryApprovalTask(GroupApprovalTask):
    """The city review task. Approving a page whose publication would now break a statutory rule
    (for example a tender notice whose bid period became too short while it waited for review) does
    not publish it: the page goes back to its editor with the rule's message as the reviewer's
    comment, instead of failing the request."""

    class Meta:
        verbose_name = _("法定时限审核任务")
        verbose_name_plural = _("法定时限审核任务")

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name != "approve":
            return super().on_action(task_state, user, action_name, **kwargs)
        try:
            with transaction.atomic():
                # Apps may prepare the approval (e.g. publish a notice's project with it) or refuse
                # it with a ValidationError, which sends the page back like a broken rule.
                for fn in hooks.get_hooks("before_statutory_approval"):
                    fn(task_state, user)
                return super().on_action(task_state, user, action_name, **kwargs)
        except ValidationError as exc:
            fresh = TaskState.objects.get(pk=task_state.pk).specific
            reason = "；".join(exc.messages)
            fresh.reject(user=user, comment=_("无法发布，已退回修改：%(reason)s") % {"reason": reason})
            return None


def site_hotline():
    """The portal's service hotline (PortalSettings of the default site): the one number that the
    footer, takeover plans and outreach material give."""
    site = Site.objects.filter(is_default_site=True).first()
    return PortalSettings.for_site(site).hotline if site else PortalSettings._meta.get_field("hotline").default
