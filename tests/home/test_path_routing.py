"""Routing from the home page in two queries at any depth (portal/home/routing.py), the one-query
view-restriction lookup (portal/core/pages.py) and the cached site (portal/core/sites.py), checked
against what Wagtail's own code gives."""

import pytest
from django.http import Http404
from wagtail.models import Page, PageViewRestriction

from portal.core.pages import CachedViewRestrictionsMixin, loaded_parent, view_restrictions
from portal.home.factories import StandardPageFactory
from portal.home.models import HomePage

from .test_region_routing import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def deep(roles):
    county = roles["330106"]
    guide = publish(StandardPageFactory(parent=county, title="西湖区服务指南", slug="guide"))
    care = publish(StandardPageFactory(parent=guide, title="照料护理申请须知", slug="care"))
    return {"county": county, "guide": guide, "care": care}


def components(page):
    home = HomePage.objects.get()
    return [part for part in page.url_path[len(home.url_path) :].split("/") if part]


def test_routing_costs_two_queries_whatever_the_depth(rf, deep, section, django_assert_num_queries):
    home = HomePage.objects.get()
    for target in (section, deep["county"], deep["guide"], deep["care"]):
        path = components(target)
        with django_assert_num_queries(2):
            page, args, kwargs = home.route(rf.get("/"), path)
        assert page.pk == target.pk and (args, kwargs) == ([], {})
        assert type(page) is type(target.specific)
        # Wagtail's own Page.route (a child query and a specific query per segment) agrees.
        assert Page.route(home, rf.get("/"), components(target)).page.pk == target.pk


def test_routed_pages_carry_their_parents_in_specific_form(rf, deep, section, django_assert_num_queries):
    home = HomePage.objects.get()
    page = home.route(rf.get("/"), components(deep["care"])).page
    chain = []
    node = page
    while node is not None:
        chain.append(node)
        node = loaded_parent(node)
    assert [p.pk for p in chain] == [p.pk for p in reversed(deep["care"].get_ancestors(inclusive=True)[1:])]
    assert all(type(p) is p.specific_class for p in chain)
    # The region of the folders came with them (joined): no query to show it.
    county = chain[2]
    with django_assert_num_queries(0):
        assert county.pk == deep["county"].pk and county.region.code == "330106"
        assert county.joined_region.code == "330106"


def test_missing_and_draft_pages_are_not_found(client, rf, deep):
    home = HomePage.objects.get()
    with pytest.raises(Http404):
        home.route(rf.get("/"), [*components(deep["guide"]), "missing"])
    with pytest.raises(Http404):
        home.route(rf.get("/"), ["no-such-section", "guide"])
    deep["guide"].unpublish()
    assert client.get(deep["guide"].url).status_code == 404
    assert client.get(deep["care"].url).status_code == 200  # as Wagtail: live pages below a draft


def test_a_routable_section_keeps_its_own_routes_and_its_children(client, home_page):
    from portal.publicity.factories import CampaignIndexPageFactory

    index = publish(CampaignIndexPageFactory(parent=home_page))
    child = publish(StandardPageFactory(parent=index, title="宣传周安排", slug="week"))
    assert client.get(index.url + "materials/").status_code == 200  # the section's own route
    response = client.get(child.url)  # not one of its routes: the child page
    assert response.status_code == 200 and response.context["page"].pk == child.pk
    assert client.get(index.url + "nothing/").status_code == 404


def view_restriction_ids(page, lookup):
    return sorted(lookup(page).values_list("pk", flat=True))


def test_view_restrictions_in_one_query_match_wagtail(deep, section, home_page, django_assert_num_queries):
    original = Page.get_view_restrictions  # Wagtail's own
    on_guide = PageViewRestriction.objects.create(page=deep["guide"], restriction_type=PageViewRestriction.LOGIN)
    source = publish(StandardPageFactory(parent=home_page, title="内部资料", slug="internal"))
    on_source = PageViewRestriction.objects.create(page=source, restriction_type=PageViewRestriction.LOGIN)
    alias = source.create_alias(parent=deep["county"], update_slug="internal-copy")
    nested = publish(StandardPageFactory(parent=alias, title="内部资料附件", slug="annex"))
    alias_of_alias = alias.create_alias(parent=section, update_slug="internal-copy-2")
    for page in (deep["county"], deep["guide"], deep["care"], alias, nested, alias_of_alias, source, section):
        page = Page.objects.get(pk=page.pk)
        with django_assert_num_queries(1):
            ours = view_restriction_ids(page, view_restrictions)
        assert ours == view_restriction_ids(page, original), page.title
    assert view_restriction_ids(Page.objects.get(pk=deep["care"].pk), view_restrictions) == [on_guide.pk]
    assert view_restriction_ids(Page.objects.get(pk=nested.pk), view_restrictions) == [on_source.pk]
    # Every page type of the portal answers with it (Wagtail's Page keeps its own method).
    for page in (deep["care"], nested, alias_of_alias, section):
        specific = Page.objects.get(pk=page.pk).specific
        assert isinstance(specific, CachedViewRestrictionsMixin)
        expected = view_restriction_ids(specific, original)
        with django_assert_num_queries(1):
            assert view_restriction_ids(specific, type(specific).get_view_restrictions) == expected


def test_restricted_pages_stay_restricted_through_routing(client, deep):
    PageViewRestriction.objects.create(page=deep["guide"], restriction_type=PageViewRestriction.LOGIN)
    response = client.get(deep["care"].url)
    assert response.status_code == 302 and "login" in response["Location"]
    assert client.get(deep["county"].url).status_code == 200


def test_the_site_and_its_home_page_come_from_the_cache_until_content_changes(
    client, rf, home_page, fragment_cache, django_assert_num_queries
):
    from wagtail.models import Site

    from portal.core.sites import site_for_request

    def lookup():
        return site_for_request(rf.get("/", HTTP_HOST="localhost"))

    first = lookup()
    assert type(first.root_page) is HomePage and first.root_page.pk == home_page.pk
    with django_assert_num_queries(0):
        again = lookup()
        assert again.root_page.hero_title == home_page.hero_title and again.site_name == first.site_name
    home_page.hero_title = "新的主标题"
    home_page.save_revision().publish()  # publishing purges: the next lookup reads the database
    assert lookup().root_page.hero_title == "新的主标题"
    assert "新的主标题" in client.get("/").content.decode()
    site = Site.objects.get()
    site.site_name = "改名后的站点"
    site.save()
    assert lookup().site_name == "改名后的站点"
    assert site_for_request(rf.get("/", HTTP_HOST="unknown.example")).pk == site.pk  # the default site


def test_routing_and_restrictions_come_from_the_cache_until_content_changes(
    client, rf, deep, fragment_cache, django_assert_num_queries
):
    from wagtail.models import Page as WagtailPage
    from wagtail.models import Site

    from portal.core.sites import SiteLookupMiddleware

    def routed(request):  # what the middleware chain does before Wagtail's serve view routes
        return SiteLookupMiddleware(lambda request: WagtailPage.route_for_request(request, url))(request)

    url = deep["care"].url
    assert client.get(url).status_code == 200
    routed(rf.get(url, HTTP_HOST="localhost"))
    request = rf.get(url, HTTP_HOST="localhost")
    with django_assert_num_queries(0):  # site, route and restrictions all from the cache
        route = routed(request)
        assert list(route.page.get_view_restrictions()) == []
        assert Site.find_for_request(request) is not None
    assert route.page.pk == deep["care"].pk
    assert loaded_parent(route.page).pk == deep["guide"].pk  # parents linked again after the cache

    care = deep["care"]
    care.title = "照料护理申请须知（修订）"
    care.save_revision().publish()
    assert client.get(url).context["page"].title == "照料护理申请须知（修订）"

    restriction = PageViewRestriction.objects.create(page=deep["guide"], restriction_type=PageViewRestriction.LOGIN)
    response = client.get(url)
    assert response.status_code == 302 and "login" in response["Location"]
    restriction.delete()
    assert client.get(url).status_code == 200

    deep["guide"].specific.move(deep["county"].get_parent(), pos="last-child")  # every URL below changes
    moved = WagtailPage.objects.get(pk=care.pk)
    response = client.get(url)  # not the cached page at its old address: Wagtail's automatic redirect
    assert response.status_code == 301 and response["Location"] == moved.url
    assert client.get(moved.url).status_code == 200

    moved.unpublish()
    assert client.get(moved.url).status_code == 404
