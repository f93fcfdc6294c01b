"""Load with a fault: CLIENTS concurrent clients for SECONDS of mixed anonymous browsing (home,
notice listing, notice pages, directory search, site search, complaint register) plus complaint
submissions (CAPTCHA answered), against gunicorn (gthread) with production settings and the search
on the benchmark's OpenSearch node; at FAULT_AT seconds the node is stopped (or frozen with
SIGSTOP: --fault freeze) and search must keep answering from the database engine.

    .venv/bin/python bench/fault_load.py [--clients 200] [--seconds 60] [--fault-at 30]
                                         [--fault stop|freeze] [--think 0] [--skip-build]

Needs the seeded database portal_bench (bench/run.py seeds it). Prints: requests and status classes
per action, 5xx (must be 0), search answers per phase (before / across / after the fault:
answered, degraded = the database engine answered, served from the page cache), complaints sent,
acknowledged (receipt with a reference) and stored (references found in the database afterwards).
The node is left as it was found (stopped if this script started it; started again if it was running).
"""

import argparse
import itertools
import json
import os
import random
import signal
import sys
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))

from complaints import Browser, submit_complaint  # noqa: E402
from harness import (  # noqa: E402
    SEARCH_NODE_PORT,
    VAR,
    Server,
    build_cluster_indexes,
    cluster_env,
    django_json,
    manage,
    node_script,
    percentile,
    search_node,
)

DEGRADED_MARK = "检索服务暂时不可用"
LISTING_FILTERS = ["", "?kind=tender", "?region=330100", "?stage=open", "?kind=result&region=330200", "?page=2"]
CITIES = ["", "330100", "330200", "330300", "330400", "330500", "330600", "330700", "330800", "330900", "331000"]
# Weights of the browsing actions; a client submits a complaint with probability SUBMIT_SHARE.
ACTIONS = {"home": 3, "listing": 3, "notice": 4, "directory search": 3, "site search": 2, "register": 1}
SUBMIT_SHARE = 0.05


class Recorder:
    """Thread-safe counts and latencies by action and by phase."""

    def __init__(self):
        self.lock = threading.Lock()
        self.status = defaultdict(Counter)
        self.latency = defaultdict(list)
        self.search = defaultdict(Counter)  # (action, phase) -> answered/degraded/cache hit/5xx/errors
        self.complaints = Counter()
        self.references = []
        self.fault_started = None
        self.fault_done = None

    def phase(self, started, ended):
        """ "before": answered before the fault began; "after": sent once the node was down;
        "across": in flight while the node was being stopped."""
        if self.fault_started is None or ended < self.fault_started:
            return "before"
        if self.fault_done is not None and started >= self.fault_done:
            return "after"
        return "across"

    def record(self, action, started, status, headers=None, body=""):
        ended = time.monotonic()
        elapsed = (ended - started) * 1000
        bucket = "error" if status is None else f"{status // 100}xx"
        with self.lock:
            self.status[action][bucket] += 1
            self.latency[action].append(elapsed)
            if action in ("directory search", "site search"):
                counts = self.search[(action, self.phase(started, ended))]
                counts["requests"] += 1
                if status == 200:
                    counts["answered"] += 1
                    hit = (headers or {}).get("x-page-cache") == "hit"
                    if hit:
                        counts["page-cache hit"] += 1
                    if DEGRADED_MARK in body:
                        counts["degraded (cached)" if hit else "degraded"] += 1
                elif status is None:
                    counts["errors"] += 1
                elif status >= 500:
                    counts["5xx"] += 1
                else:
                    counts[f"{status}"] += 1


def browse_path(action, rng, urls):
    if action == "home":
        return "/"
    if action == "listing":
        return "/disclosures/notices/" + rng.choice(LISTING_FILTERS)
    if action == "notice":
        return rng.choice(urls["notices"])
    if action == "directory search":
        city = rng.choice(CITIES)
        return f"/providers/?q={quote(rng.choice(urls['keywords']))}" + (f"&region={city}" if city else "")
    if action == "site search":
        return f"/search/?q={quote(rng.choice(urls['keywords']))}"
    return "/oversight/register/"


def client(n, base, stop_at, urls, recorder, seq, think):
    rng = random.Random(n)
    browser = Browser(base, timeout=60, keep_cookies=False)
    names, weights = list(ACTIONS), list(ACTIONS.values())
    while time.monotonic() < stop_at:
        if think:
            time.sleep(rng.uniform(0, 2 * think))
        started = time.monotonic()
        if rng.random() < SUBMIT_SHARE:
            try:
                outcome, reference, statuses = submit_complaint(base, next(seq), timeout=60)
            except (OSError, ValueError) as exc:
                outcome, reference, statuses = f"error: {type(exc).__name__}", None, []
            with recorder.lock:
                recorder.complaints["sent"] += 1
                recorder.complaints[outcome] += 1
                if reference:
                    recorder.references.append(reference)
            recorder.record("complaint", started, statuses[-1] if statuses else None)
            continue
        action = rng.choices(names, weights)[0]
        try:
            status, headers, body = browser.request("GET", browse_path(action, rng, urls))
        except OSError:
            browser.close()
            recorder.record(action, started, None)
            continue
        recorder.record(action, started, status, headers, body)
    browser.close()


def inject_fault(kind, recorder):
    recorder.fault_started = time.monotonic()
    pid_file = VAR / "opensearch" / f"node-{SEARCH_NODE_PORT}.pid"
    if kind == "freeze":
        os.kill(int(pid_file.read_text().strip()), signal.SIGSTOP)
    else:
        node_script("stop", check=False)
    recorder.fault_done = time.monotonic()
    print(f"fault: node {kind} took {recorder.fault_done - recorder.fault_started:.1f} s", flush=True)


def resume_frozen(kind):
    pid_file = VAR / "opensearch" / f"node-{SEARCH_NODE_PORT}.pid"
    if kind == "freeze" and pid_file.exists():
        os.kill(int(pid_file.read_text().strip()), signal.SIGCONT)


def report(recorder, args, stored, server_errors, load):
    print(
        f"\n{args.clients} clients (think time {args.think} s), {args.seconds} s, node {args.fault} at "
        f"{args.fault_at} s; gunicorn "
        f"{args.workers} workers x {args.threads} threads; load average during the run {load}\n"
    )
    print(f"{'action':<18} {'requests':>8} {'2xx':>6} {'3xx':>5} {'4xx':>5} {'5xx':>5} {'errors':>6} "
          f"{'p50 ms':>8} {'p95 ms':>8}")  # fmt: skip
    total_5xx = 0
    for action in [*ACTIONS, "complaint"]:
        counts, latencies = recorder.status[action], recorder.latency[action]
        total_5xx += counts["5xx"]
        print(
            f"{action:<18} {sum(counts.values()):>8} {counts['2xx']:>6} {counts['3xx']:>5} {counts['4xx']:>5} "
            f"{counts['5xx']:>5} {counts['error']:>6} {percentile(latencies, 50):>8.0f} "
            f"{percentile(latencies, 95):>8.0f}"
        )
    print("\nsearch answers by phase (answered before the fault / in flight across it / sent after it):")
    for action in ("directory search", "site search"):
        for phase in ("before", "across", "after"):
            counts = recorder.search[(action, phase)]
            print(f"  {action:<17} {phase:<9} " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    c = recorder.complaints
    print(
        f"\ncomplaints: sent {c['sent']}, acknowledged {c['acknowledged']}, stored {stored['stored']} "
        f"(acknowledged but missing: {len(recorder.references) - stored['stored']}), rejected {c['rejected']}, "
        f"5xx {c['5xx']}, other {c['sent'] - c['acknowledged'] - c['rejected'] - c['5xx']}"
    )
    print(f"5xx responses in total: {total_5xx}; server errors logged: {server_errors[0]}, {server_errors[1]}")
    after = recorder.search[("directory search", "after")]
    fresh = after["answered"] - after["page-cache hit"]
    print(f"directory search after the fault: {fresh} fresh answers, {after['degraded']} of them from the database")
    verdict = total_5xx == 0 and stored["stored"] == c["acknowledged"] and fresh > 0 and after["degraded"] == fresh
    print(f"\nresult: {'PASS' if verdict else 'FAIL'} (no 5xx, every acknowledged complaint stored, "
          f"directory search answering from the database after the fault)")  # fmt: skip
    return verdict


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--fault-at", type=int, default=30)
    parser.add_argument("--fault", choices=["stop", "freeze"], default="stop")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--think", type=float, default=0.0, help="mean seconds a client waits between requests")
    parser.add_argument("--skip-build", action="store_true", help="the node's indexes are already built")
    args = parser.parse_args()

    with search_node() as url:
        env = cluster_env(url)
        manage(env, "collectstatic", "--noinput", "-v0")
        if not args.skip_build:
            build_cluster_indexes(env)
        urls = django_json(env, "probe.py", "urls")
        recorder = Recorder()
        with Server(env, workers=args.workers, threads=args.threads, label="faults") as server:
            seq = itertools.count()
            stop_at = time.monotonic() + args.seconds
            threads = [
                threading.Thread(
                    target=client, args=(n, server.base, stop_at, urls, recorder, seq, args.think), daemon=True
                )
                for n in range(args.clients)
            ]
            timer = threading.Timer(args.fault_at, inject_fault, args=(args.fault, recorder))
            print(f"{args.clients} clients for {args.seconds} s against {server.base} ...", flush=True)
            for thread in threads:
                thread.start()
            timer.start()
            time.sleep(args.seconds / 2)
            load = [round(x, 2) for x in os.getloadavg()]
            for thread in threads:
                thread.join()
            timer.join()
            resume_frozen(args.fault)
        server_errors = server.server_errors()
        stored = django_json(env, "probe.py", "stored", "-", stdin=json.dumps(recorder.references))
        passed = report(recorder, args, stored, server_errors, load)
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
