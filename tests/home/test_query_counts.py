"""Public pages run a bounded number of SQL queries whatever the amount of content."""

import pytest
from django.core.cache import cache

from portal.home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_pages(roles):
    for n in range(30):
        StandardPageFactory(
            parent=roles["330106"], title=f"西湖区照料护理服务动态{n}", slug=f"xh-{n}"
        ).save_revision().publish()


def test_home_page_queries_are_bounded(client, many_pages, django_assert_max_num_queries):
    cache.clear()
    client.get("/")  # warm Wagtail's site and settings lookups
    with django_assert_max_num_queries(15):
        assert client.get("/").status_code == 200


def test_search_queries_do_not_grow_with_results(client, many_pages, django_assert_max_num_queries):
    client.get("/search/", {"q": "照料护理"})
    with django_assert_max_num_queries(15):
        response = client.get("/search/", {"q": "照料护理"})
    assert response.context["page_obj"].paginator.count == 30


def test_region_folder_listing_queries_are_bounded(client, many_pages, roles, django_assert_max_num_queries):
    url = roles["330106"].url
    client.get(url)
    # Routing costs two queries at any depth (this folder is 3 levels below home); the listing
    # itself is a fixed number of queries whatever the page size.
    with django_assert_max_num_queries(10):
        response = client.get(url)
    assert len(response.context["page_obj"].object_list) == 20
