"""The one Wagtail detail the portal relies on (portal/core/wagtail_compat.py): the per-request
memo of `Site.find_for_request`. These tests fail when a Wagtail upgrade renames or drops it; then
see the module's docstring."""

import pytest
from wagtail.models import Site

from portal.core.wagtail_compat import SITE_MEMO, remember_site

pytestmark = pytest.mark.django_db


def test_wagtail_memoises_the_site_of_a_request_under_the_expected_name(rf, home_page):
    request = rf.get("/", HTTP_HOST="localhost")
    site = Site.find_for_request(request)
    assert site is not None and vars(request)[SITE_MEMO] is site


def test_a_remembered_site_is_what_wagtail_answers_without_a_query(rf, home_page, django_assert_num_queries):
    site = Site.objects.select_related("root_page").get()
    Site.get_site_root_paths()  # kept in the cache: page URLs then need only the site
    request = rf.get("/", HTTP_HOST="localhost")
    remember_site(request, site)
    with django_assert_num_queries(0):
        assert Site.find_for_request(request) is site
        assert home_page.get_url(request) == "/"  # Wagtail's page URLs ask for the site too
    nowhere = rf.get("/", HTTP_HOST="localhost")
    remember_site(nowhere, None)
    with django_assert_num_queries(0):
        assert Site.find_for_request(nowhere) is None


def test_the_middleware_hands_the_cached_site_to_wagtail(rf, home_page, fragment_cache, django_assert_num_queries):
    from portal.core.sites import SiteLookupMiddleware

    middleware = SiteLookupMiddleware(lambda request: Site.find_for_request(request))
    first = middleware(rf.get("/", HTTP_HOST="localhost"))
    with django_assert_num_queries(0):
        again = middleware(rf.get("/", HTTP_HOST="localhost"))
    assert again.pk == first.pk and again.root_page.specific_class is type(again.root_page)


def test_without_cached_fragments_wagtail_looks_the_site_up_itself(rf, home_page):
    from portal.core.sites import SiteLookupMiddleware

    request = rf.get("/", HTTP_HOST="localhost")
    SiteLookupMiddleware(lambda request: None)(request)
    assert SITE_MEMO not in vars(request)
