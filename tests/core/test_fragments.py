"""core.caching.remember: the one way to cache a fragment, and its process-local tier."""

import pytest
from django.core.cache import cache

from portal.core import caching
from portal.core.caching import fragments

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fragments_on(settings):
    settings.FRAGMENT_CACHE_SECONDS = 300
    cache.clear()
    fragments.clear_local()
    yield
    cache.clear()
    fragments.clear_local()


def counter():
    calls = []

    def compute():
        calls.append(1)
        return {"n": len(calls)}

    return compute, calls


def test_a_fragment_is_computed_once_until_content_changes():
    compute, calls = counter()
    first = caching.remember("t", ("a",), compute)
    assert caching.remember("t", ("a",), compute) == first and len(calls) == 1
    assert caching.remember("t", ("b",), compute) != first and len(calls) == 2  # other parts, other fragment
    caching.purge()
    caching.remember("t", ("a",), compute)
    assert len(calls) == 3


def test_off_when_the_lifetime_is_zero(settings):
    settings.FRAGMENT_CACHE_SECONDS = 0
    compute, calls = counter()
    caching.remember("t", (), compute, local=True)
    caching.remember("t", (), compute, local=True)
    assert len(calls) == 2 and not fragments._local


def test_the_local_tier_hands_out_the_same_object_without_the_shared_cache(monkeypatch):
    compute, calls = counter()
    first = caching.remember("site", ("h",), compute, local=True)
    # A copy from the shared cache is not what a local hit returns: the same object is.
    monkeypatch.setattr(cache, "get", lambda *a, **k: pytest.fail("the shared cache was read"))
    assert caching.remember("site", ("h",), compute, local=True) is first
    assert len(calls) == 1


def test_the_local_tier_is_purged_with_the_content_and_bounded(monkeypatch):
    compute, calls = counter()
    caching.remember("site", ("h",), compute, local=True)
    caching.purge()
    assert caching.remember("site", ("h",), compute, local=True) == {"n": 2}
    monkeypatch.setattr(fragments, "LOCAL_MAX", 3)
    for n in range(10):
        caching.remember("many", (n,), compute, local=True)
    assert len(fragments._local) <= 3


def test_the_local_tier_expires_with_the_lifetime(monkeypatch):
    compute, calls = counter()
    now = [1000.0]
    monkeypatch.setattr(fragments.time, "monotonic", lambda: now[0])
    caching.remember("site", ("h",), compute, local=True, seconds=60)
    now[0] += 61
    cache.clear()  # the shared entry has expired too
    caching.remember("site", ("h",), compute, local=True, seconds=60)
    assert len(calls) == 2


def test_results_not_kept_are_not_kept_locally_either():
    compute, calls = counter()
    caching.remember("t", (), compute, keep=lambda value: False, local=True)
    caching.remember("t", (), compute, keep=lambda value: False, local=True)
    assert len(calls) == 2 and not fragments._local
