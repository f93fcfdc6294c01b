"""The portal's public address (PORTAL_BASE_URL) and the Wagtail Site record set from it."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Site

from portal.core.checks import check_public_base_url
from portal.core.public_url import public_base_url, public_page_url, sync_site_from_base_url

pytestmark = pytest.mark.django_db


def site():
    return Site.objects.get(is_default_site=True)


def test_sync_site_sets_hostname_and_port(capsys):
    call_command("sync_site", base_url="https://jiuzhu.example.gov.cn")
    assert (site().hostname, site().port) == ("jiuzhu.example.gov.cn", 443)
    assert site().root_url == "https://jiuzhu.example.gov.cn"
    call_command("sync_site", base_url="http://127.0.0.1:8103/")
    assert site().root_url == "http://127.0.0.1:8103"
    assert "http://127.0.0.1:8103" in capsys.readouterr().out


def test_sync_site_reads_the_setting_and_refuses_nonsense(settings):
    settings.PORTAL_BASE_URL = "http://portal.example.org:8080"
    call_command("sync_site")
    assert site().root_url == "http://portal.example.org:8080"
    with pytest.raises(CommandError, match="PORTAL_BASE_URL"):
        call_command("sync_site", base_url="portal.example.org/zh/")
    settings.PORTAL_BASE_URL = ""
    with pytest.raises(CommandError, match="PORTAL_BASE_URL"):
        call_command("sync_site")


def test_migrate_syncs_the_site_record(settings):
    """post_migrate: a deployment that sets PORTAL_BASE_URL and migrates has the right site record."""
    from django.apps import apps
    from django.db.models.signals import post_migrate

    settings.PORTAL_BASE_URL = "https://jiuzhu.example.gov.cn"
    post_migrate.send(sender=apps.get_app_config("core"), app_config=apps.get_app_config("core"), using="default")
    assert site().root_url == "https://jiuzhu.example.gov.cn"


def test_the_setting_wins_over_the_site_record_for_printed_urls(settings, home_page):
    sync_site_from_base_url("http://old.example.org")
    settings.PORTAL_BASE_URL = "https://jiuzhu.example.gov.cn:8443"  # https on another port: Site cannot say so
    assert public_base_url() == "https://jiuzhu.example.gov.cn:8443"
    assert public_page_url(home_page) == "https://jiuzhu.example.gov.cn:8443/"
    settings.PORTAL_BASE_URL = ""
    assert public_page_url(home_page) == "http://old.example.org/"


def test_system_check_reports_a_malformed_base_url(settings):
    settings.PORTAL_BASE_URL = "https://jiuzhu.example.gov.cn"
    assert check_public_base_url(None) == []
    settings.PORTAL_BASE_URL = "jiuzhu.example.gov.cn"
    (error,) = check_public_base_url(None)
    assert error.id == "portal.E001"
