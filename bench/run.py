"""Load benchmark: the portal under gunicorn with production settings on PostgreSQL, driven by wrk
from a second process, against a bare Django view measured on the same server in the same run.

    .venv/bin/python bench/run.py [--seconds 10] [--connections 32] [--skip-seed] [--size large]
                                  [--no-opensearch] [--no-profile] [--no-cold] [--only NAME ...]

Steps: seed `seed_demo --size large` into the database portal_bench (unless --skip-seed); pick real
URLs (a notice page and its PDF) and count the SQL queries of each scenario (bench/probe.py); then
serve the portal with the full-page cache off (PAGE_CACHE_SECONDS=0; cached fragments of expensive
parts stay on, as deployed) and measure every scenario; serve it with every cache off as well
(FRAGMENT_CACHE_SECONDS=0 too, "cold", for information; --no-cold skips it); serve it again with
the cache on (default settings) and measure the anonymous pages again; start
the benchmark's OpenSearch node (port 9250, var/bench/opensearch), build its indexes and measure
provider search on the cluster engine; complaint submissions are measured with a Python client
(bench/complaints.py: CSRF token, CAPTCHA answered). Prints one table and writes it to
var/bench/last.md and var/bench/last.json; then profiles one uncached request of every scenario that
misses a target (slowest SQL, portal functions by cumulative time) and appends that to last.md.
"""

import argparse
import datetime
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import (  # noqa: E402
    PY,
    ROOT,
    VAR,
    Server,
    base_env,
    build_cluster_indexes,
    cluster_env,
    django_json,
    get,
    manage,
    require_wrk,
    search_node,
    wrk,
)
from table import misses, render_markdown, render_table  # noqa: E402

SEARCH_WORD = "照料护理"
PROVIDER_WORD = "社会工作"


def q(text):
    return quote(text)


# (name, path, kind): kind "page" = anonymous page measured uncached and cached; "search" = a
# search page (its own p95 target); "pdf" = the notice PDF; "bare" = the baseline.
SCENARIOS = [
    ("bare Django view", "/bench/bare/", "bare"),
    ("home page", "/", "page"),
    ("notice listing (filters)", "/disclosures/notices/?region=330100&kind=tender&sort=budget_desc", "page"),
    ("notice page", "{notice}", "page"),
    ("notice PDF", "{notice_pdf}", "pdf"),
    ("provider search (db)", f"/providers/?q={q(PROVIDER_WORD)}&region=330100", "search"),
    ("site search", f"/search/?q={q(SEARCH_WORD)}", "search"),
    ("evaluation index", "/disclosures/evaluations/", "page"),
    ("oversight statistics", "/oversight/statistics/", "page"),
    ("complaint register", "/oversight/register/", "page"),
]
CLUSTER_SCENARIO = ("provider search (OpenSearch)", f"/providers/?q={q(PROVIDER_WORD)}&region=330100", "search")
COMPLAINT = "complaint submission"
DEGRADED_MARK = "检索服务暂时不可用"  # the directory's notice when the database engine answered instead


def seed(env, size):
    subprocess.run(
        ["su", "postgres", "-c", "dropdb --if-exists portal_bench && createdb -O portal portal_bench"], check=True
    )
    print(f"migrate: {manage(env, 'migrate', '-v0'):.1f} s", flush=True)
    seconds = manage(env, "seed_demo", "--size", size, "--no-progress", stdout=subprocess.DEVNULL)
    print(f"seed_demo --size {size}: {seconds:.1f} s", flush=True)


def warm(server, path, times):
    """Request a path until every worker has seen it; returns the X-Page-Cache header values seen."""
    seen = set()
    for _ in range(times):
        status, headers, _body = get(server.base + path, timeout=60)
        if status >= 500:
            raise SystemExit(f"{path} answered {status} on {server.label}; see var/bench/gunicorn-*.log")
        seen.add({k.lower(): v for k, v in headers.items()}.get("x-page-cache", "-"))
    return seen


def measure(server, scenarios, args, cached, rows):
    """wrk each scenario on `server`. The bare view is measured first and again last (the machine is
    shared, so its speed drifts); every ratio on this server uses the mean of the two."""
    bare_rows = []
    if scenarios and scenarios[0][2] == "bare":
        scenarios = [*scenarios, (scenarios[0][0] + " (again)", scenarios[0][1], "bare")]
    first = len(rows)
    for name, path, kind in scenarios:
        seen = warm(server, path, 4 * args.workers)
        result = wrk(server.base + path, args.seconds, args.connections)
        cache_state = "yes" if cached and "hit" in seen else ("no" if not cached else "no cache")
        rows.append(
            {
                "scenario": name,
                "path": path,
                "kind": kind,
                "server": server.label,
                "cached": cache_state if kind != "bare" else "-",
                **{k: result[k] for k in ("rps", "p50_ms", "p95_ms", "p99_ms", "requests")},
                "errors": result["errors"] + result["non2xx"],
            }
        )
        row = rows[-1]
        if kind == "bare":
            bare_rows.append(row)
        print(
            f"  {name:<30} {row['cached']:<8} {row['rps']:8.1f} req/s  p95 {row['p95_ms']:7.1f} ms  "
            f"errors {row['errors']}",
            flush=True,
        )
    bare = sum(r["rps"] for r in bare_rows) / len(bare_rows) if bare_rows else None
    for row in rows[first:]:
        row["bare_rps"] = bare
    return bare


def measure_complaints(server, args, bare, rows):
    from complaints import submission_load

    result = submission_load(server.base, args.seconds, args.complaint_clients)
    rows.append(
        {
            "scenario": COMPLAINT,
            "path": "/oversight/complaints/new/ (GET form + POST + receipt)",
            "kind": "complaint",
            "server": server.label,
            "cached": "no",
            **{k: result[k] for k in ("rps", "p50_ms", "p95_ms", "p99_ms", "requests")},
            "errors": result["errors"],
            "bare_rps": bare,
            "outcomes": result["outcomes"],
        }
    )
    print(f"  {COMPLAINT:<30} {result['rps']:8.1f} submissions/s  outcomes {result['outcomes']}", flush=True)
    return result["references"]


def measure_cluster(cluster, bare, args, rows):
    """The registry search on the OpenSearch node, uncached and cached; queries counted with the
    cluster engine; each row says whether the cluster answered after the run (not the fallback)."""
    with search_node() as url:
        env = cluster_env(url)
        build_cluster_indexes(env, site=False)
        queries = django_json(env, "probe.py", "queries", *[path for _n, path, _k in cluster])
        for cached in (False, True):
            label = "opensearch-cached" if cached else "opensearch"
            overrides = {} if cached else {"PAGE_CACHE_SECONDS": 0}
            print(f"\nserver {label}: registry on OpenSearch {url}", flush=True)
            with Server(cluster_env(url, **overrides), workers=args.workers, label=label) as server:
                first = len(rows)
                measure(server, [bare, *cluster], args, cached=cached, rows=rows)
                for row in rows[first:]:
                    if row["kind"] != "bare":
                        row["queries"] = queries[row["path"]]["queries"]
                        body = get(server.base + row["path"], headers={"Cookie": "sessionid=x"})[2].decode()
                        row["note"] = "fallback: database answered" if DEGRADED_MARK in body else "cluster answered"


def resolve(scenarios, urls):
    return [(name, path.format(**urls), kind) for name, path, kind in scenarios]


def selected(scenarios, only):
    if not only:
        return scenarios
    return [s for s in scenarios if s[2] == "bare" or any(word in s[0] for word in only)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--complaint-clients", type=int, default=8, help="threads submitting complaints")
    parser.add_argument("--size", default="large", choices=["small", "large"])
    parser.add_argument("--skip-seed", action="store_true")
    parser.add_argument("--no-opensearch", action="store_true", help="skip the OpenSearch scenario")
    parser.add_argument("--no-profile", action="store_true", help="skip profiling the rows that miss targets")
    parser.add_argument("--no-cold", action="store_true", help="skip the run without any cache (information only)")
    parser.add_argument("--only", nargs="*", help="only scenarios whose name contains one of these words")
    args = parser.parse_args()
    require_wrk()
    started = time.monotonic()
    env = base_env()
    if not args.skip_seed:
        seed(env, args.size)
    else:
        manage(env, "migrate", "-v0")  # the seeded database may predate the newest migrations
    manage(env, "collectstatic", "--noinput", "-v0")

    urls = django_json(env, "probe.py", "urls")
    scenarios = selected(resolve(SCENARIOS, urls), args.only)
    cluster = selected([CLUSTER_SCENARIO], args.only) if not args.no_opensearch else []
    with_complaints = not args.only or any(word in COMPLAINT for word in args.only)
    print(f"notice page: {urls['notice']}", flush=True)
    queries = django_json(env, "probe.py", "queries", *[path for _n, path, kind in scenarios if kind != "bare"])
    load_before = os.getloadavg()

    rows = []
    print("\nserver 1: page cache off (PAGE_CACHE_SECONDS=0), database search engine", flush=True)
    with Server(base_env(PAGE_CACHE_SECONDS=0), workers=args.workers, label="uncached") as server:
        bare = measure(server, scenarios, args, cached=False, rows=rows)
        if with_complaints:
            measure_complaints(server, args, bare, rows)
    if not args.no_cold:
        # Every request does all the work: no page cache and no cached fragments (home sections,
        # facet counts, site lookup...). Reported for information; the uncached target is server 1's.
        print("\nserver 1b: page cache and cached fragments off (cold), database search engine", flush=True)
        cold_env = base_env(PAGE_CACHE_SECONDS=0, FRAGMENT_CACHE_SECONDS=0)
        with Server(cold_env, workers=args.workers, label="cold") as server:
            first = len(rows)
            measure(server, [s for s in scenarios if s[2] != "complaint"], args, cached=False, rows=rows)
            for row in rows[first:]:
                if row["kind"] != "bare":
                    row["cached"] = "cold"
    print("\nserver 2: page cache on (default settings), database search engine", flush=True)
    with Server(base_env(), workers=args.workers, label="cached") as server:
        measure(server, [s for s in scenarios if s[2] != "complaint"], args, cached=True, rows=rows)
    if cluster:
        try:
            measure_cluster(cluster, scenarios[0], args, rows)
        except (subprocess.CalledProcessError, SystemExit) as exc:
            print(f"the OpenSearch scenario failed and is left out: {exc}", flush=True)
    load_after = os.getloadavg()

    for row in rows:
        if "queries" in row:
            continue
        row["queries"] = queries.get(row["path"] if row["kind"] != "complaint" else COMPLAINT, {}).get("queries")
    meta = {
        "when": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "connections": args.connections,
        "seconds": args.seconds,
        "workers": args.workers,
        "complaint_clients": args.complaint_clients,
        "load_before": [round(x, 2) for x in load_before],
        "load_after": [round(x, 2) for x in load_after],
        "notice": urls["notice"],
        "python": PY,
        "elapsed_s": round(time.monotonic() - started),
    }
    print()
    print(render_table(rows, meta))
    VAR.mkdir(parents=True, exist_ok=True)
    (VAR / "last.md").write_text(render_markdown(rows, meta, queries), encoding="utf-8")
    (VAR / "last.json").write_text(json.dumps({"meta": meta, "rows": rows, "queries": queries}, indent=2,
                                              ensure_ascii=False), encoding="utf-8")  # fmt: skip
    print(f"\nwritten: {(VAR / 'last.md').relative_to(ROOT)} and last.json")
    if not args.no_profile:
        hot_spots(env, rows)


def hot_spots(env, rows):
    """Where one uncached request of each scenario that misses a target spends its time."""
    paths = []
    for row in rows:
        if row["kind"] in {"page", "pdf", "search"} and row["cached"] == "no" and misses(row):
            if row["path"] not in paths and row["server"] == "uncached":
                paths.append(row["path"])
    lines = ["", "## Hot spots (one uncached request, Django test client, cProfile)", ""]
    for path in paths:
        r = django_json(env, "probe.py", "profile", path)
        lines.append(f"- `{path}`: {r['wall_ms']} ms, {r['queries']} queries taking {r['sql_ms']} ms")
        for q in r["slowest_sql"][:3]:
            lines.append(f"  - SQL {q['ms']} ms: `{q['sql'][:240]}`")
        for f in r["portal_functions_cumulative_ms"][:6]:
            lines.append(f"  - {f['ms']} ms in {f['function']}")
    text = "\n".join(lines) + "\n"
    print(text)
    with (VAR / "last.md").open("a", encoding="utf-8") as out:
        out.write(text)


if __name__ == "__main__":
    main()
