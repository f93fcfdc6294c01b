"""The clock tier: the demo seeded and served with the machine's clock set to other days by
`faketime` (Debian's libfaketime, for the server and for the client alike), around public holidays
and in years without official calendar data (2027, 2028). On each day:

- `seed_demo --size small` succeeds (every notice passes the rules at its date);
- every public page type answers 200: the fixed pages tests/clock/portal_check.py lists, and one or
  two live pages of every page type with the notices' PDFs and the campaigns' printables;
- the deadline calculator and API compute on the weekday rule and say so in years without data;
- a complaint and a media inquiry are submitted (CAPTCHA solved) and tracked; the complaint gets an
  answer deadline, marked unofficial when it falls in such a year;
- a provider prefills the eligibility self-check from the registry and submits it;
- a county editor submits an intention notice and a correction in the admin, the city reviewer
  approves both, and they are public;
- the administrators' commands run: refresh_provider_status, send_queued_mail, setup_roles,
  import_providers (the directory's export, dry run), load_holidays (next year, dry run).

One database is migrated and loaded with reference data once (that does not depend on the date);
each day seeds a copy of it. In CI the tier fails if faketime is missing; locally it skips."""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import IN_CI

pytestmark = [pytest.mark.clock, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
CHECK = Path(__file__).with_name("portal_check.py")
FAKETIME = shutil.which("faketime")
DAYS = [
    "2026-12-02",  # the day fixed offsets put the demo's intention notice too late (the report of issue 14)
    "2026-09-30",  # eve of the National Day holiday: calls whose periods cross it
    "2026-10-05",  # inside the holiday
    "2027-01-04",  # first working day of a year without official data
    "2027-02-10",  # the weeks of Spring Festival 2027, counted on the weekday rule
    "2028-02-29",  # a leap day, two years out
]
SETUP = """
import json
from django.contrib.auth import get_user_model
from portal.disclosures.models import ProcurementProjectPage, Stage
User = get_user_model()
for name in ("xihu_editor", "hangzhou_reviewer"):
    user = User.objects.get(username=name)
    user.set_password("clock-check-pw")
    user.save()
projects = ProcurementProjectPage.objects.live().filter(region__code="330106").order_by("pk")
open_projects = [p for p in projects if p.stage() == Stage.OPEN and p.method in ("open_tender", "invited_tender")]
project = projects.first()
# One or two live public pages of every page type, with each notice's PDF and each campaign's
# printables: what a visitor can reach on the day.
from wagtail.models import Page
from portal.providers.models import Provider
pages = []
live = Page.objects.live().public().filter(depth__gt=1)
for content_type in sorted(set(live.values_list("content_type", flat=True))):
    for page in live.filter(content_type=content_type).order_by("-pk")[:2]:
        page = page.specific
        pages.append(page.url)
        if page.specific_class.__name__ == "NoticePage":
            pages.append(page.url + "pdf/")
        if hasattr(page, "printable_url_leaflet"):
            pages += [page.printable_url_leaflet, page.printable_url_poster]
provider = (
    Provider.objects.filter(registered_on__isnull=False).order_by("pk").first() or Provider.objects.order_by("pk").first()
)
print(json.dumps({
    "editor": "xihu_editor", "reviewer": "hangzhou_reviewer", "password": "clock-check-pw",
    "project": project.pk, "project_url": project.url,
    "open_project": (open_projects or [project])[0].pk,
    "pages": pages, "provider_code": provider.credit_code,
}))
"""


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(var):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "PORTAL_VAR_DIR": str(var),
        "DATABASE_URL": f"sqlite:///{var / 'portal.sqlite3'}",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    env.pop("SEARCH_ENGINE", None)
    return env


def _at(day):
    """The command prefix that runs a program with the clock starting at 10:00 on `day`."""
    return [FAKETIME, "-f", f"@{day} 10:00:00"]


def _run(args, env, timeout=900, day=None, stdin=None):
    done = subprocess.run(
        (_at(day) if day else []) + args,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        input=stdin,
    )
    if done.returncode:
        raise AssertionError(
            f"{' '.join(args)} failed ({done.returncode}):\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}"
        )
    return done.stdout


@pytest.fixture(scope="module")
def template_db(tmp_path_factory):
    if FAKETIME is None:
        if IN_CI:
            pytest.fail("faketime is not installed (scripts/system-deps.sh installs it)")
        pytest.skip("faketime is not installed")
    var = tmp_path_factory.mktemp("clock-template")
    env = _env(var)
    _run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], env)
    _run([sys.executable, "manage.py", "load_reference"], env)
    return var / "portal.sqlite3"


@pytest.fixture
def served(template_db, tmp_path, request):
    """The demo seeded at `request.param` (a day) and served by runserver under faketime."""
    day = request.param
    shutil.copy(template_db, tmp_path / "portal.sqlite3")
    env = _env(tmp_path)
    started = time.monotonic()
    seeded = _run(
        [sys.executable, "manage.py", "seed_demo", "--size", "small", "--no-progress", "--skip-reference"], env, day=day
    )
    seconds = time.monotonic() - started
    setup = _run([sys.executable, "manage.py", "shell"], env, day=day, stdin=SETUP).strip().splitlines()[-1]
    port = _free_port()
    log = open(tmp_path / "server.log", "w")
    server = subprocess.Popen(
        _at(day) + [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    for _attempt in range(150):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=2)
            break
        except OSError:
            time.sleep(0.2)
    else:
        os.killpg(server.pid, signal.SIGTERM)
        pytest.fail("portal did not start: " + (tmp_path / "server.log").read_text()[-2000:])
    yield {"day": day, "base": base, "setup": setup, "env": env, "seeded": seeded, "seed_seconds": seconds}
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=20)
    log.close()
    server_log = (tmp_path / "server.log").read_text()
    assert "Traceback" not in server_log, server_log[-4000:]


@pytest.mark.parametrize("served", DAYS, indirect=True)
def test_demo_seeds_serves_and_works_on_the_day(served, tmp_path):
    day = served["day"]
    assert "demo data ready" in served["seeded"]
    out = _run([sys.executable, str(CHECK), served["base"], served["setup"]], served["env"], day=day, timeout=600)
    report = json.loads(out.strip().splitlines()[-1])
    assert report["today"] == day, "faketime did not set the client's clock"
    steps = {s["step"]: s for s in report["steps"]}
    failed = [s for s in report["steps"] if not s["ok"]]
    print(f"{day}: seeded in {served['seed_seconds']:.0f} s, {len(steps)} steps, {len(failed)} failed")
    assert not failed, json.dumps(failed, ensure_ascii=False, indent=1)
    unofficial_year = int(day[:4]) >= 2027
    assert steps["deadline calculator"]["unofficial"] == unofficial_year
    assert steps["deadlines API"]["official"] is (not unofficial_year)
    complaint = steps["complaint submitted"]
    assert complaint["reference"].startswith(f"TS-{day[:4]}-")
    assert complaint["unofficial_note"] == unofficial_year, complaint
    # Editors are warned when the notice's period reaches a year without official data: from
    # 2026-12-02 the planned start 45 days later falls in January 2027.
    intention = steps["notice submitted for review (intention)"]
    assert bool(intention["warnings"]) == (int(intention["planned_start"][:4]) >= 2027), intention
    assert steps["every page type answers"]["pages"] >= 20, steps["every page type answers"]
    _commands_work_on_the_day(served, tmp_path)


def _commands_work_on_the_day(served, tmp_path):
    """The management commands an administrator or a timer runs, on the day: the periodic jobs,
    the roles set-up after an upgrade, a provider import (the directory's own export, dry run) and
    a year's holiday schedule (dry run)."""
    day, env = served["day"], served["env"]
    _run([sys.executable, "manage.py", "refresh_provider_status"], env, day=day)
    _run([sys.executable, "manage.py", "send_queued_mail"], env, day=day)
    _run([sys.executable, "manage.py", "setup_roles"], env, day=day)
    export = tmp_path / "providers.csv"
    with urllib.request.urlopen(served["base"] + "/providers/export.csv", timeout=60) as response:
        export.write_bytes(response.read())
    out = _run(
        [sys.executable, "manage.py", "import_providers", str(export), "--dry-run", "--no-progress"], env, day=day
    )
    assert "将新增 0 家" in out and "将更新" in out, out  # every exported row re-imports, on the day
    year = int(day[:4]) + 1
    schedule = tmp_path / "holidays.csv"
    schedule.write_text(f"date,kind,name\n{year}-01-01,休,元旦\n", encoding="utf-8")
    _run([sys.executable, "manage.py", "load_holidays", str(year), str(schedule), "--dry-run"], env, day=day)
