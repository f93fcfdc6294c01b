"""Every main public page and form, as a person meets it: a full-page screenshot at 1280 px and at
375 px (plus 375 px in 长辈版 mode) under artifacts/screenshots/<name>-<width>[-large].png, no
horizontal scrolling at 375 px in either mode, and no serious or critical axe-core violations in
standard and large-text mode."""

import re
import urllib.parse
import urllib.request

import pytest

from .conftest import axe_violations, format_violations, horizontal_overflow, overflowing_elements, screenshot

pytestmark = pytest.mark.browser

SEARCH = "/search/?" + urllib.parse.urlencode({"q": "照料护理"})

# name -> a path, or (listing path, regex of the first detail link on it).
PAGES = {
    "home": "/",
    "notice-list": "/disclosures/notices/",
    # A demo notice, not one an editorial journey test has just published.
    "notice": ("/disclosures/notices/", r'class="notice-title"><a href="([^"]+)">(?![^<]*测试)'),
    "provider-directory": "/providers/",
    "provider": ("/providers/", r'<h3><a href="(/providers/[0-9A-Z]{18}/)"'),
    "eligibility-check": "/providers/eligibility-check/",
    "provider-application": "/providers/apply/",
    "evaluation-index": "/disclosures/evaluations/",
    "evaluation": ("/disclosures/evaluations/", r'<th scope="row"><a href="([^"]+/evaluation-[^"]+)"'),
    "capacity": "/disclosures/capacity/",
    "deadline-calculator": "/disclosures/deadlines/",
    "publicity-index": "/publicity/",
    "campaign": ("/publicity/", r'class="pub-card-title"><a href="([^"]+)"'),
    "complaint-form": "/oversight/complaints/new/",
    "media-inquiry": "/oversight/media/new/",
    "tracking": "/oversight/track/",
    "register": "/oversight/register/",
    "statistics": "/oversight/statistics/",
    "open-data": "/open-data/",
    "search": SEARCH,
    "news": "/news/",
}


# Known app bugs found by this test (exact fixes in the issue 9 browser report); strict, so the
# mark must go when the fix lands.
KNOWN_BUGS = {}  # page name -> reason, for a strict xfail while a fix is pending


def _params():
    for name in PAGES:
        marks = [pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[name])] if name in KNOWN_BUGS else []
        yield pytest.param(name, marks=marks, id=name)


@pytest.fixture(scope="session")
def page_paths(portal_server):
    """name -> path, with detail pages found through their listing (demo data is random)."""
    paths = {}
    listings = {}
    for name, spec in PAGES.items():
        if isinstance(spec, str):
            paths[name] = spec
            continue
        listing, pattern = spec
        if listing not in listings:
            with urllib.request.urlopen(portal_server.url + listing, timeout=60) as response:
                listings[listing] = response.read().decode()
        match = re.search(pattern, listings[listing])
        assert match, f"no link for {name} on {listing}"
        paths[name] = match[1]
    return paths


def _check(driver, server, path, label, problems, overflow=None):
    driver.get(server.url + path)
    status = driver.execute_script(
        "const e = performance.getEntriesByType('navigation')[0]; return e ? e.responseStatus : 200"
    )
    assert status in (200, 0), f"{label}: HTTP {status} for {path}"
    if overflow is not None:
        extra = horizontal_overflow(driver)
        if extra > 0:
            overflow[label] = f"{extra}px wider than the viewport: " + "; ".join(overflowing_elements(driver))
    violations = axe_violations(driver) if problems is not None else []
    if violations:
        problems[label] = violations


@pytest.mark.parametrize("name", list(_params()))
def test_page_screenshots_reflow_and_accessibility(
    name, page_paths, portal_server, browser, phone_browser, large_phone_browser
):
    path = page_paths[name]
    problems, overflow = {}, {}

    _check(browser, portal_server, path, f"{name} 1280px", problems)
    screenshot(browser, f"{name}-1280")

    _check(phone_browser, portal_server, path, f"{name} 375px", None, overflow)
    screenshot(phone_browser, f"{name}-375")

    _check(large_phone_browser, portal_server, path, f"{name} 375px 长辈版", problems, overflow)
    assert "mode-large" in large_phone_browser.find_element("tag name", "html").get_attribute("class")
    screenshot(large_phone_browser, f"{name}-375-large")

    report = []
    if overflow:
        report.append(f"horizontal scrolling at 375 px on {path}:")
        report.extend(f"  {label}: {text}" for label, text in overflow.items())
    if problems:
        report.append(f"axe-core serious/critical violations on {path}:")
        report.append(format_violations(problems))
    assert not report, "\n".join(report)
