"""Journeys of the public in a real browser: filtering notices and downloading a notice's PDF, a
provider's eligibility self-check (and a suspended or exited provider failing it), and the 长辈版
mode persisting across pages."""

import urllib.request

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from .conftest import assert_no_axe_violations, navigate_by

pytestmark = pytest.mark.browser


def test_public_filters_notices_opens_one_and_downloads_its_pdf(portal_server, browser):
    browser.get(portal_server.url + "/disclosures/notices/")
    total = int("".join(c for c in browser.find_element(By.ID, "results-title").text if c.isdigit()))

    form = browser.find_element(By.CSS_SELECTOR, "form.filter-form")
    Select(form.find_element(By.ID, "id_region")).select_by_visible_text("杭州市")
    Select(form.find_element(By.ID, "id_kind")).select_by_value("tender")
    navigate_by(browser, form.find_element(By.CSS_SELECTOR, "button[type=submit]").click)

    assert "region=330100" in browser.current_url and "kind=tender" in browser.current_url
    # The form shows the filters it applied.
    assert Select(browser.find_element(By.ID, "id_region")).first_selected_option.text == "杭州市"
    filtered = int("".join(c for c in browser.find_element(By.ID, "results-title").text if c.isdigit()))
    assert 0 < filtered < total
    items = browser.find_elements(By.CSS_SELECTOR, ".notice-list .notice-item")
    assert items
    for item in items:
        link = item.find_element(By.CSS_SELECTOR, ".notice-title a")
        # Notice URLs carry the city and county codes: every result is in Hangzhou.
        assert "/disclosures/330100/" in link.get_attribute("href")
        assert item.find_elements(By.CSS_SELECTOR, ".tag-tender"), item.text

    first = items[0].find_element(By.CSS_SELECTOR, ".notice-title a")
    title = first.text
    navigate_by(browser, first.click)
    assert browser.find_element(By.TAG_NAME, "h1").text == title

    pdf_link = browser.find_element(By.XPATH, "//a[contains(@href, '/pdf/')]")
    href = pdf_link.get_attribute("href")
    with urllib.request.urlopen(href, timeout=120) as response:
        assert response.status == 200
        assert response.headers.get_content_type() == "application/pdf"
        assert response.read(5) == b"%PDF-"


def _fill_self_check(driver, *, provider_type="social_org", registered="2015-03-01"):
    Select(driver.find_element(By.ID, "id_provider_type")).select_by_value(provider_type)
    date_input = driver.find_element(By.ID, "id_registered_on")
    date_input.send_keys(registered.replace("-", ""))
    if date_input.get_attribute("value") != registered:  # locale-dependent typing order
        driver.execute_script("arguments[0].value = arguments[1]", date_input, registered)
    Select(driver.find_element(By.ID, "id_region")).select_by_visible_text("杭州市西湖区")
    Select(driver.find_element(By.ID, "id_target_region")).select_by_visible_text("杭州市西湖区")
    driver.find_element(By.CSS_SELECTOR, "label[for=id_service_items_8]").click()  # 照料护理
    for name, value in (("staff_count", "25"), ("social_worker_count", "8")):
        field = driver.find_element(By.ID, f"id_{name}")
        field.clear()
        field.send_keys(value)
    for name in ("civil_liability", "facilities", "governance", "finance", "financial_report"):
        driver.find_element(By.CSS_SELECTOR, f"input[name={name}][value=yes]").click()
    driver.find_element(By.CSS_SELECTOR, "input[name=restricted][value=no]").click()


def test_provider_runs_the_eligibility_self_check(portal_server, browser):
    browser.get(portal_server.url + "/providers/eligibility-check/")
    _fill_self_check(browser)
    navigate_by(browser, browser.find_element(By.XPATH, "//button[normalize-space()='开始自查']").click)

    verdict = browser.find_element(By.CSS_SELECTOR, ".result-box")
    assert "result-eligible" in verdict.get_attribute("class"), verdict.text
    assert verdict.find_element(By.ID, "result-title").text == "自查结果：符合条件"
    # The answers are kept in the form below the verdict.
    assert browser.find_element(By.ID, "id_staff_count").get_attribute("value") == "25"
    assert_no_axe_violations(browser, "eligibility check with a verdict")


def test_suspended_or_exited_provider_fails_the_self_check(portal_server, browser):
    found = portal_server.shell(
        "from portal.providers.models import Provider\n"
        "p = Provider.objects.filter(status__in=['suspended', 'exited']).order_by('credit_code').first()\n"
        "print(p.credit_code, p.get_status_display(), p.name, sep='|')"
    )
    code, status_label, name = found.splitlines()[-1].split("|")

    browser.get(portal_server.url + "/providers/eligibility-check/")
    # Prefill from the directory, then answer the rest as an applicant who says all is well.
    browser.find_element(By.ID, "id_code").send_keys(code)
    navigate_by(browser, browser.find_element(By.XPATH, "//button[normalize-space()='预填']").click)
    assert browser.find_element(By.ID, "id_credit_code").get_attribute("value") == code
    _fill_self_check(browser)
    navigate_by(browser, browser.find_element(By.XPATH, "//button[normalize-space()='开始自查']").click)

    verdict = browser.find_element(By.CSS_SELECTOR, ".result-box")
    assert "result-ineligible" in verdict.get_attribute("class"), verdict.text
    assert name in verdict.text
    unmet = verdict.find_element(By.CSS_SELECTOR, "ol.unmet").text
    assert status_label in unmet or "暂停" in unmet or "退出" in unmet, unmet


def test_large_text_mode_persists_across_pages(portal_server, browser):
    browser.get(portal_server.url + "/")
    html = browser.find_element(By.TAG_NAME, "html")
    base_size = browser.execute_script("return parseFloat(getComputedStyle(document.body).fontSize)")
    assert "mode-large" not in (html.get_attribute("class") or "")
    navigate_by(browser, browser.find_element(By.LINK_TEXT, "长辈版").click)
    assert "mode-large" in browser.find_element(By.TAG_NAME, "html").get_attribute("class")

    for link_text, path in (
        ("采购公告", "/disclosures/notices/"),
        ("承接主体", "/providers/"),
        ("政策宣传", "/publicity/"),
    ):
        nav = browser.find_element(By.CSS_SELECTOR, "nav.site-nav")
        navigate_by(browser, nav.find_element(By.LINK_TEXT, link_text).click)
        assert browser.current_url.endswith(path), browser.current_url
        assert "mode-large" in browser.find_element(By.TAG_NAME, "html").get_attribute("class"), path
        size = browser.execute_script("return parseFloat(getComputedStyle(document.body).fontSize)")
        assert size >= base_size * 1.3, (path, size, base_size)

    navigate_by(browser, browser.find_element(By.LINK_TEXT, "标准版").click)
    assert "mode-large" not in (browser.find_element(By.TAG_NAME, "html").get_attribute("class") or "")
    browser.get(portal_server.url + "/providers/")
    assert "mode-large" not in (browser.find_element(By.TAG_NAME, "html").get_attribute("class") or "")
    size = browser.execute_script("return parseFloat(getComputedStyle(document.body).fontSize)")
    assert size == base_size
