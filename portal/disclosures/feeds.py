"""Atom feed of notices at /feeds/notices.atom, taking the listing's filter parameters, so that a
provider can subscribe to e.g. 照料护理 in 杭州市."""

import datetime as dt

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from portal.core.money import format_yuan

from .views.common import filtered_notices

FEED_ITEMS = 50


class NoticeFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return filtered_notices(request)

    def title(self, filterset):
        labels = [str(v) for k, v in filterset.form.cleaned_data.items() if v not in (None, "") and k != "sort"]
        suffix = f"（{'、'.join(labels)}）" if labels else ""
        return _("政府购买社会救助服务采购公告") + suffix

    def link(self, filterset):
        query = filterset.params().urlencode()
        return reverse("disclosures:notice_list") + (f"?{query}" if query else "")

    def subtitle(self, filterset):
        return _("采购意向、采购公告、更正、结果、合同、终止和履约验收公告。")

    def items(self, filterset):
        return filterset.qs.order_by("-last_published_at", "-pk")[:FEED_ITEMS]

    def item_title(self, item):
        return f"【{item.kind_label}】{item.title}"

    def item_description(self, item):
        project = item.project
        parts = [project.purchaser, item.region.full_name if item.region_id else "", project.get_method_display()]
        parts.append(_("预算%(budget)s") % {"budget": format_yuan(project.budget)})
        if item.late_working_days:
            parts.append(_("逾期发布%(n)s个工作日") % {"n": item.late_working_days})
        return "；".join(p for p in parts if p)

    def item_link(self, item):
        return item.get_url(request=self.request)

    def item_guid(self, item):
        return f"{item.project.ocid}-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        if item.first_published_at:
            return item.first_published_at
        return timezone.make_aware(dt.datetime.combine(item.published_on, dt.time.min))

    def item_updateddate(self, item):
        return item.last_published_at or self.item_pubdate(item)

    def item_categories(self, item):
        return [str(item.kind_label), item.project.get_method_display()]
