"""Shared fixtures. Reference data (regions, catalogue, calendar) is loaded once per test database,
after migrations, so that every test sees it; each test still runs in its own transaction."""

import os

import pytest
from django.core.management import call_command

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_reference", verbosity=0)


@pytest.fixture
def home_page(db):
    from portal.home.models import HomePage

    return HomePage.objects.get()


@pytest.fixture
def regions(db):
    from portal.disclosures.models import Region

    return {r.code: r for r in Region.objects.filter(level__lte=3)}


@pytest.fixture
def section(home_page):
    from portal.home.factories import SectionPageFactory

    return SectionPageFactory(parent=home_page, title="工作动态", slug="news")


@pytest.fixture
def roles(section):
    """Groups, region folders in `section`, page permissions and city workflows."""
    from portal.home.roles import ensure_region_folders, setup_roles

    setup_roles()
    return ensure_region_folders(section)


@pytest.fixture
def fragment_cache(settings):
    """Cached fragments on, as in production (FRAGMENT_CACHE_SECONDS), in an emptied cache."""
    from django.core.cache import cache

    settings.FRAGMENT_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()
