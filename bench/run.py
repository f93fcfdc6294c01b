"""Load benchmark: the portal under gunicorn with production settings on PostgreSQL, driven by wrk
from a second process, against a bare Django view measured in the same run.

    .venv/bin/python bench/run.py [--seconds 10] [--connections 32] [--skip-seed] [--size large]

Prints a table: requests/s, p50/p95/p99 latency and the ratio of each scenario's throughput to the
bare view's. Scenarios are listed in SCENARIOS; apps add theirs as they land.
"""

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable

SCENARIOS = [
    ("bare Django view", "/bench/bare/"),
    ("home page", "/"),
    ("site search", "/search/?q=%E7%85%A7%E6%96%99%E6%8A%A4%E7%90%86"),
    ("section listing", "/news/"),
    ("region folder", "/news/330100/330106/"),
    ("capacity roll-up", "/disclosures/capacity/"),
    ("health check", "/healthz"),
]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(cmd, env, **kwargs):
    started = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, **kwargs)
    return time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--size", default="large", choices=["small", "large"])
    parser.add_argument("--skip-seed", action="store_true")
    args = parser.parse_args()

    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk")
    db_url = subprocess.run(["bash", "scripts/postgres.sh"], cwd=ROOT, capture_output=True, text=True, check=True)
    database_url = db_url.stdout.strip().rsplit("/", 1)[0] + "/portal_bench"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "bench-only-secret-key-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": "60",
        "SECURE_SSL_REDIRECT": "false",
        "PORTAL_BENCH_BARE_VIEW": "1",
        "PORTAL_VAR_DIR": str(ROOT / "var" / "bench"),
    }
    if not args.skip_seed:
        subprocess.run(
            ["su", "postgres", "-c", "dropdb --if-exists portal_bench && createdb -O portal portal_bench"], check=True
        )
        print(f"migrate: {run([PY, 'manage.py', 'migrate', '-v0'], env):.1f} s")
        seconds = run(
            [PY, "manage.py", "seed_demo", "--size", args.size, "--no-progress"], env, stdout=subprocess.DEVNULL
        )
        print(f"seed_demo --size {args.size}: {seconds:.1f} s")
    run([PY, "manage.py", "collectstatic", "--noinput", "-v0"], env)

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            str(Path(PY).with_name("gunicorn")),
            "portal.wsgi",
            "-w",
            str(args.workers),
            "-b",
            f"127.0.0.1:{port}",
            "--access-logfile",
            "/dev/null",
            "--error-logfile",
            str(ROOT / "var" / "bench-gunicorn.log"),
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/bench/bare/", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        rows = []
        for name, path in SCENARIOS:
            urllib.request.urlopen(base + path, timeout=30).read()  # warm up
            out = subprocess.run(
                [
                    "wrk",
                    "-t2",
                    f"-c{args.connections}",
                    f"-d{args.seconds}s",
                    "-s",
                    str(ROOT / "bench" / "report.lua"),
                    base + path,
                ],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            result = json.loads(out.strip().splitlines()[-1])
            rows.append((name, path, result))
    finally:
        server.terminate()
        server.wait(timeout=10)

    bare = rows[0][2]["rps"]
    print(f"\n{args.connections} connections, {args.seconds} s per scenario, gunicorn {args.workers} workers\n")
    print(f"{'scenario':<20} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'vs bare':>8} {'errors':>7}")
    for name, _path, r in rows:
        ratio = r["rps"] / bare if bare else 0
        errors = r["errors"] + r["non2xx"]
        print(
            f"{name:<20} {r['rps']:>8.1f} {r['p50_ms']:>8.1f} {r['p95_ms']:>8.1f} {r['p99_ms']:>8.1f} {ratio:>7.1%} {errors:>7}"
        )


if __name__ == "__main__":
    main()
