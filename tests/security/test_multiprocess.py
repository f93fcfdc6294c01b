"""One-use CAPTCHA questions, rate limits and the tracking lockouts hold across processes: the portal
served by gunicorn with 4 worker processes, production settings, the default cache (CACHE_URL
locmem://, one per process) and a SQLite file (a PostgreSQL database in the PostgreSQL pass), driven over HTTP with requests sent in parallel so
that they land on different workers (the access log names the worker of each request).

  - a solved CAPTCHA replayed 8 times (from 8 addresses, so no rate limit interferes): 1 accepted;
  - 15 complaints from one address at once against 5 an hour: 5 accepted;
  - 40 wrong complaint tracking codes from one address against 10 in 15 minutes: 10 checked;
  - 80 wrong provider application codes from one address: 5 checked (5 per address and application),
    and the applicant, from another address, still finds the application;
  - a body announced as 80 MiB is refused with 413 without being sent.

Before the fix the probe measured 4 of 8 replays accepted, 15 complaints and 39 of 40 codes."""

import http.client
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest

from bench.complaints import Browser, form_fields, solve

pytestmark = [pytest.mark.slow, pytest.mark.real_clock]

ROOT = Path(__file__).resolve().parents[2]
WORKERS = 4
APPLICATION_CODE = "24681357"


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def _database(var):
    """A database of the server's own: in the PostgreSQL pass (DATABASE_URL names PostgreSQL) a new
    database beside the test database, dropped afterwards; else a SQLite file."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        yield f"sqlite:///{var / 'portal.sqlite3'}"
        return
    import psycopg

    base, _slash, name = url.rpartition("/")
    own = f"{name.split('?')[0]}_multiprocess"
    maintenance = f"{base}/postgres"  # DATABASE_URL's own database need not exist (pytest-django makes test_<name>)
    with psycopg.connect(maintenance, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{own}"')
        conn.execute(f'CREATE DATABASE "{own}"')
    try:
        yield f"{base}/{own}"
    finally:
        with psycopg.connect(maintenance, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{own}" WITH (FORCE)')


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    var = tmp_path_factory.mktemp("multiprocess")
    with _database(var) as database_url:
        yield from _serve(var, database_url)


def _serve(var, database_url):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "multiprocess-test-" + "k" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url,
        "CACHE_URL": "locmem://",
        "PORTAL_VAR_DIR": str(var),
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "OVERSIGHT_SUBMIT_RATE": "5/h",
        "OVERSIGHT_TRACK_RATE": "10/15m",
        "PYTHONUNBUFFERED": "1",
    }
    for key in ("SEARCH_ENGINE", "SEARCH_URL", "REGISTRY_SEARCH_ENGINE", "RATELIMIT_IP_META_KEY"):
        env.pop(key, None)

    def manage(*args, stdin=None):
        done = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, input=stdin
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    manage("migrate", "--noinput", "-v0")
    manage("load_reference", "--no-townships", "-v0")
    manage("collectstatic", "--noinput", "-v0")
    reference = manage(
        "shell",
        stdin=(
            "from portal.reference.models import Region\n"
            "from portal.oversight.factories import HandlingBodyFactory\n"
            "from portal.providers.factories import ApplicationFactory\n"
            "HandlingBodyFactory(region=Region.objects.get(code='330000'), name='浙江省办理机构')\n"
            f"print(ApplicationFactory(access_code='{APPLICATION_CODE}').reference)\n"
        ),
    ).split()[-1]
    port = _free_port()
    access_log = var / "access.log"
    log = open(var / "gunicorn.log", "w")
    process = subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "portal.wsgi", "-w", str(WORKERS),
         "-b", f"127.0.0.1:{port}", "--timeout", "120",
         "--access-logfile", str(access_log), "--access-logformat", '%(p)s "%(r)s" %(s)s'],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if Browser(base).request("GET", "/healthz")[0] == 200:
                break
        except OSError:
            time.sleep(0.3)
    else:
        process.kill()
        pytest.fail("gunicorn did not start: " + (var / "gunicorn.log").read_text()[-3000:])
    yield {"base": base, "access_log": access_log, "application": reference}
    process.terminate()
    process.wait(timeout=30)
    log.close()


def _workers(access_log, method, path):
    """The worker processes that served `method path` requests."""
    pattern = re.compile(rf'^<(\d+)> "{method} {re.escape(path)}\S* HTTP')
    return Counter(m.group(1) for line in access_log.read_text().splitlines() if (m := pattern.match(line)))


def _parallel(calls):
    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(lambda call: call(), calls))


def _post(base, source, path, data, cookies=None):
    browser = Browser(base, source)
    browser.cookies = dict(cookies or {})
    try:
        return browser.request("POST", path, data)[0]
    finally:
        browser.close()


def _post_held(base, source, path, data, cookies, barrier):
    """POST whose body is sent only after every caller has sent its headers and the server has had time
    to accept the connections: a sync worker blocks reading the body of the connection it accepted, so
    the held requests are spread over the workers instead of all being served by whichever worker wakes
    first (on a busy machine one worker could otherwise take all eight, one after another)."""
    parts = urlsplit(base)
    body = urlencode(data).encode()
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60, source_address=(source, 0))
    try:
        conn.putrequest("POST", path, skip_host=True, skip_accept_encoding=True)
        conn.putheader("Host", f"{parts.hostname}:{parts.port}")
        conn.putheader("Cookie", "; ".join(f"{k}={v}" for k, v in cookies.items()))
        conn.putheader("Content-Type", "application/x-www-form-urlencoded")
        conn.putheader("Content-Length", str(len(body)))
        conn.endheaders()
        barrier.wait(timeout=30)
        time.sleep(1.0)
        conn.send(body)
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def test_solved_captcha_is_accepted_once_across_workers(server):
    browser = Browser(server["base"], "127.0.1.1")
    status, _headers, page = browser.request("GET", "/oversight/complaints/new/")
    assert status == 200
    data = form_fields(page, solve(page), 1)
    cookies = dict(browser.cookies)
    barrier = threading.Barrier(8)
    statuses = _parallel(
        [lambda n=n: _post_held(server["base"], f"127.0.1.{10 + n}", "/oversight/complaints/new/", data, cookies,
                                barrier)
         for n in range(8)]
    )  # fmt: skip
    workers = _workers(server["access_log"], "POST", "/oversight/complaints/new/")
    print(f"CAPTCHA replays: {Counter(statuses)}, served by {len(workers)} workers")
    assert statuses.count(302) == 1 and statuses.count(400) == 7, statuses
    assert len(workers) > 1


def test_complaints_from_one_address_stop_at_the_limit(server):
    forms = []
    for n in range(15):
        browser = Browser(server["base"], "127.0.2.1")
        status, _headers, page = browser.request("GET", "/oversight/complaints/new/")
        assert status == 200
        forms.append((form_fields(page, solve(page), 100 + n), dict(browser.cookies)))
        browser.close()
    statuses = _parallel(
        [lambda f=f, c=c: _post(server["base"], "127.0.2.1", "/oversight/complaints/new/", f, c) for f, c in forms]
    )
    print(f"15 complaints from one address (5/h): {Counter(statuses)}")
    assert statuses.count(302) == 5 and statuses.count(429) == 10, statuses


def _csrf(base, source, path):
    browser = Browser(base, source)
    status, _headers, page = browser.request("GET", path)
    assert status == 200
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    cookies = dict(browser.cookies)
    browser.close()
    return token, cookies


def test_wrong_tracking_codes_checked_up_to_the_limit(server):
    token, cookies = _csrf(server["base"], "127.0.3.1", "/oversight/track/")
    data = {"csrfmiddlewaretoken": token, "reference": "TS-2026-000001", "access_code": "WRONG-00000"}
    barrier = threading.Barrier(40)
    statuses = _parallel(
        [lambda: _post_held(server["base"], "127.0.3.1", "/oversight/track/", data, cookies, barrier)
         for _ in range(40)]
    )  # fmt: skip
    workers = _workers(server["access_log"], "POST", "/oversight/track/")
    print(f"40 wrong complaint tracking codes (10/15m): {Counter(statuses)}, served by {len(workers)} workers")
    assert statuses.count(404) == 10 and statuses.count(429) == 30, statuses
    assert len(workers) > 1


def test_wrong_application_codes_cannot_lock_out_the_applicant(server):
    token, cookies = _csrf(server["base"], "127.0.4.1", "/providers/apply/track/")
    wrong = {"csrfmiddlewaretoken": token, "reference": server["application"], "access_code": "00000000"}
    statuses = _parallel(
        [lambda: _post(server["base"], "127.0.4.1", "/providers/apply/track/", wrong, cookies) for _ in range(80)]
    )
    print(f"80 wrong application codes from one address: {Counter(statuses)}")
    assert statuses.count(200) == 5 and statuses.count(429) == 75, statuses
    token, cookies = _csrf(server["base"], "127.0.4.2", "/providers/apply/track/")
    browser = Browser(server["base"], "127.0.4.2")
    browser.cookies = cookies
    status, _headers, page = browser.request(
        "POST", "/providers/apply/track/", {**wrong, "csrfmiddlewaretoken": token, "access_code": APPLICATION_CODE}
    )
    assert status == 200 and server["application"] in page and "当前状态" in page


def test_oversized_body_refused_before_it_is_sent(server):
    port = int(server["base"].rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
        conn.sendall(
            b"POST /oversight/complaints/new/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 83886080\r\n\r\n"
        )
        started = time.monotonic()
        answer = conn.recv(200)
    assert answer.startswith(b"HTTP/1.1 413"), answer
    assert time.monotonic() - started < 20
