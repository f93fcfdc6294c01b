"""factory_boy factories for the publicity pages (used by tests and by seed_demo).

Pages are created under a parent with `Factory(parent=folder_or_index, ...)`."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone
from wagtail.documents import get_document_model

from portal.home.factories import SectionPageFactory

from .models import Audience, CampaignIndexPage, CampaignPage, MaterialPage, TrainingCoursePage
from .models.material import MaterialKind
from .models.training import TrainingMode


class CampaignIndexPageFactory(SectionPageFactory):
    title = "政策宣传"
    slug = "publicity"
    show_in_menus = False
    intro = "<p>面向社会救助经办人员和困难群众的社会救助政策宣传、宣传资料和业务培训。</p>"

    class Meta:
        model = CampaignIndexPage


class DocumentFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"宣传资料{n}")
    file = factory.django.FileField(filename="material.pdf", data=b"%PDF-1.4\n%%EOF\n")

    class Meta:
        model = get_document_model()


def key_facts(*pairs, heading="政策要点"):
    return ("key_facts", {"heading": heading, "facts": [{"label": k, "value": v} for k, v in pairs]})


def steps(*items, heading="申请步骤"):
    return ("steps", {"heading": heading, "steps": [{"title": t, "description": d} for t, d in items]})


def faq(*items, heading="常见问题"):
    return ("faq", {"heading": heading, "items": [{"question": q, "answer": f"<p>{a}</p>"} for q, a in items]})


def cta(target, heading, description="", text=""):
    return ("call_to_action", {"target": target, "heading": heading, "description": description, "text": text})


def materials(*pages, heading="宣传资料下载"):
    return ("materials", {"heading": heading, "materials": list(pages)})


def contact(name, phone="", address="", hours=""):
    return ("contact", {"name": name, "phone": phone, "address": address, "hours": hours})


def rich_text(html):
    return ("rich_text", html)


class CampaignPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"社会救助政策宣传活动{n}")
    slug = factory.Sequence(lambda n: f"campaign-{n}")
    summary = "低保、特困、低边家庭可以申请社会救助，乡镇（街道）社会救助窗口一门受理。"
    audience = Audience.PEOPLE
    start_date = factory.LazyFunction(lambda: datetime.date(2026, 3, 1))
    end_date = factory.LazyFunction(lambda: datetime.date(2026, 6, 30))
    body = factory.LazyFunction(
        lambda: [
            rich_text("<p>社会救助政策进社区、进家庭，让困难群众应知尽知、应享尽享。</p>"),
            key_facts(("谁可以申请", "低保、特困、低边家庭"), ("到哪里申请", "户籍所在地乡镇（街道）社会救助窗口")),
        ]
    )

    class Meta:
        model = CampaignPage
        skip_postgeneration_save = True

    @factory.post_generation
    def service_items(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.service_items.set(extracted)
            obj.save()

    @factory.post_generation
    def channels(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.channels.set(extracted)
            obj.save()


class MaterialPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"社会救助政策宣传海报{n}")
    slug = factory.Sequence(lambda n: f"material-{n}")
    kind = MaterialKind.POSTER
    summary = "社会救助政策要点海报，适合社区宣传栏张贴。"
    audience = Audience.PEOPLE
    issued_on = factory.LazyFunction(lambda: datetime.date(2026, 2, 15))
    document = factory.SubFactory(DocumentFactory)

    class Meta:
        model = MaterialPage
        skip_postgeneration_save = True

    @factory.post_generation
    def service_items(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.service_items.set(extracted)
            obj.save()


class TrainingCoursePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"社会救助经办人员业务培训班第{n}期")
    slug = factory.Sequence(lambda n: f"training-{n}")
    summary = "学习政府购买社会救助服务政策、家庭经济状况核对和绩效评价。"
    starts_at = factory.LazyFunction(lambda: timezone.make_aware(datetime.datetime(2026, 4, 8, 9, 0)))
    ends_at = factory.LazyFunction(lambda: timezone.make_aware(datetime.datetime(2026, 4, 9, 17, 0)))
    mode = TrainingMode.OFFLINE
    location = "杭州市民政局培训中心"
    organiser = "浙江省民政厅社会救助处"
    body = factory.LazyFunction(
        lambda: [
            (
                "agenda",
                {
                    "heading": "课程安排",
                    "sessions": [
                        {"time": "4月8日上午", "topic": "政府购买社会救助服务政策解读", "speaker": "省民政厅"},
                        {"time": "4月8日下午", "topic": "家庭经济状况核对实务", "speaker": ""},
                    ],
                },
            ),
            (
                "policy_text",
                {
                    "title": "关于加强社会救助能力建设推进政府购买社会救助服务的通知",
                    "number": "浙民助〔2018〕117号",
                    "document": None,
                    "page": None,
                    "url": "https://mzt.zj.gov.cn/",
                },
            ),
        ]
    )

    class Meta:
        model = TrainingCoursePage
