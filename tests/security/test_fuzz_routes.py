"""Fuzzing of every public URL pattern, found in Django's URL resolver (a new route is fuzzed without
editing this file): hostile values in every path parameter (numbers past 64 bits, negative numbers,
control characters, very long text...) and hostile query strings on every route. The admin is left
out (tests/security/test_permissions.py covers it). Never a 5xx; the counts are printed."""

import itertools
import re
from urllib.parse import quote

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from .conftest import ACCEPTABLE, FUZZ
from .strategies import hostile, query

pytestmark = pytest.mark.django_db

PRIVATE_PREFIXES = ("admin/", "django-admin/")
ROUTE_PARAMETER = re.compile(r"<(?:\w+:)?\w+>")


def public_patterns():
    """(route text, pattern) of every URL pattern outside the admin."""
    from django.urls import URLResolver, get_resolver

    def walk(patterns, base):
        for pattern in patterns:
            route = base + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route)
            else:
                yield route, pattern

    return [(route, pattern) for route, pattern in walk(get_resolver().url_patterns, "")
            if not route.startswith(PRIVATE_PREFIXES)]  # fmt: skip


def _has_parameters(route):
    return bool(ROUTE_PARAMETER.search(route)) or "(" in route


def _example_path(route):
    """A path the pattern matches, for the query-string fuzzing: parameters filled with "1"."""
    if "(" not in route:
        return "/" + ROUTE_PARAMETER.sub("1", route)
    return "/" + re.split(r"[\^(]", route, maxsplit=1)[0]


# Tried in each parameter of every pattern besides the generated values: ids past a 64-bit column,
# zero and negative numbers, a NUL byte, a very long number. The other parameters of the pattern
# take each of a few common words, so that the edge value gets past checks of the others (the
# printable's kind is "poster" or "leaflet", a download's format "csv"...).
EDGE_VALUES = ["99999999999999999999", "9223372036854775808", "0", "-1", "%00", "9" * 5000]
COMMON_WORDS = ["1", "poster", "leaflet", "csv", "xlsx", "large"]


def _edge_paths(route):
    if "(" in route:
        prefix = re.split(r"[\^(]", route, maxsplit=1)[0]
        return ["/" + prefix + value + "/" for value in EDGE_VALUES]
    pieces = ROUTE_PARAMETER.split(route)
    slots = len(pieces) - 1
    paths = []
    for position in range(slots):
        for value in EDGE_VALUES:
            for others in itertools.product(COMMON_WORDS, repeat=slots - 1):
                values = [*others[:position], value, *others[position:], ""]
                paths.append("/" + "".join(p + v for p, v in zip(pieces, values, strict=True)))
    return paths


def _path_strategy(route):
    """Paths for the pattern with hostile values in its parameters. A route pattern gets a value per
    parameter; a regular expression pattern gets hostile path segments after its literal prefix."""
    segment = hostile.map(lambda v: quote(v, safe="") or "x")
    if "(" not in route:
        pieces = ROUTE_PARAMETER.split(route)
        return st.lists(segment, min_size=len(pieces) - 1, max_size=len(pieces) - 1).map(
            lambda values: "/" + "".join(p + v for p, v in zip(pieces, [*values, ""], strict=True))
        )
    prefix = re.split(r"[\^(]", route, maxsplit=1)[0]
    return st.lists(segment, min_size=1, max_size=3).map(lambda values: "/" + prefix + "/".join(values) + "/")


def _status(client, path, params=None):
    response = client.get(path, params or {})
    if response.streaming:
        b"".join(response.streaming_content)
    return response.status_code


PARAMETER_ROUTES = [route for route, _pattern in public_patterns() if _has_parameters(route)]
ALL_ROUTES = [route for route, _pattern in public_patterns()]


@pytest.mark.parametrize("route", PARAMETER_ROUTES)
def test_hostile_path_parameters_never_5xx(fuzz_data, route):
    client = Client(raise_request_exception=False)
    failures, count = [], []

    def check(path):
        count.append(1)
        status = _status(client, path)
        if status not in ACCEPTABLE:
            failures.append(f"{path[:200]}: {status}")

    for path in _edge_paths(route):
        check(path)
    FUZZ(given(path=_path_strategy(route))(check))()
    print(f"path fuzz {route}: {len(count)} requests, {len(failures)} failures")
    assert count and not failures, failures[:10]


@pytest.mark.parametrize("route", ALL_ROUTES)
def test_hostile_query_strings_never_5xx(fuzz_data, route):
    client = Client(raise_request_exception=False)
    path = _example_path(route)
    failures, count = [], []

    @FUZZ
    @given(params=query({"q": (), "region": (), "year": (), "format": ()}))
    def run(params):
        count.append(1)
        status = _status(client, path, params)
        if status not in ACCEPTABLE:
            failures.append(f"{path} {params}: {status}")

    run()
    print(f"query fuzz {route}: {len(count)} requests, {len(failures)} failures")
    assert count and not failures, failures[:10]


def test_every_public_pattern_is_fuzzed():
    """The enumeration found the routes it must (a broken walk would fuzz nothing)."""
    for route in ("publicity/print/<id:pk>/<slug:kind>.pdf", "providers/<str:credit_code>/", "api/v1/notices/"):
        assert route in ALL_ROUTES, route
    assert len(PARAMETER_ROUTES) >= 6
