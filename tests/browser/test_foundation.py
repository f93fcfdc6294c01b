"""The foundation as a person meets it: search from the home page, the section and region folder
pages in both display modes, and a check that the axe-core checker itself reports violations.
(Main pages and forms: test_pages.py; journeys: test_*_journeys.py, test_editorial_journey.py.)"""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from .conftest import axe_violations, format_violations, navigate_by, set_display_mode

pytestmark = pytest.mark.browser

FOLDER_PAGES = ["/news/330100/", "/news/330100/330106/", "/policies/"]


def test_search_from_the_home_page(portal_server, browser):
    browser.get(portal_server.url + "/")
    box = browser.find_element(By.ID, "hero-q")
    box.send_keys("社会救助")
    # Wait for the results page: asserting right after ENTER raced the navigation (failed once in CI).
    navigate_by(browser, lambda: box.send_keys(Keys.ENTER))
    assert "/search/" in browser.current_url
    count = browser.find_element(By.CSS_SELECTOR, ".result-count").text
    assert count.startswith("找到") and not count.startswith("找到 0")
    assert browser.find_elements(By.CSS_SELECTOR, ".search-results mark")


@pytest.mark.parametrize("mode", ["standard", "large"])
def test_section_and_region_folder_pages_have_no_serious_violations(portal_server, browser, mode):
    set_display_mode(browser, portal_server, mode)
    problems = {}
    for path in FOLDER_PAGES:
        browser.get(portal_server.url + path)
        assert browser.find_element(By.TAG_NAME, "h1").text
        violations = axe_violations(browser)
        if violations:
            problems[f"{path} ({mode})"] = violations
    assert not problems, format_violations(problems)


def test_axe_reports_real_violations(portal_server, browser):
    """The checker itself works: a page with an unlabelled field and low-contrast text fails it."""
    browser.get(portal_server.url + "/")
    browser.execute_script(
        "document.querySelector('main').insertAdjacentHTML('beforeend',"
        " '<input type=text id=bad><p style=\"color:#bbb;background:#fff\">浅色文字</p>');"
    )
    ids = {v["id"] for v in axe_violations(browser)}
    assert "label" in ids or "color-contrast" in ids
