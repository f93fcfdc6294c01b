"""Campaign index, materials library and training list: filters with facet counts, pagination,
noindex on filtered URLs, 400 for nonsense parameters, and a bounded number of queries."""

import datetime

import pytest
from django.urls import reverse

from portal.publicity.factories import (
    CampaignPageFactory,
    MaterialPageFactory,
    TrainingCoursePageFactory,
    materials,
)
from portal.publicity.models import Audience

pytestmark = pytest.mark.django_db


def publish(page):
    page.save_revision().publish()
    return page


@pytest.fixture
def campaigns(folders, services):
    """Five live campaigns (and one draft) over audiences, regions, services and years."""
    care, check, publicity = (
        services["社会救助对象照料护理"],
        services["社会救助家庭经济状况核对"],
        services["社会救助政策宣传"],
    )
    specs = [
        ("330106", Audience.PEOPLE, [care], datetime.date(2026, 3, 1)),
        ("330108", Audience.PEOPLE, [care, check], datetime.date(2026, 5, 1)),
        ("330100", Audience.STAFF, [check], datetime.date(2025, 9, 1)),
        ("330203", Audience.SOCIAL_FORCES, [publicity], datetime.date(2026, 1, 10)),
        (None, Audience.PUBLIC, [publicity], datetime.date(2025, 4, 1)),
    ]
    pages = []
    for n, (code, audience, items, start) in enumerate(specs):
        parent = folders[code] if code else folders["330100"].get_parent()
        page = CampaignPageFactory(
            parent=parent, title=f"宣传活动{n}", audience=audience, start_date=start, end_date=None, service_items=items
        )
        pages.append(publish(page))
    CampaignPageFactory(parent=folders["330106"], title="草稿活动", live=False, service_items=[care])
    return pages


def options(response, facet_name):
    facet = next(f for f in response.context["facets"] if f.name == facet_name)
    return {o.value: o.count for o in facet.options}


def test_nav_link_resolves_to_the_index_page(client, index):
    assert reverse("publicity:index") == "/publicity/" == index.url
    html = client.get("/").content.decode()
    assert '<a href="/publicity/">政策宣传</a>' in html
    response = client.get("/publicity/")
    assert response.status_code == 200 and response.context["page"].pk == index.pk


def test_unfiltered_index_lists_live_campaigns_with_facet_counts(client, campaigns):
    response = client.get("/publicity/")
    assert response.status_code == 200
    titles = [p.title for p in response.context["page_obj"]]
    assert titles == ["宣传活动1", "宣传活动0", "宣传活动3", "宣传活动2", "宣传活动4"]  # newest first
    assert "草稿活动" not in response.content.decode()
    assert options(response, "audience") == {"staff": 1, "people": 2, "social": 1, "public": 1}
    regions = options(response, "region")
    assert regions["330100"] == 3 and regions["330200"] == 1 and regions["330000"] == 1 and regions["330300"] == 0
    assert options(response, "year") == {"2026": 3, "2025": 2}
    assert not response.context.get("noindex")
    assert '<meta name="robots" content="noindex">' not in response.content.decode()


def test_filters_combine_and_counts_are_disjunctive(client, campaigns, services):
    care = services["社会救助对象照料护理"]
    response = client.get("/publicity/", {"audience": "people", "year": "2026"})
    assert sorted(p.title for p in response.context["page_obj"]) == ["宣传活动0", "宣传活动1"]
    # Audience counts ignore the audience filter but respect the year filter.
    assert options(response, "audience") == {"staff": 0, "people": 2, "social": 1, "public": 0}
    assert options(response, "service")[str(care.pk)] == 2
    assert '<meta name="robots" content="noindex">' in response.content.decode()
    assert '<option value="people" selected>' in response.content.decode()

    by_city = client.get("/publicity/", {"region": "330100"})
    assert {p.title for p in by_city.context["page_obj"]} == {"宣传活动0", "宣传活动1", "宣传活动2"}
    by_county = client.get("/publicity/", {"region": "330108"})
    assert [p.title for p in by_county.context["page_obj"]] == ["宣传活动1"]
    assert options(by_county, "region")["330108"] == 1
    province_wide = client.get("/publicity/", {"region": "330000"})
    assert [p.title for p in province_wide.context["page_obj"]] == ["宣传活动4"]
    by_service = client.get("/publicity/", {"service": care.pk})
    assert {p.title for p in by_service.context["page_obj"]} == {"宣传活动0", "宣传活动1"}


@pytest.mark.parametrize(
    "params",
    [
        {"audience": "aliens"},
        {"region": "999999"},
        {"region": "abc"},
        {"service": "x"},
        {"service": "99999"},
        {"service": "99999999999999999999999"},
        {"year": "20x6"},
        {"year": "12"},
        {"page": "abc"},
        {"page": "0"},
    ],
)
def test_nonsense_parameters_are_400(client, index, params):
    urls = ["/publicity/", "/publicity/materials/"] + ([] if "audience" in params else ["/publicity/training/"])
    for url in urls:
        response = client.get(url, params)
        assert response.status_code == 400, (url, params)
        assert "请求有误" in response.content.decode()


def test_pagination_keeps_filters(client, folders):
    for n in range(14):
        publish(CampaignPageFactory(parent=folders["330106"], title=f"分页活动{n}", audience=Audience.PEOPLE))
    first = client.get("/publicity/", {"audience": "people"})
    assert len(first.context["page_obj"]) == 12
    html = first.content.decode()
    assert 'href="?audience=people&amp;page=2"' in html
    second = client.get("/publicity/", {"audience": "people", "page": "2"})
    assert len(second.context["page_obj"]) == 2
    assert second.context["noindex"]
    # A page past the end shows the last page rather than an error.
    assert client.get("/publicity/", {"page": "99"}).context["page_obj"].number == 2


def _count_queries(client, url, params=None):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url, params or {})  # warm up: renditions of the card images are generated once
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params or {}).status_code == 200
    return len(captured)


# Pinned: routing and site (6), view restrictions (1), one grouped query per facet plus the region
# and service names (6), the count, the page of results with its regions, service tags and images,
# and one lookup for each region or service parameter.
CAMPAIGN_QUERY_LIMIT = 22


def test_campaign_index_query_count_is_bounded(client, folders, services, django_assert_max_num_queries):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    for n in range(3):
        publish(CampaignPageFactory(parent=folders["330106"], title=f"少量{n}", service_items=[services["资源链接"]]))
    few = _count_queries(client, "/publicity/")
    few_filtered = _count_queries(client, "/publicity/", {"audience": "people", "year": "2026"})
    image = Image.objects.create(title="封面", file=get_test_image_file())
    for n in range(14):
        page = CampaignPageFactory(
            parent=folders[["330106", "330203", "330302"][n % 3]],
            title=f"更多{n}",
            cover_image=image,
            cover_alt="封面",
            service_items=list(services.values())[: n % 4 + 1],
        )
        publish(page)
    many = _count_queries(client, "/publicity/")
    many_filtered = _count_queries(client, "/publicity/", {"audience": "people", "year": "2026"})
    # A full page of cards with images and service tags costs no more queries than three bare cards
    # (at most two more: the images and their renditions, prefetched once there are images).
    assert many <= few + 2 and many_filtered <= few_filtered + 2
    assert max(few, many, few_filtered, many_filtered) <= CAMPAIGN_QUERY_LIMIT
    with django_assert_max_num_queries(CAMPAIGN_QUERY_LIMIT):
        client.get("/publicity/", {"region": "330106", "service": services["资源链接"].pk, "page": "1"})


def test_materials_library_filters_and_query_count(client, folders, services, django_assert_max_num_queries):
    poster = publish(
        MaterialPageFactory(
            parent=folders["330106"], title="照料护理海报", service_items=[services["社会救助对象照料护理"]]
        )
    )
    publish(MaterialPageFactory(parent=folders["330203"], title="核对课件", kind="slides", audience="staff"))
    for n in range(13):
        publish(MaterialPageFactory(parent=folders["330108"], title=f"宣传单{n}", kind="leaflet"))
    client.get("/publicity/materials/")
    with django_assert_max_num_queries(20):
        response = client.get("/publicity/materials/", {"kind": "poster"})
    assert [m.title for m in response.context["page_obj"]] == ["照料护理海报"]
    assert options(response, "kind") == {"poster": 1, "leaflet": 13, "slides": 1, "video": 0}
    assert response.context["noindex"]
    html = response.content.decode()
    assert poster.url in html and poster.document.url in html
    with django_assert_max_num_queries(20):
        assert len(client.get("/publicity/materials/").context["page_obj"]) == 12
    staff = client.get("/publicity/materials/", {"audience": "staff", "region": "330200"})
    assert [m.title for m in staff.context["page_obj"]] == ["核对课件"]


def test_material_page_lists_the_campaigns_that_use_it(client, folders):
    poster = publish(MaterialPageFactory(parent=folders["330106"], title="低保政策海报"))
    user = publish(CampaignPageFactory(parent=folders["330106"], title="使用海报的活动", body=[materials(poster)]))
    publish(CampaignPageFactory(parent=folders["330106"], title="不相关的活动"))
    draft = CampaignPageFactory(parent=folders["330108"], title="草稿中引用", body=[materials(poster)], live=False)
    assert set(poster.campaigns.values_list("pk", flat=True)) == {user.pk, draft.pk}
    html = client.get(poster.url).content.decode()
    assert "使用海报的活动" in html and user.url in html
    assert "不相关的活动" not in html and "草稿中引用" not in html


def test_campaign_materials_follow_revisions(folders):
    """The materials relation is derived from the body and only changes in the live data on publish."""
    first = publish(MaterialPageFactory(parent=folders["330106"], title="资料一"))
    second = publish(MaterialPageFactory(parent=folders["330106"], title="资料二"))
    campaign = publish(CampaignPageFactory(parent=folders["330106"], body=[materials(first)]))
    assert list(campaign.materials.all()) == [first]
    campaign.body = [materials(second)]
    campaign.save_revision()
    assert [m.pk for m in type(campaign).objects.get(pk=campaign.pk).materials.all()] == [first.pk]
    campaign.get_latest_revision().publish()
    assert [m.pk for m in type(campaign).objects.get(pk=campaign.pk).materials.all()] == [second.pk]


def test_training_list_is_separate_from_campaigns(client, folders, django_assert_max_num_queries):
    publish(TrainingCoursePageFactory(parent=folders["330100"], title="杭州业务培训"))
    publish(
        TrainingCoursePageFactory(
            parent=folders["330203"], title="海曙线上培训", mode="online", location="", online_access="钉钉直播"
        )
    )
    publish(CampaignPageFactory(parent=folders["330106"], title="群众宣传活动"))
    client.get("/publicity/training/")
    with django_assert_max_num_queries(18):
        response = client.get("/publicity/training/")
    html = response.content.decode()
    assert "杭州业务培训" in html and "海曙线上培训" in html and "群众宣传活动" not in html
    assert "杭州业务培训" not in client.get("/publicity/").content.decode()
    online = client.get("/publicity/training/", {"mode": "online"})
    assert [c.title for c in online.context["page_obj"]] == ["海曙线上培训"]
    assert options(online, "region")["330200"] == 1
    assert 'aria-current="page">业务培训</a>' in html


def test_nav_link_follows_a_moved_section(client, index):
    index.slug = "xuanchuan"
    index.save_revision().publish()
    response = client.get("/publicity/")
    assert response.status_code == 302 and response["Location"] == "/xuanchuan/"
    assert client.get("/xuanchuan/materials/").status_code == 200


def test_sitemap_lists_the_library_and_training(client, index):
    xml = client.get("/sitemap.xml").content.decode()
    assert "/publicity/materials/</loc>" in xml and "/publicity/training/</loc>" in xml
