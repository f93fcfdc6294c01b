"""Campaign, material and training pages: content, validation, the home page section."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from portal.publicity.factories import (
    CampaignPageFactory,
    DocumentFactory,
    MaterialPageFactory,
    TrainingCoursePageFactory,
)
from portal.publicity.models import CampaignPage

pytestmark = pytest.mark.django_db


def test_campaign_page_shows_its_facts(client, folders, services):
    from portal.publicity.models import Channel

    page = CampaignPageFactory(
        parent=folders["330106"],
        title="西湖区低保政策宣传",
        service_items=[services["社会救助政策宣传"]],
        channels=list(Channel.objects.filter(name__in=["报纸", "入户走访"])),
    )
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "困难群众" in html and "杭州市西湖区" in html
    assert "报纸、入户走访" in html
    assert "社会救助政策宣传" in html
    assert "2026年3月1日" in html and "2026年6月30日" in html


def test_region_must_lie_within_the_folder(folders, regions):
    page = CampaignPageFactory(parent=folders["330106"])
    assert page.region == regions["330106"]
    page.region = regions["330203"]
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "region" in error.value.message_dict
    city_page = CampaignPageFactory(parent=folders["330100"], region=regions["330108"])
    assert city_page.region == regions["330108"], "a city folder may hold a county's campaign"
    province = CampaignPageFactory(parent=folders["330100"].get_parent())
    assert province.region.level == 1


def test_campaign_dates_and_cover_alt_are_checked(folders):
    page = CampaignPageFactory.build(
        title="日期错误", slug="bad-dates", start_date=datetime.date(2026, 5, 1), end_date=datetime.date(2026, 4, 1)
    )
    with pytest.raises(ValidationError) as error:
        folders["330106"].add_child(instance=page)
    assert "end_date" in error.value.message_dict
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    image = Image.objects.create(title="封面", file=get_test_image_file())
    page = CampaignPageFactory.build(title="无替代文字", slug="no-alt", cover_image=image, cover_alt=" ")
    with pytest.raises(ValidationError) as error:
        folders["330106"].add_child(instance=page)
    assert "cover_alt" in error.value.message_dict
    assert not CampaignPage.objects.filter(slug__in=["bad-dates", "no-alt"]).exists()


def test_video_material_needs_captions(folders, client):
    video = DocumentFactory(file__filename="guide.mp4", file__data=b"\x00")
    page = MaterialPageFactory.build(title="视频", slug="video", kind="video", document=video)
    with pytest.raises(ValidationError) as error:
        folders["330106"].add_child(instance=page)
    assert "captions" in error.value.message_dict
    captions = DocumentFactory(file__filename="guide.vtt", file__data=b"WEBVTT\n")
    page = MaterialPageFactory(
        parent=folders["330106"], title="低保申请视频", kind="video", document=video, captions=captions
    )
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert f'<source src="{video.url}" type="video/mp4">' in html
    assert f'<track kind="captions" src="{captions.url}"' in html


def test_training_course_page_and_validation(client, folders):
    course = TrainingCoursePageFactory(parent=folders["330100"], title="杭州市社会救助业务培训", capacity=80)
    course.save_revision().publish()
    html = client.get(course.url).content.decode()
    assert "课程安排" in html and "政府购买社会救助服务政策解读" in html
    assert "浙民助〔2018〕117号" in html and "杭州市民政局培训中心" in html and "80" in html
    online = TrainingCoursePageFactory.build(title="线上", slug="online", mode="online", location="", online_access="")
    with pytest.raises(ValidationError) as error:
        folders["330100"].add_child(instance=online)
    assert "online_access" in error.value.message_dict


def test_home_page_has_the_publicity_section(client, folders):
    page = CampaignPageFactory(parent=folders["330106"], title="首页可见的宣传活动")
    page.save_revision().publish()
    html = client.get("/").content.decode()
    assert 'id="section-publicity">政策宣传</h2>' in html
    assert "首页可见的宣传活动" in html and page.url in html
    assert '<a class="more" href="/publicity/">' in html
