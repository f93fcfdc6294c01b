"""Benchmark helper run in the benchmark's environment (production settings, portal_bench):

    probe.py urls              real paths from the seeded data: a notice page, its PDF, samples of
                               notice pages, provider keywords and regions for the mixed load
    probe.py queries PATH...   SQL queries of one anonymous GET of each path (page cache and cached
                               fragments off, Django test client), and of a complaint submission
    probe.py stored REF...     how many of these complaint references are in the database
    probe.py profile PATH      where the time of one uncached GET goes: the slowest SQL statements
                               and the functions of portal/ with the most cumulative time (cProfile)

Prints one JSON line (read by bench/run.py and bench/fault_load.py).
"""

import json
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")
    import django

    django.setup()


def urls():
    from portal.disclosures.models import NoticePage
    from portal.providers.models import Provider

    notices = NoticePage.objects.live().public().order_by("-pk")
    sample = [n.url for n in notices[:200] if n.url]
    if not sample:
        raise SystemExit("no published notice pages: seed the benchmark database first (bench/run.py)")
    names = list(Provider.objects.order_by("pk").values_list("name", flat=True)[:400])
    # Two-character words from provider names (what people type: place and service words).
    words = sorted({name[i : i + 2] for name in names for i in (0, 2, 4) if len(name) >= i + 2})
    return {
        "notice": sample[0],
        "notice_pdf": sample[0] + "pdf/",
        "notices": sample,
        "keywords": [w for w in words if re.fullmatch(r"[\u4e00-\u9fff]{2}", w)][:150],
    }


def count_queries(paths):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    result = {}
    # Cold: no page cache and no cached fragments, so the count is what the page itself costs (with
    # warm fragments most pages run no query at all). Process-level caches (content types) are warm.
    with override_settings(PAGE_CACHE_SECONDS=0, FRAGMENT_CACHE_SECONDS=0):
        for path in paths:
            client = Client(HTTP_HOST="127.0.0.1")
            client.get(path)  # warm process-level caches like a running server
            with CaptureQueriesContext(connection) as ctx:
                response = client.get(path)
            result[path] = {"queries": len(ctx.captured_queries), "status": response.status_code}
        result["complaint submission"] = complaint_queries()
    return result


def complaint_queries():
    """Queries of one complaint submission: GET the form, POST it with the CAPTCHA solved."""
    from complaints import form_fields, solve
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1", REMOTE_ADDR="127.9.9.9")
    with CaptureQueriesContext(connection) as get_ctx:
        form = client.get("/oversight/complaints/new/")
    html = form.content.decode()
    with CaptureQueriesContext(connection) as post_ctx:
        response = client.post("/oversight/complaints/new/", form_fields(html, solve(html), seq=0))
    return {
        "queries": len(get_ctx.captured_queries) + len(post_ctx.captured_queries),
        "status": response.status_code,
        "detail": f"GET {len(get_ctx.captured_queries)} + POST {len(post_ctx.captured_queries)}",
    }


def stored(references):
    from portal.oversight.models import Case

    found = set(Case.objects.filter(reference__in=references).values_list("reference", flat=True))
    return {"stored": len(found), "missing": sorted(set(references) - found)[:20]}


def profile(path, repeat=3):
    import cProfile
    import pstats
    import time

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    with override_settings(PAGE_CACHE_SECONDS=0):
        client = Client(HTTP_HOST="127.0.0.1")
        client.get(path)
        walls, captured = [], []
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as ctx:
                started = time.perf_counter()
                client.get(path)
                walls.append((time.perf_counter() - started) * 1000)
            captured = list(ctx.captured_queries)
        profiler = cProfile.Profile()
        profiler.enable()
        client.get(path)
        profiler.disable()
    sql_ms = sum(float(q["time"]) for q in captured) * 1000
    slowest = sorted(captured, key=lambda q: -float(q["time"]))[:5]
    own = []
    for (filename, line, name), (_cc, _nc, _tt, cumulative, _callers) in pstats.Stats(profiler).stats.items():
        if "/portal/" in filename and "/middleware.py" not in filename and "/core/caching/" not in filename:
            own.append((cumulative * 1000, f"{filename.split(str(ROOT) + '/')[-1]}:{line} {name}"))
    own.sort(reverse=True)
    return {
        "path": path,
        "wall_ms": round(min(walls), 1),
        "queries": len(captured),
        "sql_ms": round(sql_ms, 1),
        "slowest_sql": [{"ms": round(float(q["time"]) * 1000, 1), "sql": q["sql"][:400]} for q in slowest],
        "portal_functions_cumulative_ms": [{"ms": round(ms, 1), "function": f} for ms, f in own[:12]],
    }


def main():
    setup()
    command, args = sys.argv[1], sys.argv[2:]
    if command == "urls":
        answer = urls()
    elif command == "queries":
        answer = count_queries(args)
    elif command == "profile":
        answer = profile(args[0])
    elif command == "stored":
        answer = stored(json.loads(sys.stdin.read()) if args == ["-"] else args)
    else:
        raise SystemExit(f"unknown command {command}")
    print(json.dumps(answer, ensure_ascii=False))


if __name__ == "__main__":
    main()
