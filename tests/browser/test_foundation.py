"""The portal as a person meets it: home and search in a real browser, the 长辈版 mode across pages,
keyboard access, and axe-core accessibility checks, at phone and desktop widths."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from .conftest import axe_violations, screenshot

pytestmark = pytest.mark.browser

PAGES = ["/", "/search/?q=%E7%85%A7%E6%96%99%E6%8A%A4%E7%90%86", "/news/", "/news/330100/330106/", "/guide-2/"]


def test_home_page_at_phone_and_desktop_widths(portal_server, browser, phone_browser):
    for driver, width in ((phone_browser, 375), (browser, 1280)):
        driver.get(portal_server.url + "/")
        assert driver.find_element(By.TAG_NAME, "h1").text == "政府购买社会救助服务信息公开"
        # Nothing overflows horizontally at 375 px (WCAG 1.4.10 reflow).
        overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"horizontal overflow of {overflow}px at {width}px"
        screenshot(driver, f"home-{width}")


def test_search_from_the_home_page(portal_server, browser):
    browser.get(portal_server.url + "/")
    box = browser.find_element(By.ID, "hero-q")
    box.send_keys("社会救助")
    box.send_keys(Keys.ENTER)
    assert "/search/" in browser.current_url
    count = browser.find_element(By.CSS_SELECTOR, ".result-count").text
    assert count.startswith("找到") and not count.startswith("找到 0")
    assert browser.find_elements(By.CSS_SELECTOR, ".search-results mark")
    screenshot(browser, "search-1280")


def test_large_text_mode_persists_across_pages(portal_server, browser):
    browser.get(portal_server.url + "/")
    base_size = browser.execute_script("return parseFloat(getComputedStyle(document.body).fontSize)")
    browser.find_element(By.LINK_TEXT, "长辈版").click()
    assert "mode-large" in browser.find_element(By.TAG_NAME, "html").get_attribute("class")
    browser.find_element(By.LINK_TEXT, "工作动态").click()
    assert browser.current_url.endswith("/news/")
    assert "mode-large" in browser.find_element(By.TAG_NAME, "html").get_attribute("class")
    large_size = browser.execute_script("return parseFloat(getComputedStyle(document.body).fontSize)")
    assert large_size >= base_size * 1.3
    screenshot(browser, "news-1280-large")
    browser.find_element(By.LINK_TEXT, "标准版").click()
    assert "mode-large" not in (browser.find_element(By.TAG_NAME, "html").get_attribute("class") or "")


def test_keyboard_first_stop_is_the_skip_link(portal_server, browser):
    browser.get(portal_server.url + "/")
    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    active = browser.switch_to.active_element
    assert active.get_attribute("class") == "skip-link"
    assert active.is_displayed()
    active.send_keys(Keys.ENTER)
    assert browser.switch_to.active_element.get_attribute("id") == "main"


@pytest.mark.parametrize("large", [False, True], ids=["standard", "large"])
def test_no_serious_accessibility_violations(portal_server, browser, large):
    mode = "large" if large else "standard"
    browser.get(f"{portal_server.url}/display/{mode}/?next=/")
    problems = {}
    for path in PAGES:
        browser.get(portal_server.url + path)
        violations = axe_violations(browser)
        if violations:
            problems[path] = violations
    assert problems == {}


def test_axe_reports_real_violations(portal_server, browser):
    """The checker itself works: a page with an unlabelled field and low-contrast text fails it."""
    browser.get(portal_server.url + "/")
    browser.execute_script(
        "document.querySelector('main').insertAdjacentHTML('beforeend',"
        " '<input type=text id=bad><p style=\"color:#bbb;background:#fff\">浅色文字</p>');"
    )
    ids = {v["id"] for v in axe_violations(browser)}
    assert "label" in ids or "color-contrast" in ids
