"""Shared pieces of the load benchmarks (bench/run.py, bench/fault_load.py): the environment of the
benchmark deployment (production settings on the PostgreSQL database portal_bench), gunicorn
servers, the OpenSearch node, wrk runs and latency percentiles."""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
VAR = ROOT / "var" / "bench"
# A node of our own (its own port and data folder), so the benchmark never touches the node
# that tests or `make run` use on 9200.
SEARCH_NODE_PORT = os.environ.get("BENCH_SEARCH_NODE_PORT", "9250")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url():
    out = subprocess.run(["bash", "scripts/postgres.sh"], cwd=ROOT, capture_output=True, text=True, check=True)
    return out.stdout.strip().rsplit("/", 1)[0] + "/portal_bench"


def base_env(**overrides):
    """The environment of the benchmark deployment; `overrides` with value None are removed."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "bench-only-secret-key-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DATABASE_URL": database_url(),
        "DATABASE_CONN_MAX_AGE": "60",
        # Plain HTTP on loopback stands for the TLS-terminating proxy of a real deployment.
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "PORTAL_BENCH_BARE_VIEW": "1",
        "PORTAL_VAR_DIR": str(VAR),
        "SEARCH_ENGINE": "database",
        "PYTHONUNBUFFERED": "1",
    }
    for key in ("SEARCH_URL", "REGISTRY_SEARCH_ENGINE", "PAGE_CACHE_SECONDS", "FRAGMENT_CACHE_SECONDS", "CACHE_URL"):
        env.pop(key, None)
    for key, value in overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = str(value)
    return env


def run(cmd, env, **kwargs):
    started = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, **kwargs)
    return time.perf_counter() - started


def manage(env, *args, **kwargs):
    return run([PY, "manage.py", *args], env, **kwargs)


def django_json(env, script, *args, stdin=None):
    """Run bench/<script> (a Django script printing one JSON line last) and return its answer."""
    out = subprocess.run(
        [PY, str(ROOT / "bench" / script), *args], cwd=ROOT, env=env, capture_output=True, text=True, input=stdin
    )
    if out.returncode != 0:
        sys.stderr.write(out.stderr)
        raise SystemExit(f"bench/{script} failed")
    return json.loads(out.stdout.strip().splitlines()[-1])


def get(url, timeout=30, headers=None):
    """(status, headers, body) of a GET; HTTP errors are answers too."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


class Server:
    """gunicorn serving portal.wsgi on a free loopback port with the given environment."""

    def __init__(self, env, workers=2, threads=1, label="server"):
        self.env, self.workers, self.threads, self.label = env, workers, threads, label
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = None

    def __enter__(self):
        VAR.mkdir(parents=True, exist_ok=True)
        cmd = [
            str(Path(PY).with_name("gunicorn")),
            "portal.wsgi",
            "-w",
            str(self.workers),
            "-b",
            f"127.0.0.1:{self.port}",
            "--backlog",
            "2048",
            "--timeout",
            "120",
            "--access-logfile",
            "/dev/null",
            "--error-logfile",
            str(VAR / f"gunicorn-{self.label}.log"),
        ]
        if self.threads > 1:
            cmd += ["-k", "gthread", "--threads", str(self.threads)]
        self.log = VAR / f"server-{self.label}.log"
        self.log_file = self.log.open("w")
        self.process = subprocess.Popen(cmd, cwd=ROOT, env=self.env, stdout=self.log_file, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn ({self.label}) exited; see {self.log}")
            try:
                if get(self.base + "/bench/bare/", timeout=2)[0] == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        self.__exit__(None, None, None)
        raise SystemExit(f"gunicorn ({self.label}) did not answer within 60 s")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log_file.close()

    def server_errors(self):
        """Django's "Internal Server Error" log lines and the exception types that ended them."""
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        kinds = Counter(re.findall(r"^([\w.]+(?:Error|Exception|Timeout)): ", text, re.M))
        return text.count("Internal Server Error"), dict(kinds.most_common(5))


def wrk(url, seconds, connections, threads=2):
    """wrk's figures (bench/report.lua): rps, p50/p95/p99 ms, errors, non2xx, requests."""
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
         "-s", str(ROOT / "bench" / "report.lua"), url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return json.loads(out.strip().splitlines()[-1])


def percentile(values, pct):
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


# The OpenSearch node ---------------------------------------------------------------------------------


def node_env():
    return {**os.environ, "SEARCH_NODE_PORT": SEARCH_NODE_PORT, "PORTAL_VAR_DIR": str(VAR)}


def node_url():
    return f"http://127.0.0.1:{SEARCH_NODE_PORT}"


def node_script(action, check=True):
    return subprocess.run(
        ["bash", "scripts/search-node.sh", action],
        cwd=ROOT,
        env=node_env(),
        capture_output=True,
        text=True,
        check=check,
    )


def node_running():
    return node_script("status", check=False).returncode == 0


@contextmanager
def search_node():
    """The benchmark's OpenSearch node, started if needed; stopped afterwards if we started it."""
    was_running = node_running()
    if not was_running:
        print(f"starting the OpenSearch node on port {SEARCH_NODE_PORT} ...", flush=True)
        out = node_script("start", check=False)
        if out.returncode != 0:
            sys.stderr.write(out.stderr)
            raise SystemExit("the OpenSearch node did not start")
    try:
        yield node_url()
    finally:
        if was_running and not node_running():
            print("starting the OpenSearch node again (it was running before)", flush=True)
            node_script("start", check=False)
        elif not was_running and node_running():
            node_script("stop", check=False)


def cluster_env(url, **overrides):
    return base_env(SEARCH_ENGINE="opensearch", SEARCH_URL=url, SEARCH_INDEX_PREFIX="bench", **overrides)


def build_cluster_indexes(env, site=True):
    """The providers index (rebuild_search) and, with `site`, the site-search indexes (update_index)
    on the node."""
    for attempt in (1, 2, 3):
        try:
            seconds = manage(env, "rebuild_search", "--no-progress", stdout=subprocess.DEVNULL)
            break
        except subprocess.CalledProcessError:
            # The node answers slowly on a busy machine (rebuild_search gives it 3 s per call).
            if attempt == 3:
                raise
            print(f"rebuild_search failed (attempt {attempt}); retrying", flush=True)
            time.sleep(5)
    print(f"rebuild_search: {seconds:.1f} s", flush=True)
    if site:
        seconds = manage(env, "update_index", "-v0", stdout=subprocess.DEVNULL)
        print(f"update_index (site search): {seconds:.1f} s", flush=True)


def require_wrk():
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")
