"""Benchmark of the disclosures' public endpoints on a database that already holds demo data
(run `seed_demo --size large` first). Prints, per endpoint, the median and worst response time
over a few requests, the number of SQL queries and the response size.

    DATABASE_URL=... .venv/bin/python bench/disclosures.py [--repeat 5]
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ENDPOINTS = [
    ("listing", "/disclosures/notices/"),
    ("listing keyword+region", "/disclosures/notices/?q=照料护理&region=330100"),
    ("listing stage=open page 3", "/disclosures/notices/?stage=open&page=3"),
    ("listing sort=budget_desc", "/disclosures/notices/?sort=budget_desc&kind=result"),
    ("atom feed", "/feeds/notices.atom?region=330100"),
    ("api notices", "/api/v1/notices/?kind=tender"),
    ("api deadlines", "/api/v1/deadlines/?rule=open_tender_bid&start=2026-09-13"),
    ("ocds releases page 1", "/open-data/ocds/releases.json"),
    ("csv download (all)", "/disclosures/notices/notices.csv"),
    ("xlsx download (results)", "/disclosures/notices/notices.xlsx?kind=result"),
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from portal.disclosures.models import NoticePage, ProcurementProjectPage

    settings.ALLOWED_HOSTS = ["*"]
    print(
        f"database: {connection.vendor}; projects: {ProcurementProjectPage.objects.count()}, "
        f"notices: {NoticePage.objects.count()}"
    )
    client = Client()
    print(f"{'endpoint':<28} {'median ms':>10} {'max ms':>8} {'queries':>8} {'bytes':>10}")
    for label, url in ENDPOINTS:
        times = []
        for _ in range(args.repeat):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url)
                body = b"".join(response.streaming_content) if response.streaming else response.content
                times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        print(f"{label:<28} {statistics.median(times):>10.1f} {max(times):>8.1f} {len(queries):>8} {len(body):>10}")
    if ProcurementProjectPage.objects.exists():
        ocid = ProcurementProjectPage.objects.order_by("pk").first().ocid
        started = time.perf_counter()
        response = client.get(f"/open-data/ocds/records/{ocid}.json")
        print(f"{'ocds record':<28} {(time.perf_counter() - started) * 1000:>10.1f}")


if __name__ == "__main__":
    main()
