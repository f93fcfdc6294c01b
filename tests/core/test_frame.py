"""The page frame (templates/base.html): navigation marks the current entry, the footer shows the
site's settings, and both are cached per content generation and host without going stale."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from portal.core.middleware import DISPLAY_COOKIE, LARGE
from portal.home.factories import StandardPageFactory
from portal.home.models import PortalSettings

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def fragments_on(settings):
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 300


def _nav(html):
    start = html.index('<ul class="container nav-list">')
    return html[start : html.index("</ul>", start)]


@pytest.mark.parametrize("cached", [False, True])
def test_navigation_marks_the_current_entry(client, home_page, settings, cached):
    settings.FRAGMENT_CACHE_SECONDS = 300 if cached else 0
    menu = StandardPageFactory(parent=home_page, title="政策解读", slug="policy", show_in_menus=True)
    menu.save_revision().publish()
    child = StandardPageFactory(parent=menu, title="解读一", slug="one")
    child.save_revision().publish()

    home_nav = _nav(client.get("/").content.decode())
    assert '<li><a href="/" aria-current="page">首页</a></li>' in home_nav
    assert home_nav.count("aria-current") == 1

    page_nav = _nav(client.get(child.url).content.decode())
    assert f'<a href="{menu.url}" aria-current="page">政策解读</a>' in page_nav
    assert page_nav.count("aria-current") == 1

    view_nav = _nav(client.get("/oversight/complaints/new/").content.decode())
    assert '<a href="/oversight/complaints/new/" aria-current="page">投诉监督</a>' in view_nav
    assert '<a href="/">首页</a>' in view_nav and view_nav.count("aria-current") == 1

    search_nav = _nav(client.get("/search/", {"q": "政策"}).content.decode())
    assert "aria-current" not in search_nav and f'<a href="{menu.url}">政策解读</a>' in search_nav


def test_frame_is_served_from_the_cache_without_queries(client, home_page, fragments_on):
    client.get("/search/")
    with CaptureQueriesContext(connection) as warm:
        html = client.get("/search/").content.decode()
    assert len(warm) == 0
    assert "工作人员登录" in html and 'class="site-footer"' in html
    assert html.count("<li><a href=") >= 7  # 首页 and the app views


def test_publishing_a_menu_page_purges_the_cached_navigation(client, home_page, fragments_on):
    assert "新栏目" not in _nav(client.get("/search/").content.decode())
    page = StandardPageFactory(parent=home_page, title="新栏目", slug="new-section", show_in_menus=True)
    page.save_revision().publish()
    assert f'<a href="{page.url}">新栏目</a>' in _nav(client.get("/search/").content.decode())
    page.unpublish()
    assert "新栏目" not in _nav(client.get("/search/").content.decode())


def test_changed_site_settings_purge_the_cached_footer(client, home_page, fragments_on):
    settings_row = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    settings_row.hotline = "0571-11111"
    settings_row.save()
    assert "0571-11111" in client.get("/search/").content.decode()
    settings_row.hotline = "0571-22222"
    settings_row.save()
    html = client.get("/search/").content.decode()
    assert "0571-22222" in html and "0571-11111" not in html


def test_frame_key_depends_on_generation_host_and_language(rf):
    from django.utils import translation

    from portal.core import caching
    from portal.core.caching import frame_key

    a = frame_key(rf.get("/", HTTP_HOST="a.example.org"))
    assert frame_key(rf.get("/", HTTP_HOST="a.example.org")) == a
    assert frame_key(rf.get("/", HTTP_HOST="b.example.org")) != a
    with translation.override("en"):
        assert frame_key(rf.get("/", HTTP_HOST="a.example.org")) != a
    caching.purge()
    assert frame_key(rf.get("/", HTTP_HOST="a.example.org")) != a


def test_large_text_mode_with_cached_frame(client, home_page, fragments_on):
    client.get("/search/")
    client.cookies[DISPLAY_COOKIE] = LARGE
    html = client.get("/search/").content.decode()
    assert '<html lang="zh-CN" class="mode-large">' in html
    assert 'href="/display/standard/?next=/search/">标准版</a>' in html
    assert 'class="site-footer"' in html
