"""Phones and conventions, as a person meets them in Chromium at 320, 375 and 1280 px (standard and
长辈版): results before filters, no sideways scrolling, no squeezed table columns, the whole
navigation, numbered pagination, 全部/请选择 in selects, a short statistics page, ended campaigns
marked, the footer's identifiers, a favicon, placeholders not cut; and every public form with a
date filled and submitted (ISO values in <input type="date">).

Screenshots at 375 and 1280 px of every page concerned go to artifacts/screenshots/publicui/."""

import re
import urllib.parse
import urllib.request

import pytest
from selenium.webdriver.common.by import By

from .conftest import ARTIFACTS, horizontal_overflow, navigate_by, overflowing_elements, screenshot, set_display_mode
from .test_citizen_journeys import captcha_answer

pytestmark = pytest.mark.browser

SHOTS = "publicui"
# name -> (path, first result, filters heading, where the filters stand on a wide screen)
LISTINGS = {
    "notice-list": ("/disclosures/notices/", ".notice-list > li", "#filter-title", "left"),
    "evaluation-list": ("/disclosures/evaluations/", ".listing-results tbody tr", "#filter-title", "left"),
    "provider-directory": ("/providers/", ".provider-list > li", "#facets-title", "left"),
    "campaign-list": ("/publicity/", ".pub-card-grid > li", "#pub-filters-title", "above"),
    "complaint-register": ("/oversight/register/", ".ov-register > li", "#register-filters", "above"),
}
WIDE_TABLES = {
    "evaluation-list": "/disclosures/evaluations/",
    "deadline-calculator": "/disclosures/deadlines/",
    "statistics": "/oversight/statistics/",
    "capacity": "/disclosures/capacity/",
    "capacity-county": "/disclosures/capacity/?region=330106",
}
# Every page a phone user is likely to open (the layout rules hold on all of them).
PAGES = [
    "/",
    "/disclosures/notices/",
    "/disclosures/evaluations/",
    "/disclosures/deadlines/",
    "/disclosures/capacity/",
    "/providers/",
    "/providers/eligibility-check/",
    "/providers/apply/",
    "/publicity/",
    "/oversight/complaints/new/",
    "/oversight/track/",
    "/oversight/register/",
    "/oversight/statistics/",
    "/open-data/",
    "/search/?" + urllib.parse.urlencode({"q": "照料护理"}),
]


@pytest.fixture
def tiny_phone_browser(_drivers, portal_server):
    """The narrowest phone the portal supports (320 px)."""
    driver = _drivers.get("phone-320", 320, 800)
    driver.get(portal_server.url + "/healthz")
    driver.delete_all_cookies()
    return driver


def shot(driver, name):
    (ARTIFACTS / SHOTS).mkdir(parents=True, exist_ok=True)
    return screenshot(driver, f"{SHOTS}/{name}")


def top(driver, selector):
    return driver.execute_script(
        "const e = document.querySelector(arguments[0]); return e ? e.getBoundingClientRect().top + scrollY : null",
        selector,
    )


def rect(driver, selector):
    return driver.execute_script(
        "const r = document.querySelector(arguments[0]).getBoundingClientRect();"
        "return {left: r.left, right: r.right, top: r.top + scrollY, width: r.width};",
        selector,
    )


SQUEEZED_CELLS = """
// Visible table cells narrower than 4 characters whose text needs more room than that (it wraps
// into a column of one to three characters): the defect of wide tables on phones.
const found = [];
const ctx = document.createElement('canvas').getContext('2d');
for (const cell of document.querySelectorAll('td, th')) {
  if (!cell.offsetParent) continue;
  const cs = getComputedStyle(cell);
  if (cs.display !== 'table-cell') continue;
  const size = parseFloat(cs.fontSize);
  const inner = cell.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
  ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
  const text = (cell.innerText || '').trim().split(/\\s+/).sort((a, b) => b.length - a.length)[0] || '';
  if (inner < 4 * size && ctx.measureText(text).width > inner + 1) {
    found.push(`${text.slice(0, 12)} (${(inner / size).toFixed(1)} characters wide)`);
  }
}
return found.slice(0, 8);
"""

CUT_PLACEHOLDERS = """
// Inputs whose placeholder does not fit: put it in as a value and see whether the text scrolls.
const cut = [];
for (const input of document.querySelectorAll('input[placeholder]')) {
  if (!input.offsetParent) continue;
  const value = input.value;
  input.value = input.placeholder;
  if (input.scrollWidth > input.clientWidth) cut.push(`#${input.id}: ${input.placeholder}`);
  input.value = value;
}
return cut;
"""


def _phones(phone_browser, large_phone_browser, tiny_phone_browser):
    return {"375": phone_browser, "375-large": large_phone_browser, "320": tiny_phone_browser}


# -- results first -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(LISTINGS))
def test_results_come_before_the_filters_on_phones(name, portal_server, phone_browser, large_phone_browser, browser):
    path, first_result, filters, wide = LISTINGS[name]
    for label, driver in (("375", phone_browser), ("375-large", large_phone_browser)):
        driver.get(portal_server.url + path)
        result_top, filter_top = top(driver, first_result), top(driver, filters)
        assert result_top is not None and filter_top is not None, (name, label)
        assert result_top < filter_top, f"{name} at {label}: first result at {result_top}px, filters at {filter_top}px"
        # A jump link leads to the filters.
        link = driver.find_element(By.CSS_SELECTOR, f'a[href="{filters}"]')
        assert link.is_displayed() and top(driver, f'a[href="{filters}"]') < result_top + 400
        if label == "375":
            shot(driver, f"{name}-375")
    # On a wide screen the filters stand beside the results, on the left (or, short, above them).
    browser.get(portal_server.url + path)
    filter_box, results = rect(browser, filters), rect(browser, first_result)
    if wide == "left":
        assert filter_box["right"] <= results["left"], (filter_box, results)
        assert abs(top(browser, filters) - top(browser, first_result)) < 250
    else:
        assert top(browser, filters) < top(browser, first_result)
    shot(browser, f"{name}-1280")


# -- no sideways scrolling, placeholders whole --------------------------------------------------


def test_no_sideways_scrolling_and_no_cut_placeholders_at_320_and_375(
    portal_server, phone_browser, large_phone_browser, tiny_phone_browser, _drivers
):
    tiny_large = _drivers.get("phone-320-large", 320, 800)
    set_display_mode(tiny_large, portal_server, "large")
    drivers = {**_phones(phone_browser, large_phone_browser, tiny_phone_browser), "320-large": tiny_large}
    drivers["375-large"].get(portal_server.url + "/")
    problems = []
    for label, driver in drivers.items():
        for path in PAGES:
            driver.get(portal_server.url + path)
            extra = horizontal_overflow(driver)
            if extra > 0:
                problems.append(f"{label} {path}: {extra}px too wide: {'; '.join(overflowing_elements(driver))}")
            cut = driver.execute_script(CUT_PLACEHOLDERS)
            if cut:
                problems.append(f"{label} {path}: placeholder cut: {cut}")
    assert not problems, "\n".join(problems)
    drivers["375-large"].get(portal_server.url + "/providers/")
    shot(drivers["375-large"], "provider-directory-375-large")
    drivers["320-large"].get(portal_server.url + "/")
    shot(drivers["320-large"], "home-320-large")


# -- wide tables --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(WIDE_TABLES))
def test_wide_tables_have_no_squeezed_columns(name, portal_server, phone_browser, tiny_phone_browser, browser):
    path = WIDE_TABLES[name]
    problems = {}
    for label, driver in (("375", phone_browser), ("320", tiny_phone_browser), ("1280", browser)):
        driver.get(portal_server.url + path)
        driver.execute_script("document.querySelectorAll('details').forEach(d => d.open = true)")
        assert driver.find_elements(By.CSS_SELECTOR, "main table"), f"no table on {path}"
        squeezed = driver.execute_script(SQUEEZED_CELLS)
        if squeezed:
            problems[label] = squeezed
        if label in ("375", "1280"):
            shot(driver, f"{name}-{label}")
    assert not problems, f"squeezed table columns on {path}: {problems}"


# -- navigation ---------------------------------------------------------------------------------


def test_the_whole_navigation_is_visible_on_phones(
    portal_server, phone_browser, large_phone_browser, tiny_phone_browser
):
    for label, driver in _phones(phone_browser, large_phone_browser, tiny_phone_browser).items():
        driver.get(portal_server.url + "/oversight/statistics/")
        width = driver.execute_script("return document.documentElement.clientWidth")
        links = driver.find_elements(By.CSS_SELECTOR, "nav.site-nav a")
        assert len(links) >= 7
        for link in links:
            box = driver.execute_script(
                "const r = arguments[0].getBoundingClientRect(); return [r.left, r.right]", link
            )
            assert box[0] >= 0 and box[1] <= width + 0.5, f"{label}: {link.text} at {box} (viewport {width})"
        nav = driver.find_element(By.CSS_SELECTOR, ".nav-list")
        assert driver.execute_script("return arguments[0].scrollWidth <= arguments[0].clientWidth", nav)
        # The last entry can be tapped where it is.
        last = links[-1]
        at = driver.execute_script(
            "const r = arguments[0].getBoundingClientRect();"
            "return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)",
            last,
        )
        assert at is not None and (at == last or last.find_elements(By.XPATH, ".//*")), label
    phone_browser.get(portal_server.url + "/")
    shot(phone_browser, "navigation-home-375")


# -- pagination ---------------------------------------------------------------------------------


def test_pagination_has_numbered_pages(portal_server, phone_browser, browser):
    for label, driver in (("375", phone_browser), ("1280", browser)):
        driver.get(portal_server.url + "/disclosures/notices/")
        bar = driver.find_element(By.CSS_SELECTOR, "nav.pagination")
        links = bar.find_elements(By.CSS_SELECTOR, "a:not([rel])")
        numbers = [re.sub(r"\D", "", a.text) for a in links]
        assert numbers[:2] == ["1", "2"] and len(numbers) >= 3, numbers
        assert all(a.rect["width"] >= 40 and a.rect["height"] >= 40 for a in links)  # big enough to tap
        current = bar.find_element(By.CSS_SELECTOR, 'a[aria-current="page"]')
        assert re.sub(r"\D", "", current.text) == "1"
        last = numbers[-1]
        navigate_by(driver, links[-1].click)
        assert f"page={last}" in driver.current_url
        bar = driver.find_element(By.CSS_SELECTOR, "nav.pagination")
        assert re.sub(r"\D", "", bar.find_element(By.CSS_SELECTOR, 'a[aria-current="page"]').text) == last
        assert bar.find_element(By.CSS_SELECTOR, 'a[rel="prev"]').is_displayed()
        assert not bar.find_elements(By.CSS_SELECTOR, 'a[rel="next"]')
        driver.execute_script("arguments[0].scrollIntoView()", bar)
        shot(driver, f"pagination-last-page-{label}")


# -- select labels ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path,expected",
    [
        ("/disclosures/notices/", "全部"),
        ("/disclosures/evaluations/", "全部"),
        ("/providers/eligibility-check/", "请选择"),
        ("/providers/apply/", "请选择"),
        ("/oversight/complaints/new/", "请选择"),
    ],
)
def test_selects_offer_all_or_please_choose(path, expected, portal_server, browser):
    browser.get(portal_server.url + path)
    firsts = browser.execute_script(
        "return [...document.querySelectorAll('main select')].map(s => s.options[0] ? s.options[0].text : '')"
    )
    assert firsts and not [f for f in firsts if f.strip("-") == ""], firsts
    assert any(f.startswith(expected) for f in firsts), firsts
    assert "---------" not in browser.page_source


# -- statistics ---------------------------------------------------------------------------------


def test_statistics_page_is_short_with_charts_first(portal_server, phone_browser, browser):
    for label, driver, limit in (("375", phone_browser, 7000), ("1280", browser, 3500)):
        driver.get(portal_server.url + "/oversight/statistics/")
        height = driver.execute_script("return document.documentElement.scrollHeight")
        assert height < limit, f"{label}: {height}px"
        assert top(driver, "svg[role=img]") < top(driver, "#h-bodies")
        rows = driver.find_elements(By.CSS_SELECTOR, "#h-bodies ~ .ov-table-wrap tbody tr")
        assert 0 < len(rows) <= 10
        shot(driver, f"statistics-{label}")
    # The full list is one link away, in the order chosen.
    navigate_by(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "显示全部").click)
    assert len(browser.find_elements(By.CSS_SELECTOR, "#h-bodies ~ .ov-table-wrap tbody tr")) > 10
    navigate_by(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "当前超期（多到少）").click)
    overdue = [
        int(td.text)
        for td in browser.find_elements(By.CSS_SELECTOR, "#h-bodies ~ .ov-table-wrap tbody td[data-label='当前超期']")
    ]
    assert overdue == sorted(overdue, reverse=True) and len(overdue) > 10


# -- ended campaigns ----------------------------------------------------------------------------


def test_ended_campaigns_are_marked(portal_server, phone_browser, browser):
    for label, driver in (("375", phone_browser), ("1280", browser)):
        driver.get(portal_server.url + "/publicity/")
        ended = driver.find_elements(By.CSS_SELECTOR, ".pub-card-ended")
        assert ended, "the demo has ended campaigns"
        assert ended[0].find_element(By.CSS_SELECTOR, ".pub-status-ended").text == "已结束"
        shot(driver, f"campaign-list-{label}")
    link = ended[0].find_element(By.CSS_SELECTOR, ".pub-card-title a")
    navigate_by(browser, link.click)
    line = browser.find_element(By.CSS_SELECTOR, ".pub-status-line")
    assert "已结束" in line.text and re.search(r"已于 \d{4}年\d{1,2}月\d{1,2}日 结束", line.text), line.text
    shot(browser, "campaign-ended-1280")
    phone_browser.get(browser.current_url)
    shot(phone_browser, "campaign-ended-375")


# -- footer and favicon -------------------------------------------------------------------------


def test_footer_identifiers_from_site_settings_and_favicon(portal_server, phone_browser, browser):
    portal_server.shell(
        "from wagtail.models import Site\n"
        "from portal.home.models import PortalSettings\n"
        "ps = PortalSettings.for_site(Site.objects.get(is_default_site=True))\n"
        "ps.operator = '浙江省民政信息中心'; ps.site_code = '3300000018'\n"
        "ps.icp_record = '浙ICP备05008526号-1'; ps.psb_record = '浙公网安备 33010602000001号'\n"
        "ps.full_clean(); ps.save()\n"  # the save purges the cached footer (portal.core.caching)
    )
    for label, driver in (("375", phone_browser), ("1280", browser)):
        driver.get(portal_server.url + "/")
        footer = driver.find_element(By.CSS_SELECTOR, "footer.site-footer")
        text = footer.text
        for expected in ("主办单位", "承办单位：浙江省民政信息中心", "网站标识码：3300000018"):
            assert expected in text, (label, text)
        icp = footer.find_element(By.LINK_TEXT, "浙ICP备05008526号-1")
        assert icp.get_attribute("href") == "https://beian.miit.gov.cn/"
        psb = footer.find_element(By.PARTIAL_LINK_TEXT, "浙公网安备")
        assert psb.get_attribute("href").endswith("code=33010602000001")
        driver.execute_script("arguments[0].scrollIntoView()", footer)
        shot(driver, f"footer-{label}")
    icon = browser.execute_script("return document.querySelector('link[rel=icon]').href")
    with urllib.request.urlopen(icon, timeout=30) as response:
        assert response.status == 200 and response.read(4) == b"\x00\x00\x01\x00"  # an ICO file
    with urllib.request.urlopen(portal_server.url + "/favicon.ico", timeout=30) as response:
        assert response.status == 200 and response.geturl().endswith("/static/img/favicon.ico")


# -- dates in every public form -----------------------------------------------------------------


def _date_value(driver, name):
    """The value the browser holds for a date input ("" when it rejected the server's value)."""
    return driver.execute_script(f"return document.querySelector('input[name={name}]').value")


def _set_date(driver, name, value):
    """What the date picker does: an ISO value in the input."""
    driver.execute_script(
        "const e = document.querySelector(`input[name=${arguments[0]}]`); e.value = arguments[1];"
        "e.dispatchEvent(new Event('input', {bubbles: true})); e.dispatchEvent(new Event('change', {bubbles: true}));",
        name,
        value,
    )
    assert _date_value(driver, name) == value, f"the browser refused {value} in {name}"


def test_deadline_calculator_shows_today_and_computes_a_date(portal_server, browser, phone_browser):
    browser.get(portal_server.url + "/disclosures/deadlines/")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", _date_value(browser, "start")), "the default start date is empty"
    _set_date(browser, "start", "2026-12-03")
    navigate_by(browser, browser.find_element(By.CSS_SELECTOR, ".calculator-form button[type=submit]").click)
    assert browser.find_element(By.CSS_SELECTOR, ".calc-result").is_displayed()
    assert _date_value(browser, "start") == "2026-12-03", "the date typed is kept"
    shot(browser, "deadline-calculator-result-1280")
    phone_browser.get(browser.current_url)
    assert _date_value(phone_browser, "start") == "2026-12-03"
    shot(phone_browser, "deadline-calculator-result-375")


def test_notice_date_filters_keep_their_dates(portal_server, browser):
    browser.get(portal_server.url + "/disclosures/notices/")
    _set_date(browser, "published_after", "2025-01-01")
    _set_date(browser, "published_before", "2030-12-31")
    navigate_by(browser, browser.find_element(By.CSS_SELECTOR, ".filter-form button[type=submit]").click)
    assert "published_after=2025-01-01" in browser.current_url
    assert _date_value(browser, "published_after") == "2025-01-01"
    assert _date_value(browser, "published_before") == "2030-12-31"
    assert browser.find_elements(By.CSS_SELECTOR, ".notice-list > li")


def test_self_check_prefilled_from_the_registry_keeps_the_registration_date(portal_server, browser, phone_browser):
    code = portal_server.shell(
        "from portal.providers.models import Provider\n"
        "print(Provider.objects.filter(status='active', registered_on__isnull=False).order_by('credit_code')"
        ".first().credit_code)"
    ).splitlines()[-1]
    browser.get(portal_server.url + "/providers/eligibility-check/")
    browser.find_element(By.ID, "id_code").send_keys(code)
    navigate_by(browser, browser.find_element(By.XPATH, "//button[normalize-space()='预填']").click)
    registered = _date_value(browser, "registered_on")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", registered), "登记日期 from the registry is empty"
    shot(browser, "eligibility-check-prefilled-1280")
    navigate_by(browser, browser.find_element(By.XPATH, "//button[normalize-space()='开始自查']").click)
    errors = [e.text for e in browser.find_elements(By.CSS_SELECTOR, ".field-error")]
    assert not errors, errors  # on main: 登记日期 这个字段是必填项
    assert browser.find_elements(By.CSS_SELECTOR, ".result-box")
    assert _date_value(browser, "registered_on") == registered
    phone_browser.get(browser.current_url)
    shot(phone_browser, "eligibility-check-result-375")


def test_provider_application_with_a_registration_date_is_submitted(portal_server, browser, tmp_path):
    from portal.reference.credit_code import generate

    code = generate(division_code="330106")
    upload = tmp_path / "登记证书.pdf"
    upload.write_bytes(b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
    browser.get(portal_server.url + "/providers/apply/")
    shot(browser, "provider-application-1280")
    values = {
        "name": "西湖区测试日期社会工作服务中心",
        "credit_code": code,
        "registration_authority": "杭州市西湖区民政局",
        "address": "杭州市西湖区文三路1号",
        "description": "为困难群众提供照料护理服务。",
        "staff_count": "12",
        "social_worker_count": "4",
        "facilities": "服务场所200平方米",
        "contact_name": "李四",
        "contact_phone": "13900001111",
        "contact_email": "apply@example.org",
    }
    for name, value in values.items():
        field = browser.find_element(By.NAME, name)
        field.clear()
        field.send_keys(value)
    _set_date(browser, "registered_on", "2018-05-20")
    browser.execute_script(
        "const s = document.querySelector('select[name=provider_type]'); s.selectedIndex = 1;"
        "const r = document.querySelector('select[name=region]');"
        "r.value = [...r.options].find(o => o.value === '330106').value;"
    )
    browser.find_element(By.CSS_SELECTOR, "input[name=service_items]").click()
    for name in ("governance_attested", "finance_attested", "confirm"):
        boxes = browser.find_elements(By.CSS_SELECTOR, f"input[name={name}]")
        if boxes and not boxes[0].is_selected():
            boxes[0].click()
    browser.find_element(By.NAME, "doc_registration").send_keys(str(upload))
    question = browser.find_element(By.CSS_SELECTOR, "label[for=id_captcha_answer]").text
    browser.find_element(By.ID, "id_captcha_answer").send_keys(captcha_answer(question))
    navigate_by(browser, browser.find_element(By.XPATH, "//button[normalize-space()='提交申请']").click)
    errors = browser.find_elements(By.CSS_SELECTOR, ".errorlist")
    assert not errors, [e.text for e in errors] + [_date_value(browser, "registered_on")]
    assert "/providers/apply/submitted/" in browser.current_url, browser.current_url
    shot(browser, "provider-application-submitted-1280")
