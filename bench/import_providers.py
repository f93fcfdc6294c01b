"""Benchmark: import 10,000 generated providers with `import_providers`, then re-import them
(all updates), into a fresh temporary SQLite database (or DATABASE_URL if given), and print the
timings.

    .venv/bin/python bench/import_providers.py [--rows 10000]
"""

import argparse
import csv
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="bench-providers-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp / 'bench.sqlite3'}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    os.environ["PORTAL_VAR_DIR"] = str(tmp)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    t = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("load_reference", verbosity=0)
    print(f"setup (migrate + reference data): {time.perf_counter() - t:.1f} s")

    from portal.providers.models import Provider
    from portal.reference import credit_code as cc
    from portal.reference.models import Region, ServiceItem

    rng = random.Random(2018)
    counties = list(Region.objects.counties().values_list("code", "name"))
    items = list(ServiceItem.objects.values_list("name", flat=True))
    words = ["阳光", "同心", "康宁", "仁爱", "善行", "启明", "安康", "和睦", "暖心", "新航"]
    path = tmp / "providers.csv"
    codes = set()
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["name", "credit_code", "region_code", "service_items", "staff_count", "description"])
        n = 0
        while n < args.rows:
            code_, county = rng.choice(counties)
            credit = cc.generate("5", "2", code_, rng=rng)
            if credit in codes:
                continue
            codes.add(credit)
            word = rng.choice(words)
            chosen = rng.sample(items, rng.randint(1, 3))
            writer.writerow(
                [
                    f"{county}{word}社会工作服务中心{n}",
                    credit,
                    code_,
                    ";".join(chosen),
                    rng.randint(3, 80),
                    f"提供{chosen[0]}服务。",
                ]
            )
            n += 1

    def timed(label, *extra):
        t0 = time.perf_counter()
        call_command("import_providers", str(path), "--no-progress", *extra, stdout=open(os.devnull, "w"))
        elapsed = time.perf_counter() - t0
        print(f"{label}: {args.rows} rows in {elapsed:.2f} s ({args.rows / elapsed:,.0f} rows/s)")
        return elapsed

    timed("dry run (validate only)", "--dry-run")
    timed("import (create)")
    assert Provider.objects.count() == args.rows
    timed("re-import (update)")
    assert Provider.objects.count() == args.rows
    print(f"providers in database: {Provider.objects.count()}")


if __name__ == "__main__":
    main()
