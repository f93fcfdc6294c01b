"""Benchmark of the oversight channel: seed the large demo (5,000 cases, in bulk) into a fresh
temporary SQLite database (or DATABASE_URL if given), run it again (idempotent: nothing new), then
time the statistics computation, the statistics page, the register page and the admin queue, and
print the numbers with the query counts.

    .venv/bin/python bench/oversight.py
"""

import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def timed(label, fn, repeat=1):
    from django.db import connection, reset_queries

    reset_queries()
    start = time.perf_counter()
    for _ in range(repeat):
        result = fn()
    elapsed = (time.perf_counter() - start) / repeat
    queries = len(connection.queries) / repeat
    print(f"{label:<44} {elapsed * 1000:9.1f} ms   {queries:7.1f} queries per run")
    return result


def main():
    tmp = Path(tempfile.mkdtemp(prefix="bench-oversight-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp / 'bench.sqlite3'}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    os.environ["PORTAL_VAR_DIR"] = str(tmp)

    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from portal.core.demo import DemoContext
    from portal.oversight import demo
    from portal.oversight.models import Case
    from portal.oversight.services import stats

    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    call_command("migrate", verbosity=0)
    call_command("load_reference", verbosity=0)
    settings.DEBUG = True  # record queries
    from django.core.signals import request_started
    from django.db import reset_queries

    request_started.disconnect(reset_queries)  # count the queries of whole requests

    ctx = DemoContext(size="large", stdout=io.StringIO(), progress=False)
    timed("seed large demo (5,000 cases)", lambda: demo.seed(ctx))
    timed("seed again (idempotent)", lambda: demo.seed(DemoContext(size="large", stdout=io.StringIO(), progress=False)))
    print(
        f"cases: {Case.objects.count()}, published: {Case.objects.published().count()}, "
        f"overdue now: {Case.objects.overdue().count()}"
    )

    timed("statistics compute (all years)", stats.compute, repeat=3)
    with override_settings(ALLOWED_HOSTS=["*"]):
        client = Client()
        cache.clear()
        timed("GET /oversight/statistics/ (cold cache)", lambda: client.get("/oversight/statistics/"))
        timed("GET /oversight/statistics/ (cached)", lambda: client.get("/oversight/statistics/"), repeat=5)
        timed("GET /oversight/statistics.csv (cached)", lambda: client.get("/oversight/statistics.csv"), repeat=5)
        timed("GET /oversight/register/", lambda: client.get("/oversight/register/"), repeat=5)
        timed("GET /oversight/register/?q=转包", lambda: client.get("/oversight/register/", {"q": "转包"}), repeat=5)
        from django.contrib.auth import get_user_model

        client.force_login(get_user_model().objects.get(username="oversight_province"))
        timed("GET admin case queue (province, 50/page)", lambda: client.get("/admin/oversight_case/"), repeat=3)


if __name__ == "__main__":
    main()
