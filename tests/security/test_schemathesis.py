"""Fuzzing of every route of the read API, found in Django's URL resolver (a new route is fuzzed
without editing this file): each operation of the OpenAPI schema (/api/v1/schema/, loaded in-process
from the WSGI application) gets schemathesis' positive cases (checked for server errors and schema
conformance) and negative cases (checked for server errors), and every API route, operation or not,
gets hostile query strings (tests/security/strategies.py). Every client error of the API is JSON
with a "detail". The number of requests per route is printed; no route may answer a 5xx."""

import re

import pytest
import schemathesis
from hypothesis import given
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import response_schema_conformance

from .conftest import API_ACCEPTABLE, FUZZ
from .strategies import query

pytestmark = pytest.mark.django_db

API_PREFIX = "api/v1/"
CHECKS = {
    GenerationMode.POSITIVE: [not_a_server_error, response_schema_conformance],
    GenerationMode.NEGATIVE: [not_a_server_error],
}
# API routes that are not operations of the schema: the schema itself, its documentation page and
# the API root.
NOT_OPERATIONS = {"/api/v1/schema/", "/api/v1/docs/", "/api/v1/"}


def api_routes():
    """The paths of every URL pattern under /api/v1/ in the URL resolver, in OpenAPI form
    (`<int:pk>` becomes `{pk}`)."""
    from django.urls import URLResolver, get_resolver

    def walk(patterns, base):
        for pattern in patterns:
            route = base + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route)
            else:
                yield route

    routes = set()
    for route in walk(get_resolver().url_patterns, ""):
        if route.startswith(API_PREFIX):
            routes.add("/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route))
    return sorted(routes)


@pytest.fixture
def api_schema(fuzz_data):
    """The schema, loaded from the WSGI application in this process. Like Django's test client, the
    requests must not close the database connection at their end (it holds the test transaction)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    from portal.wsgi import application

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/schema/", application)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _operations(api_schema):
    """{path: [operation]} of the schema."""
    operations = {}
    for result in api_schema.get_all_operations():
        operation = result.ok()
        operations.setdefault(operation.full_path, []).append(operation)
    return operations


def _json_client_error(status, content_type, body):
    """A failure message if a client error of the API is not JSON with a "detail", else None."""
    if not 400 <= status < 500:
        return None
    if not content_type.startswith("application/json"):
        return f"{status} answered as {content_type!r}, not JSON"
    if '"detail"' not in body:
        return f"{status} without a detail: {body[:200]}"
    return None


def _run_operation(operation, mode, failures):
    """Run the operation's generated cases in `mode`; the number of requests made."""
    count = []

    @FUZZ
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case):
        count.append(1)
        response = case.call()
        try:
            case.validate_response(response, checks=CHECKS[mode])
        except Exception as exc:  # schemathesis' failure group: record it, go on counting
            failures.append(f"{operation.method.upper()} {case.formatted_path} {case.query} ({mode}): {exc}")
        problem = _json_client_error(
            response.status_code,
            response.headers.get("content-type", [""])[0],
            response.content.decode(errors="replace"),
        )
        if problem:
            failures.append(f"{operation.method.upper()} {case.formatted_path} {case.query}: {problem}")

    run()
    return len(count)


def _run_hostile_queries(client, path, parameters, failures):
    """Hostile query strings on the documented parameters plus `page` and an unknown one."""
    count = []

    @FUZZ
    @given(params=query({name: () for name in parameters}))
    def run(params):
        count.append(1)
        response = client.get(path, params)
        if response.status_code not in API_ACCEPTABLE:
            failures.append(f"GET {path} {params}: {response.status_code}")
        elif path not in NOT_OPERATIONS:
            problem = _json_client_error(
                response.status_code, response.get("Content-Type", ""), response.content.decode(errors="replace")
            )
            if problem:
                failures.append(f"GET {path} {params}: {problem}")

    run()
    return len(count)


@pytest.mark.parametrize("path", api_routes())
def test_every_api_route_is_fuzzed_without_server_errors(api_schema, client, path):
    operations = _operations(api_schema).get(path, [])
    assert operations or path in NOT_OPERATIONS, f"{path} is routed but not in the API schema"
    failures = []
    counts = {}
    for operation in operations:
        for mode in CHECKS:
            counts[f"{operation.method.upper()} {mode}"] = _run_operation(operation, mode, failures)
    parameters = {p.name for operation in operations for p in operation.query}
    counts["GET hostile"] = _run_hostile_queries(client, path, parameters, failures)
    total = sum(counts.values())
    print(f"API fuzz {path}: {total} requests ({', '.join(f'{k} {v}' for k, v in counts.items())}), "
          f"{len(failures)} failures")  # fmt: skip
    assert all(counts.values())
    assert not failures, "\n".join(failures[:20])


def test_resolver_and_schema_agree(api_schema):
    """Every operation of the schema is a routed path (and, above, every routed path is fuzzed)."""
    routed = set(api_routes())
    assert set(_operations(api_schema)) <= routed
    # The schema lost no router: the apps' operations are all there.
    assert len(routed - NOT_OPERATIONS) >= 7, routed


PAGINATED = {"/api/v1/notices/", "/api/v1/evaluations/", "/api/v1/oversight/register"}


@pytest.mark.parametrize("path", sorted(PAGINATED))
def test_api_huge_page_number_is_a_client_error(client, fuzz_data, path):
    response = client.get(path, {"page": str(2**70), "page_size": "50"})
    assert response.status_code == 400
