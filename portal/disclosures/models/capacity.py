"""Township capacity disclosure (浙民助〔2018〕117号 part 3.2): each township's one-stop assistance
window, its number of assistance recipients, the purchased staff posts the policy requires and the
posts actually filled.

Policy: fewer than 500 recipients, 1 post; 500 to 1,000, 2 posts; more than 1,000, more posts, the
exact figure set by each city (default 3)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.providers.services import provider_for_code

POLICY_SMALL, POLICY_MEDIUM, POLICY_LARGE = 1, 2, 3
LOWER_BOUND, UPPER_BOUND = 500, 1000


def required_posts(recipients, rule=None):
    """Purchased staff posts a township with `recipients` assistance recipients must have."""
    if recipients is None:
        return None
    small = rule.posts_under_500 if rule else POLICY_SMALL
    medium = rule.posts_500_to_1000 if rule else POLICY_MEDIUM
    large = rule.posts_over_1000 if rule else POLICY_LARGE
    if recipients < LOWER_BOUND:
        return small
    if recipients <= UPPER_BOUND:
        return medium
    return large


class StaffingRule(models.Model):
    """A city's own figures for the staffing rule (the policy lets cities set the figure above 1,000
    recipients; no band may fall below the policy's minimum)."""

    city = models.OneToOneField(
        "reference.Region", verbose_name=_("设区市"), on_delete=models.CASCADE, related_name="staffing_rule"
    )
    posts_under_500 = models.PositiveSmallIntegerField(_("500名以下配备人数"), default=POLICY_SMALL)
    posts_500_to_1000 = models.PositiveSmallIntegerField(_("500—1000名配备人数"), default=POLICY_MEDIUM)
    posts_over_1000 = models.PositiveSmallIntegerField(_("1000名以上配备人数"), default=POLICY_LARGE)
    basis = models.CharField(_("依据文件"), max_length=200, blank=True)
    effective_from = models.DateField(_("施行日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("市级配备标准")
        verbose_name_plural = _("市级配备标准")
        # The table keeps the name it had in the home app (moved without copying data).
        db_table = "home_staffingrule"

    def __str__(self):
        return f"{self.city}配备标准"

    def clean(self):
        errors = {}
        if self.city_id and self.city.level != 2:
            errors["city"] = _("请选择设区市。")
        if self.posts_under_500 < POLICY_SMALL:
            errors["posts_under_500"] = _("不得低于政策标准（1人）。")
        if self.posts_500_to_1000 < max(POLICY_MEDIUM, self.posts_under_500):
            errors["posts_500_to_1000"] = _("不得低于政策标准（2人），也不得低于500名以下的配备人数。")
        if self.posts_over_1000 < max(POLICY_LARGE, self.posts_500_to_1000):
            errors["posts_over_1000"] = _("1000名以上应适当增加：不得少于3人，也不得低于500—1000名的配备人数。")
        if errors:
            raise ValidationError(errors)


class TownshipCapacity(models.Model):
    """The disclosed capacity of one township or street: its assistance window, the dated number of
    recipients, the posts filled and the provider that dispatches the purchased staff."""

    township = models.OneToOneField(
        "reference.Region", verbose_name=_("乡镇（街道）"), on_delete=models.CASCADE, related_name="capacity"
    )
    window_address = models.CharField(_("“一门受理”窗口地址"), max_length=200, blank=True)
    window_hours = models.CharField(_("办公时间"), max_length=100, blank=True)
    window_phone = models.CharField(_("窗口电话"), max_length=40, blank=True)
    recipients = models.PositiveIntegerField(_("社会救助对象人数"))
    recipients_as_of = models.DateField(_("人数统计日期"))
    posts_filled = models.PositiveSmallIntegerField(_("实际到岗购买服务人员"), default=0)
    provider_name = models.CharField(_("派遣人员的承接主体"), max_length=120, blank=True)
    provider_credit_code = models.CharField(_("承接主体统一社会信用代码"), max_length=18, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["township__code"]
        verbose_name = _("乡镇经办能力")
        verbose_name_plural = _("乡镇经办能力")
        db_table = "home_townshipcapacity"

    def __str__(self):
        return str(self.township)

    def clean(self):
        if self.township_id and self.township.level != 4:
            raise ValidationError({"township": _("请选择乡镇（街道）。")})
        if self.provider_credit_code and len(self.provider_credit_code) != 18:
            raise ValidationError({"provider_credit_code": _("统一社会信用代码应为18位。")})

    def provider_url(self):
        """Link to the provider's registry profile when the registry lists it."""
        provider = provider_for_code(self.provider_credit_code)
        return provider.get_absolute_url() if provider else None
