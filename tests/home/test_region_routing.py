"""Region folders: one-query routing below a folder, listings without private pages, the page of
results with its total in one query, and breadcrumbs built from routing."""

import pytest
from django.http import Http404
from django.test import RequestFactory
from wagtail.models import Page, PageViewRestriction

from portal.core.listings.pagination import window_page
from portal.core.pages import exclude_restricted
from portal.home.factories import StandardPageFactory
from portal.home.models import RegionSectionPage

pytestmark = pytest.mark.django_db


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def tree(roles):
    county = roles["330106"]
    parent = publish(StandardPageFactory(parent=county, title="西湖区服务指南", slug="guide"))
    child = publish(StandardPageFactory(parent=parent, title="照料护理申请须知", slug="care"))
    return {"city": roles["330100"], "county": county, "parent": parent, "child": child}


def test_deep_pages_are_found_as_wagtail_finds_them(client, tree):
    response = client.get(tree["child"].url)
    assert response.status_code == 200
    assert response.context["page"].pk == tree["child"].pk
    assert type(response.context["page"]).__name__ == "StandardPage"
    assert client.get(tree["county"].url).context["page"].pk == tree["county"].pk
    assert client.get(tree["parent"].url + "missing/").status_code == 404
    assert client.get(tree["city"].url + "330106/nothing-here/").status_code == 404


def test_a_draft_is_not_served_but_its_live_children_are(client, tree):
    parent = tree["parent"]
    url = parent.url
    parent.unpublish()
    assert client.get(url).status_code == 404
    # Wagtail serves live pages below an unpublished one; so does the folder's routing.
    assert client.get(tree["child"].url).status_code == 200


def test_routing_stops_at_a_page_that_routes_its_own_sub_paths(rf, tree, monkeypatch):
    """A page type with its own route() on the way gets the rest of the path, as in Page.route."""
    from portal.home.models import StandardPage

    calls = []

    def route(self, request, path_components):
        calls.append((self.slug, list(path_components)))
        return Page.route(self, request, path_components)

    monkeypatch.setattr(StandardPage, "route", route)
    county = RegionSectionPage.objects.get(pk=tree["county"].pk)
    page, _args, _kwargs = county.route(rf.get("/"), ["guide", "care"])
    assert page.pk == tree["child"].pk
    assert calls == [("guide", ["care"]), ("care", [])]
    with pytest.raises(Http404):
        county.route(rf.get("/"), ["guide", "missing"])


def test_private_pages_are_left_out_of_folder_listings(client, tree):
    PageViewRestriction.objects.create(page=tree["parent"], restriction_type=PageViewRestriction.LOGIN)
    response = client.get(tree["county"].url)
    titles = [p.title for p in response.context["page_obj"]]
    assert "西湖区服务指南" not in titles and "照料护理申请须知" not in titles
    public = set(exclude_restricted(Page.objects.all()).values_list("pk", flat=True))
    assert public == set(Page.objects.public().values_list("pk", flat=True))
    assert tree["child"].pk not in public and tree["county"].pk in public


def test_window_page_gives_the_total_with_the_rows(tree, django_assert_num_queries):
    for n in range(5):
        publish(StandardPageFactory(parent=tree["county"], title=f"动态{n}", slug=f"news-{n}"))
    pages = Page.objects.descendant_of(tree["county"]).live().order_by("title")
    with django_assert_num_queries(1):
        page = window_page(pages, "2", 3)
    assert page.number == 2 and page.paginator.count == 7 and page.paginator.num_pages == 3
    assert [p.title for p in page] == [p.title for p in pages[3:6]]
    assert window_page(pages, "99", 3).number == 3
    assert window_page(pages, "abc", 3).number == 1
    empty = window_page(pages.none(), "1", 3)
    assert empty.paginator.count == 0 and list(empty) == []


def test_breadcrumbs_come_from_routing(client, tree, section):
    response = client.get(tree["county"].url)
    trail = response.context["trail"]
    assert [item["title"] for item in trail] == [section.title, "杭州市", "西湖区"]
    assert trail[0]["url"] == section.url and trail[-1]["url"] is None
    assert f'<a href="{tree["city"].url}">杭州市</a>' in response.content.decode()
    request = RequestFactory().get("/")
    folder = RegionSectionPage.objects.get(pk=tree["county"].pk)  # not reached by routing
    assert folder.get_context(request)["trail"] is None
