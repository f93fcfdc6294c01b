"""End-to-end fixtures: a real portal server (runserver on a throw-away SQLite database seeded with
the small demo data) and headless Debian Chromium driven by Selenium. The server is a separate
process, so these tests never touch pytest's test database.

One server and three browsers (1280 px, 375 px, and 375 px in 长辈版 mode) serve the whole session;
each test starts from a clean cookie jar (display mode cookies are set again where needed).

Without Chromium or chromedriver the tests skip locally and fail in CI.

While writing tests, `PORTAL_E2E_URL=http://127.0.0.1:8000` reuses a portal you started yourself
(seeded with `seed_demo --size small`; `manage()` then runs with your own environment)."""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts" / "screenshots"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def _unavailable(reason):
    if IN_CI:
        pytest.fail(f"browser tests cannot run in CI: {reason}")
    pytest.skip(reason)


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _manager(env):
    def manage(*args, check=True):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=check,
            timeout=900,
        )

    return manage


class Server:
    """The running portal: `url` (no trailing slash) and `manage(*args)` on its database."""

    def __init__(self, url, manage):
        self.url = url
        self.manage = manage

    def shell(self, code):
        """Run Python in `manage.py shell` against the server's database; return its stdout."""
        done = self.manage("shell", "-c", code, check=False)
        if done.returncode:
            raise AssertionError(f"manage.py shell failed:\n{code}\n{done.stderr[-3000:]}")
        return done.stdout.strip()


@pytest.fixture(scope="session")
def portal_server(tmp_path_factory):
    """The portal with demo data, served for the whole session."""
    external = os.environ.get("PORTAL_E2E_URL")
    if external:
        yield Server(external.rstrip("/"), _manager(dict(os.environ)))
        return
    var = tmp_path_factory.mktemp("e2e")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "PORTAL_VAR_DIR": str(var),
        "DATABASE_URL": f"sqlite:///{var / 'e2e.sqlite3'}",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    env.pop("SEARCH_ENGINE", None)
    manage = _manager(env)
    manage("migrate", "--noinput", "-v0")
    manage("seed_demo", "--size", "small", "--no-progress")
    port = _free_port()
    # Printed URLs and QR codes lead to this server (the site record and the setting).
    env["PORTAL_BASE_URL"] = f"http://127.0.0.1:{port}"
    manage("sync_site")
    log = open(var / "server.log", "w")
    # Threaded: a single-threaded server stalls whenever one browser holds an idle (pre)connection.
    proc = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=2)
            break
        except OSError:
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("portal server did not start: " + (var / "server.log").read_text()[-2000:])
    yield Server(base, manage)
    proc.terminate()
    proc.wait(timeout=10)
    log.close()


def _driver(width, height=1000):
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        _unavailable("Debian chromium and chromium-driver are not installed (scripts/system-deps.sh)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        f"--window-size={width},{height}",
        "--lang=zh-CN",
    ):
        options.add_argument(arg)
    # As a Chinese visitor's browser asks (headless Chromium sends en-US whatever --lang says): the
    # pages are then rendered in zh-hans, with its formats (dates in forms were wrong only there).
    options.add_experimental_option("prefs", {"intl.accept_languages": "zh-CN,zh"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    driver.set_script_timeout(60)
    driver.base_size = (width, height)
    return driver


class _Drivers:
    """Session-wide browsers, started on first use and quit at the end of the session."""

    def __init__(self):
        self.drivers = {}

    def get(self, name, width, height):
        if name not in self.drivers:
            self.drivers[name] = _driver(width, height)
        driver = self.drivers[name]
        driver.set_window_size(width, height)
        driver.delete_all_cookies()
        return driver

    def quit(self):
        for driver in self.drivers.values():
            driver.quit()


@pytest.fixture(scope="session")
def _drivers():
    drivers = _Drivers()
    yield drivers
    drivers.quit()


@pytest.fixture
def browser(_drivers, portal_server):
    """Desktop Chromium (1280 px), standard display mode, no cookies."""
    driver = _drivers.get("desktop", 1280, 1000)
    driver.get(portal_server.url + "/healthz")
    driver.delete_all_cookies()
    return driver


@pytest.fixture
def phone_browser(_drivers, portal_server):
    """Phone-sized Chromium (375 px), standard display mode, no cookies."""
    driver = _drivers.get("phone", 375, 800)
    driver.get(portal_server.url + "/healthz")
    driver.delete_all_cookies()
    return driver


@pytest.fixture
def large_phone_browser(_drivers, portal_server):
    """Phone-sized Chromium (375 px) in 长辈版 (large-text) mode."""
    driver = _drivers.get("large-phone", 375, 800)
    driver.get(portal_server.url + "/healthz")
    driver.delete_all_cookies()
    set_display_mode(driver, portal_server, "large")
    return driver


def set_display_mode(driver, server, mode):
    """Switch 长辈版 on ("large") or off ("standard") through the portal's own toggle URL."""
    driver.get(f"{server.url}/display/{mode}/?next=/")
    large = "mode-large" in (driver.find_element("tag name", "html").get_attribute("class") or "")
    assert large == (mode == "large"), f"display mode {mode} was not applied"


def navigate_by(driver, action, timeout=60):
    """Run `action()` (a click, ENTER in a form) and wait until the browser has loaded the next page."""
    from selenium.webdriver.support.ui import WebDriverWait

    old = driver.find_element("tag name", "html")
    action()
    WebDriverWait(driver, timeout).until(_replaced(old))
    WebDriverWait(driver, timeout).until(lambda d: d.execute_script("return document.readyState") == "complete")


def _replaced(element):
    """Like EC.staleness_of, also when ChromeDriver, asked about the old page's node while the next
    page loads, answers "Node with given id does not belong to the document" (an inspector error,
    not a stale reference; it failed one CI run)."""
    from selenium.common.exceptions import StaleElementReferenceException, WebDriverException

    def gone(_driver):
        try:
            element.is_enabled()
        except StaleElementReferenceException:
            return True
        except WebDriverException as error:
            if "does not belong to the document" in str(error) or "No node with given id" in str(error):
                return True
            raise
        return False

    return gone


def screenshot(driver, name):
    """Full-page screenshot written to artifacts/screenshots/<name>.png; the window size is restored."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    height = driver.execute_script("return document.documentElement.scrollHeight")
    width, base_height = getattr(driver, "base_size", (None, None))
    if width is None:
        width = driver.execute_script("return window.innerWidth")
    driver.set_window_size(width, min(max(height, 600), 6000))
    path = ARTIFACTS / f"{name}.png"
    driver.save_screenshot(str(path))
    if base_height:
        driver.set_window_size(width, base_height)
    return path


def horizontal_overflow(driver):
    """How many CSS pixels the page is wider than the viewport (0 or less: no horizontal scrolling)."""
    return driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")


def overflowing_elements(driver, limit=5):
    """Descriptions of the outermost elements that stick out to the right of the viewport."""
    return driver.execute_script(
        """
        const width = document.documentElement.clientWidth, found = [];
        const describe = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
            + (typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\\s+/).join('.') : '');
        for (const e of document.body.querySelectorAll('*')) {
            const r = e.getBoundingClientRect();
            if (r.right > width + 1 && r.width > 0 && !found.some(f => f.el.contains(e))) {
                found.push({el: e, text: describe(e) + ' (right edge ' + Math.round(r.right) + 'px, width ' + Math.round(r.width) + 'px)'});
            }
        }
        return found.slice(0, arguments[0]).map(f => f.text);
        """,
        limit,
    )


def axe_violations(driver, impacts=("serious", "critical")):
    """Run axe-core (WCAG 2.x A/AA rules) in the page; return the violations of the given impacts."""
    if not AXE.exists():
        _unavailable("axe-core is not installed (npm ci)")
    driver.execute_script(AXE.read_text())
    result = driver.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})
           .then(r => done(JSON.stringify(r.violations)))
           .catch(e => done(JSON.stringify([{id: 'axe-error', impact: 'critical', description: String(e), nodes: []}])));
        """,
        AXE_TAGS,
    )
    violations = json.loads(result)
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v.get("help", v.get("description")),
            "targets": [n["target"] for n in v["nodes"]][:5],
            "summary": (v["nodes"][0].get("failureSummary", "") if v["nodes"] else "")[:300],
        }
        for v in violations
        if v["impact"] in impacts
    ]


def format_violations(problems):
    """Readable text for {label: [violation, ...]}, for assertion messages."""
    lines = []
    for label, violations in problems.items():
        lines.append(f"{label}:")
        for v in violations:
            lines.append(f"  [{v['impact']}] {v['id']}: {v['help']}")
            for target in v["targets"]:
                lines.append(f"      at {target}")
            if v.get("summary"):
                lines.append("      " + v["summary"].replace("\n", "\n      "))
    return "\n".join(lines)


def assert_no_axe_violations(driver, label):
    violations = axe_violations(driver)
    assert not violations, "axe-core found serious/critical violations\n" + format_violations({label: violations})
