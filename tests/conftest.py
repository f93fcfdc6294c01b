"""Shared fixtures. Reference data (regions, catalogue, calendar) is loaded once per test database,
after migrations, so that every test sees it; each test still runs in its own transaction.

The clock is pinned: every test runs as if it were PINNED_NOW (time-machine, ticking from there), so
no test depends on the day the suite runs. `PORTAL_TEST_TODAY=2027-01-04 make test` runs the suite on
another day (a year without official holiday data, a holiday, a leap day...). Tests that need a
particular day travel there themselves; tests marked `real_clock` (the browser and clock tiers, whose
servers run in other processes) keep the machine's clock."""

import datetime as dt
import os
import zoneinfo

import pytest
import time_machine
from django.core.management import call_command

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
PINNED_TODAY = dt.date.fromisoformat(os.environ.get("PORTAL_TEST_TODAY") or "2026-11-30")
PINNED_NOW = dt.datetime.combine(PINNED_TODAY, dt.time(10, 0), tzinfo=SHANGHAI)

# The PostgreSQL tier (marker `postgres`): the whole suite runs on SQLite, the embedded default; the
# tests whose outcome can depend on the database run again on PostgreSQL, the production database.
# Running everything twice took CI past its time limit. What differs, and where it is tested:
POSTGRES_TIER = {
    "tests/search/": "full-text search: PostgreSQL's backend (tsvector, jieba-segmented) vs SQLite FTS5",
    "tests/security/": "what PostgreSQL refuses (NUL in text, integers beyond int4), the row-locked limits, 4 workers",
    "tests/oversight/": "case numbers and the outbox under row locks, the register's search and redaction",
    "tests/providers/": "imports in one transaction with row locks, the directory's filters and sorting",
    "tests/core/test_seed_demo.py": "the demo's bulk paths (bulk_create returns primary keys only on PostgreSQL)",
    "tests/test_query_budget.py": "query counts per page, pinned for both databases",
    "tests/home/test_query_counts.py": "query counts per page, pinned for both databases",
    "tests/disclosures/test_ocds.py": "the OCDS release package built from JSON fields",
    "tests/disclosures/test_listing.py": "the notice filters (case-insensitive and date lookups)",
    "tests/reference/test_workdays.py": "the working-day calendar's date arithmetic in SQL",
    "tests/test_layout_migration.py": "an old database migrates to the new app layout: PostgreSQL's constraints and sequences",
}


def pytest_collection_modifyitems(config, items):
    root = str(config.rootpath) + os.sep
    for item in items:
        path = str(item.path).removeprefix(root)
        if any(path.startswith(prefix) for prefix in POSTGRES_TIER):
            item.add_marker(pytest.mark.postgres)
        if item.get_closest_marker("browser") or item.get_closest_marker("clock"):
            item.add_marker(pytest.mark.real_clock)


def pytest_report_header(config):
    return f"clock pinned at {PINNED_NOW.isoformat()} (PORTAL_TEST_TODAY) except for tests marked real_clock"


@pytest.fixture(autouse=True)
def pinned_clock(request):
    """Every test at PINNED_NOW, the clock ticking from there."""
    if request.node.get_closest_marker("real_clock"):
        yield None
        return
    with time_machine.travel(PINNED_NOW, tick=True) as traveller:
        yield traveller


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_reference", verbosity=0)


@pytest.fixture(autouse=True)
def _fresh_calendar():
    """The working-day calendar is cached; days or years written in one test (and rolled back with
    its transaction) must not outlive it in the cache."""
    yield
    from portal.reference.workdays import WorkingCalendar

    WorkingCalendar.invalidate()


@pytest.fixture(autouse=True)
def _fresh_local_fragments():
    """The process-local tier of cached fragments (core.caching.remember(local=True)) is keyed on the
    content generation, which a test's rolled-back writes do not always bump: empty it after each
    test, as the tests empty the shared cache."""
    yield
    from portal.core.caching import fragments

    fragments.clear_local()


@pytest.fixture
def home_page(db):
    from portal.home.models import HomePage

    return HomePage.objects.get()


@pytest.fixture
def regions(db):
    from portal.reference.models import Region

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
