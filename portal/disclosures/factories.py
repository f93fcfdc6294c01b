"""factory_boy factories for procurement projects, notices and township capacity figures (tests and
seed_demo)."""

import datetime as dt
from decimal import Decimal

import factory
import wagtail_factories

from portal.reference.models import Region

from .models import Method, NoticeIndexPage, NoticeKind, NoticePage, ProcurementProjectPage, TownshipCapacity
from .models.capacity import required_posts


class NoticeIndexPageFactory(wagtail_factories.PageFactory):
    title = "采购公告"
    slug = "disclosures"
    show_in_menus = False
    intro = "<p>政府购买社会救助服务的采购意向、采购公告、结果公告和合同公告。</p>"

    class Meta:
        model = NoticeIndexPage


class ProcurementProjectPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"社会救助对象照料护理服务采购项目（{n}）")
    slug = factory.Sequence(lambda n: f"project-{n}")
    project_number = factory.Sequence(lambda n: f"ZJ-2026-{n:05d}")
    purchaser = "杭州市西湖区民政局"
    agency = "浙江公共资源交易咨询有限公司"
    method = Method.OPEN
    budget = Decimal("980000.00")
    contact_name = "王老师"
    contact_phone = "0571-87000000"
    summary = "为辖区特困人员提供上门照料护理服务。"
    service_start = dt.date(2026, 1, 1)
    service_end = dt.date(2026, 12, 31)

    class Meta:
        model = ProcurementProjectPage
        skip_postgeneration_save = True

    @factory.post_generation
    def service_items(obj, create, extracted, **kwargs):
        if extracted:
            obj.service_items.set(extracted)
            if create:
                obj.save()


class NoticePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"社会救助服务采购公告（{n}）")
    slug = factory.Sequence(lambda n: f"notice-{n}")
    kind = NoticeKind.TERMINATION
    termination_reason = "采购需求发生变化，本项目终止。"
    published_on = factory.LazyFunction(lambda: dt.date(2026, 11, 2))
    body = "<p>欢迎符合条件的供应商参加。</p>"

    class Meta:
        model = NoticePage


def _township_without_figures():
    """The first township of Xihu district (330106) that has no capacity figures yet."""
    return Region.objects.townships().filter(parent__code="330106", capacity__isnull=True).order_by("code").first()


class TownshipCapacityFactory(factory.django.DjangoModelFactory):
    """A township's capacity figures, fully staffed unless `posts_filled` is given. The default
    township is looked up in the database: give `township` to build without a query."""

    township = factory.LazyFunction(_township_without_figures)
    window_address = factory.LazyAttribute(lambda o: f"{o.township.name}便民服务中心一楼社会救助窗口")
    window_hours = "周一至周五 8:30-12:00，14:00-17:30"
    window_phone = "0571-87000000"
    recipients = 600
    recipients_as_of = dt.date(2026, 9, 30)
    posts_filled = factory.LazyAttribute(lambda o: required_posts(o.recipients))
    provider_name = factory.LazyAttribute(lambda o: f"{o.township.name}社会工作服务中心" if o.posts_filled else "")

    class Meta:
        model = TownshipCapacity
