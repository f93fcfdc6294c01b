"""The anonymous full-page cache: what it stores, what it never stores, and purging on change."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.core.caching import HEADER
from portal.core.middleware import DISPLAY_COOKIE, LARGE

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def page(home_page):
    from portal.home.factories import StandardPageFactory

    return StandardPageFactory(parent=home_page, title="缓存测试页面", slug="cache-test")


def test_second_anonymous_request_is_a_hit_without_queries(client, page):
    first = client.get(page.url)
    assert first.status_code == 200 and first[HEADER] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get(page.url)
    assert second[HEADER] == "hit"
    assert len(queries) == 0
    assert second.content == first.content
    # Security and cache headers still come from the outer middleware on a hit.
    assert "Content-Security-Policy" in second
    assert "Cookie" in second["Vary"]


def test_display_mode_and_query_string_have_their_own_entries(client, page):
    normal = client.get(page.url)
    client.cookies[DISPLAY_COOKIE] = LARGE
    large = client.get(page.url)
    assert large[HEADER] == "miss"
    assert b"mode-large" in large.content and b"mode-large" not in normal.content
    assert client.get(page.url)[HEADER] == "hit"
    assert client.get(page.url + "?x=1")[HEADER] == "miss"


def test_setting_zero_switches_it_off(client, page, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(page.url)
    assert HEADER not in client.get(page.url)


def test_signed_in_users_are_never_served_from_or_into_the_cache(client, admin_user, page):
    client.get(page.url)
    client.force_login(admin_user)
    response = client.get(page.url)
    assert HEADER not in response
    client.logout()
    assert client.get(page.url)[HEADER] == "hit"


def test_forms_with_a_csrf_token_and_errors_are_not_cached(client, regions):
    assert client.get("/oversight/complaints/new/").status_code == 200
    second = client.get("/oversight/complaints/new/")
    assert HEADER not in second
    assert client.get("/no-such-page/").status_code == 404
    assert HEADER not in client.get("/no-such-page/")
    assert client.get("/search/?page=abc&q=x").status_code == 400
    assert HEADER not in client.get("/search/?page=abc&q=x")


def test_admin_and_health_are_not_cached(client, page):
    client.get("/healthz")
    assert HEADER not in client.get("/healthz")


def test_publishing_purges(client, page):
    client.get(page.url)
    assert client.get(page.url)[HEADER] == "hit"
    page.title = "缓存测试页面（已更新）"
    page.save_revision().publish()
    response = client.get(page.url)
    assert response[HEADER] == "miss"
    assert "缓存测试页面（已更新）" in response.content.decode()


def test_registry_changes_purge(client, regions):
    from portal.providers.factories import ProviderFactory

    client.get("/providers/")
    assert client.get("/providers/")[HEADER] == "hit"
    provider = ProviderFactory(name="新入库的缓存测试机构")
    response = client.get("/providers/")
    assert response[HEADER] == "miss"
    assert provider.name in response.content.decode()


def test_new_complaints_do_not_purge_but_handling_does(client, regions):
    from portal.oversight.factories import CaseFactory
    from portal.oversight.models import Status

    client.get("/oversight/register/")
    case = CaseFactory(region=regions["330106"])
    assert client.get("/oversight/register/")[HEADER] == "hit"
    case.status = Status.ACCEPTED
    case.save()
    assert client.get("/oversight/register/")[HEADER] == "miss"


def test_image_renditions_made_while_rendering_do_not_purge(page):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    from portal.core import caching

    image = Image.objects.create(title="测试图片", file=get_test_image_file())
    before = caching.generation()
    image.get_rendition("fill-100x100")
    assert caching.generation() == before
    image.title = "改名"
    image.save()
    assert caching.generation() > before


def test_the_registry_backlog_does_not_purge(db):
    """The backlog of cluster documents (written on provider saves while the cluster is down) is
    bookkeeping of a content app that no page shows."""
    from portal.core import caching
    from portal.providers.models import PendingIndexUpdate

    before = caching.generation()
    entry = PendingIndexUpdate.objects.create(provider_id=1, action="index")
    entry.attempts = 2
    entry.save()
    entry.delete()
    assert caching.generation() == before


def test_home_sections_fragment_is_cached_and_purged(client, home_page, settings, regions):
    from portal.providers.factories import ProviderFactory

    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 300
    client.get("/")
    with CaptureQueriesContext(connection) as warm:
        client.get("/")
    settings.FRAGMENT_CACHE_SECONDS = 0
    with CaptureQueriesContext(connection) as cold:
        client.get("/")
    assert len(warm) < len(cold)
    settings.FRAGMENT_CACHE_SECONDS = 300
    provider = ProviderFactory(name="首页片段缓存测试机构", verified=True)
    assert provider.name in client.get("/").content.decode()


def test_many_to_many_changes_purge(client, regions):
    from portal.providers.factories import ProviderFactory
    from portal.reference.models import ServiceItem

    provider = ProviderFactory(name="多对多缓存测试机构")
    client.get("/providers/")
    assert client.get("/providers/")[HEADER] == "hit"
    provider.service_items.add(ServiceItem.objects.get(name="资源链接"))  # no save signal
    assert client.get("/providers/")[HEADER] == "miss"


def test_bulk_import_purges_once_committed(client, regions, tmp_path, django_capture_on_commit_callbacks):
    import csv
    import random

    from django.core.management import call_command

    from portal.reference import credit_code as cc

    path = tmp_path / "providers.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["name", "credit_code", "region_code", "service_items"])
        writer.writerow(
            ["批量导入缓存测试中心", cc.generate("5", "2", "330106", rng=random.Random(7)), "330106", "资源链接"]
        )
    client.get("/providers/")
    assert client.get("/providers/")[HEADER] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_providers", str(path), "--no-progress", stdout=open("/dev/null", "w"))
    response = client.get("/providers/")
    assert response[HEADER] == "miss" and "批量导入缓存测试中心" in response.content.decode()


def test_a_purge_in_another_worker_process_reaches_this_one(settings, tmp_path):
    """With the in-process cache (embedded default), gunicorn workers share the generation through
    a file: a purge in one worker changes the keys every worker uses."""
    import os
    import subprocess
    import sys

    from portal.core import caching

    settings.VAR_DIR = tmp_path
    settings.PAGE_CACHE_GENERATION_FILE = None  # the file under VAR_DIR, as deployed
    before = caching.generation()
    script = "import django; django.setup(); from portal.core import caching; caching.purge()"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test", "PORTAL_VAR_DIR": str(tmp_path)}
    subprocess.run([sys.executable, "-c", script], env=env, check=True, cwd=settings.BASE_DIR)
    after = caching.generation()
    assert after > before
    caching.purge()
    caching.purge()  # two purges in the same clock tick still give two generations
    assert caching.generation() >= after + 2
