"""Home page, layout, the 长辈版 mode, error pages and the health check."""

import pytest
from django.core.cache import cache

from portal.home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def test_home_page_renders_layout_and_sections(client, home_page, settings):
    StandardPageFactory(parent=home_page, title="关于政府购买社会救助服务", slug="about").save_revision().publish()
    html = client.get("/").content.decode()
    assert '<html lang="zh-CN"' in html
    assert 'class="skip-link" href="#main"' in html
    assert '<main id="main"' in html
    assert 'role="search"' in html
    assert '<label for="hero-q">' in html
    assert "最新公开信息" in html and "关于政府购买社会救助服务" in html
    assert "投诉与监督" in html and "12345" in html  # hotline from site settings
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html


def test_breadcrumbs_on_inner_pages(client, roles):
    page = StandardPageFactory(parent=roles["330106"], title="西湖区动态", slug="xh")
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert 'aria-label="当前位置"' in html
    assert '<span aria-current="page">西湖区动态</span>' in html
    assert ">杭州市</a>" in html and ">西湖区</a>" in html


def test_large_text_mode_persists_across_pages(client, home_page):
    assert 'class="mode-large"' not in client.get("/").content.decode()
    response = client.get("/display/large/", {"next": "/search/?q=%E7%85%A7%E6%96%99"})
    assert response.status_code == 302 and response["Location"] == "/search/?q=%E7%85%A7%E6%96%99"
    for url in ["/", "/search/?q=test"]:
        html = client.get(url).content.decode()
        assert '<html lang="zh-CN" class="mode-large">' in html
        assert "标准版" in html
    client.get("/display/standard/")
    assert 'class="mode-large"' not in client.get("/").content.decode()


def test_display_mode_refuses_open_redirects(client):
    response = client.get("/display/large/", {"next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_html_varies_on_cookie(client, home_page):
    assert "Cookie" in client.get("/")["Vary"]


def test_404_and_400_pages_are_in_the_layout(client, home_page):
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and "页面不存在" in response.content.decode()
    response = client.get("/search/", {"q": "x", "page": "abc"})
    assert response.status_code == 400 and "页码必须是数字" in response.content.decode()


def test_healthz_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "search"}
    assert body["checks"]["database"]["ok"]


def test_healthz_503_when_a_dependency_fails(client, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "set", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error" and not body["checks"]["cache"]["ok"]
    assert "cache down" in body["checks"]["cache"]["error"]


def test_healthz_reports_unreachable_search_cluster(client, settings):
    settings.SEARCH_ENGINE = "opensearch"
    settings.SEARCH_URL = "http://127.0.0.1:9"  # nothing listens on the discard port
    response = client.get("/healthz")
    assert response.status_code == 503
    assert not response.json()["checks"]["search"]["ok"]


def test_site_settings_in_footer(client, home_page):
    from wagtail.models import Site

    from portal.home.models import PortalSettings

    ps = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    ps.hotline = "0571-12349"
    ps.save()
    assert "0571-12349" in client.get("/").content.decode()


def test_sitemap_and_robots(client, home_page):
    page = StandardPageFactory(parent=home_page, title="网站使用说明", slug="help")
    page.save_revision().publish()
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200 and b"/help/" in sitemap.content
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in robots and "Sitemap: http://testserver/sitemap.xml" in robots


def test_breadcrumbs_and_navigation_mark_only_the_current_section(client, roles, home_page):
    other = StandardPageFactory(parent=home_page, title="政策解读", slug="policy", show_in_menus=True)
    other.save_revision().publish()
    page = StandardPageFactory(parent=roles["330106"], title="西湖区动态二", slug="xh2")
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert html.count(">首页</a>") == 2  # once in the navigation, once at the start of the trail
    assert html.count('aria-current="page">工作动态</a>') == 1
    assert 'aria-current="page">政策解读</a>' not in html
