"""Site search on PostgreSQL can use the indexes of migration portal_search 0002: the GIN index on
`title || body` for the match and the `id::varchar` index for joining entries to pages. The plan
is checked with sequential scans discouraged (on a small test database PostgreSQL would scan
anyway), which shows that the indexes' expressions are the ones Wagtail's queries use."""

import pytest
from django.db import connection

from portal.search.segment import search_query

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite searches with FTS5")


def plan(sql, params):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


class Capture:
    def __init__(self):
        self.queries = []

    def __call__(self, execute, sql, params, many, context):
        self.queries.append((sql, params))
        return execute(sql, params, many, context)


def test_the_site_search_queries_can_use_the_expression_indexes(postgresql, home_page):
    from wagtail.models import Page

    capture = Capture()
    with connection.execute_wrapper(capture):
        results = Page.objects.live().public().specific().search(search_query("照料护理"), operator="and")
        results.count()
        list(results[:10])
    searches = [sql for sql, _params in capture.queries if "wagtailsearch_indexentry" in sql]
    assert len(searches) == 2  # the count and the hits
    for sql in searches:  # the expressions the indexes are built on
        assert '("wagtailsearch_indexentry"."title" || "wagtailsearch_indexentry"."body") @@' in sql, sql
        assert '("wagtailcore_page"."id")::varchar(50)' in sql, sql
    match = plan("SELECT id FROM wagtailsearch_indexentry WHERE (title || body) @@ to_tsquery('simple', %s)", ["照料"])
    assert "portal_search_entry_title_body_gin" in match, match
    join = plan("SELECT id FROM wagtailcore_page WHERE (id)::varchar(50) = %s", ["3"])
    assert "portal_search_page_id_text" in join, join
