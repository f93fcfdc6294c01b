"""What a Chinese government website carries at the foot of every page, from the site settings:
主办/承办单位, 网站标识码, ICP备案号 (linked to the MIIT filing system) and 公安机关备案号 (linked to its
record at beian.mps.gov.cn); and a favicon."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from wagtail.models import Site

from portal.home.models import PortalSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def portal_settings(home_page):
    return PortalSettings.for_site(Site.objects.get(is_default_site=True))


def footer(client):
    html = client.get("/").content.decode()
    return html[html.index('<footer class="site-footer">') : html.index("</footer>")]


def test_footer_shows_the_identifiers_from_the_site_settings(client, portal_settings):
    portal_settings.organisation = "浙江省民政厅"
    portal_settings.operator = "浙江省民政信息中心"
    portal_settings.site_code = "3300000018"
    portal_settings.icp_record = "浙ICP备05008526号-1"
    portal_settings.psb_record = "浙公网安备 33010602000001号"
    portal_settings.full_clean()
    portal_settings.save()
    html = footer(client)
    assert "主办单位：浙江省民政厅" in html and "承办单位：浙江省民政信息中心" in html
    assert "网站标识码：3300000018" in html
    assert re.search(r'<a href="https://beian.miit.gov.cn/"[^>]*>浙ICP备05008526号-1</a>', html)
    assert re.search(
        r'<a href="https://beian.mps.gov.cn/#/query/webSearch\?code=33010602000001"[^>]*>浙公网安备 33010602000001号</a>',
        html,
    )


def test_blank_identifiers_leave_no_empty_labels(client, portal_settings):
    html = footer(client)
    assert "主办单位" in html
    for label in ("承办单位", "网站标识码", "beian.miit.gov.cn", "beian.mps.gov.cn"):
        assert label not in html


@pytest.mark.parametrize(
    "field,value", [("site_code", "33000000"), ("site_code", "33000000AB"), ("psb_record", "浙公网安备 1234号")]
)
def test_malformed_identifiers_are_refused(portal_settings, field, value):
    setattr(portal_settings, field, value)
    with pytest.raises(ValidationError) as error:
        portal_settings.full_clean()
    assert field in error.value.message_dict


def test_pages_link_a_favicon_that_exists(client, home_page):
    html = client.get("/").content.decode()
    icons = re.findall(r'<link rel="(?:icon|apple-touch-icon)" href="/static/([^"]+)"', html)
    assert "img/favicon.ico" in icons and len(icons) == 3
    assert all(finders.find(path) for path in icons)
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == "/static/img/favicon.ico"
