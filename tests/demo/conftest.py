"""The seeded demo (`seed_demo --size small`), once for this package: what the demo's bulk paths
create must read and behave like what an editor creates, and the demo is the portal's first
impression. Seeded inside one transaction that is rolled back when the package is done (each test
still runs in its own savepoint), with the clock pinned as for every test."""

import datetime as dt
import io

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction

from tests.conftest import PINNED_NOW


def _forget_caches():
    from portal.core.caching import purge as invalidate
    from portal.reference.workdays import WorkingCalendar

    cache.clear()
    invalidate()
    WorkingCalendar.invalidate()


@pytest.fixture(scope="package")
def seeded_demo(django_db_setup, django_db_blocker):
    """Yields the seed_demo output (the demo accounts and their passwords)."""
    # An hour before the tests' clock (the same day): what the demo creates is in their past.
    with django_db_blocker.unblock(), time_machine.travel(PINNED_NOW - dt.timedelta(hours=1), tick=True):
        with transaction.atomic():
            _forget_caches()
            out = io.StringIO()
            call_command("seed_demo", "--size", "small", "--no-progress", "--skip-reference", stdout=out)
            yield out.getvalue()
            transaction.set_rollback(True)
        _forget_caches()


@pytest.fixture
def demo(seeded_demo, db):
    """The seeded demo inside the test's own transaction."""
    _forget_caches()
    yield seeded_demo
    _forget_caches()


@pytest.fixture
def login(client):
    """Log the test client in as a demo account."""
    from django.contrib.auth import get_user_model

    def as_user(username):
        client.force_login(get_user_model().objects.get(username=username))
        return client

    return as_user
