"""Admin for the township capacity disclosure: county editors keep their townships' figures up to
date (limited to their region, portal.home.admin_scope); province administrators set the cities'
staffing figures. Registered by portal/disclosures/wagtail_hooks.py."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.home.admin_scope import RegionPermissionPolicy, RegionScopedViewSetMixin, within
from portal.home.roles import user_region_prefixes
from portal.reference.models import Region

from ..models import StaffingRule, TownshipCapacity

# The records of another county are out of reach by direct URL too (edit, delete, history, usage).
register_permission_policy(TownshipCapacity, RegionPermissionPolicy(TownshipCapacity, "township__code"))


class TownshipCapacityForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        townships = Region.objects.townships().select_related("parent")
        self.prefixes = user_region_prefixes(self.for_user) if self.for_user else None
        if self.prefixes is not None:
            townships = within(townships, self.prefixes)
        self.fields["township"].queryset = townships
        self.fields["township"].label_from_instance = lambda r: f"{r.parent.name} {r.name}"

    def clean(self):
        cleaned = super().clean()
        if self.prefixes is not None and self.instance.pk:
            original = TownshipCapacity.objects.select_related("township").get(pk=self.instance.pk).township
            if not any(original.code.startswith(p) for p in self.prefixes):
                raise forms.ValidationError(_("只能维护本辖区乡镇（街道）的数据。"))
        return cleaned


class TownshipCapacityViewSet(RegionScopedViewSetMixin, SnippetViewSet):
    model = TownshipCapacity
    icon = "group"
    menu_label = _("乡镇经办能力")
    list_display = ["township", "recipients", "recipients_as_of", "posts_filled", "provider_name", "updated_at"]
    list_per_page = 50
    search_fields = ["township__name", "provider_name"]
    edit_handler = ObjectList(
        [
            FieldPanel("township"),
            MultiFieldPanel(
                [FieldPanel("window_address"), FieldPanel("window_hours"), FieldPanel("window_phone")],
                heading=_("“一门受理”窗口"),
            ),
            MultiFieldPanel(
                [FieldPanel("recipients"), FieldPanel("recipients_as_of"), FieldPanel("posts_filled")],
                heading=_("人数与配备"),
            ),
            MultiFieldPanel([FieldPanel("provider_name"), FieldPanel("provider_credit_code")], heading=_("派遣机构")),
        ],
        base_form_class=TownshipCapacityForm,
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("township")


class StaffingRuleViewSet(SnippetViewSet):
    model = StaffingRule
    icon = "cog"
    menu_label = _("市级配备标准")
    list_display = ["city", "posts_under_500", "posts_500_to_1000", "posts_over_1000", "effective_from"]
    panels = [
        FieldPanel("city"),
        FieldPanel("posts_under_500"),
        FieldPanel("posts_500_to_1000"),
        FieldPanel("posts_over_1000"),
        FieldPanel("basis"),
        FieldPanel("effective_from"),
    ]


class CapacityGroup(ViewSetGroup):
    menu_label = _("经办能力")
    menu_icon = "group"
    menu_order = 310
    items = (TownshipCapacityViewSet, StaffingRuleViewSet)
