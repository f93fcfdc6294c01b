"""Editorial workflow in the real Wagtail admin: a county editor (县级编辑 of a Hangzhou county, made
with portal.home.roles.assign_user) drafts a procurement intention notice under a project in their
county folder and submits it for review; a Hangzhou city reviewer (市级审核员·杭州市) approves it in
the workflow UI; the notice is then public."""

import datetime as dt
import json
import re
import secrets
import urllib.parse
import urllib.request

import pytest
from selenium.common.exceptions import NoSuchElementException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from .conftest import navigate_by, screenshot

pytestmark = pytest.mark.browser

SETUP = """
import json
from django.contrib.auth import get_user_model
from portal.reference.models import Region
from portal.disclosures.models import ProcurementProjectPage
from portal.home.roles import CITY_REVIEWERS, COUNTY_EDITORS, assign_user

# A live project in a Hangzhou county folder: /<section>/330100/<county code>/<project>/.
project = ProcurementProjectPage.objects.live().filter(url_path__contains="/330100/").order_by("pk").first()
county = Region.objects.get(code=project.url_path.strip("/").split("/")[-2])
users = get_user_model().objects
editor = users.create_user(%(editor)r, password=%(editor_pw)r)
assign_user(editor, COUNTY_EDITORS, county)
reviewer = users.create_user(%(reviewer)r, password=%(reviewer_pw)r)
assign_user(reviewer, CITY_REVIEWERS, county.parent)
print(json.dumps({"project": project.pk, "county": county.full_name}))
"""

STATE = """
import json
from wagtail.models import Page
page = Page.objects.get(title=%(title)r).specific
print(json.dumps({
    "pk": page.pk, "live": page.live, "url": page.url,
    "workflow": page.current_workflow_state.status if page.current_workflow_state else None,
}))
"""


def _wait(driver, condition, timeout=30):
    return WebDriverWait(driver, timeout).until(condition)


def _login(driver, server, username, password):
    driver.delete_all_cookies()
    driver.get(server.url + "/admin/login/")
    driver.find_element(By.ID, "id_username").send_keys(username)
    field = driver.find_element(By.ID, "id_password")
    field.send_keys(password)
    navigate_by(driver, lambda: field.send_keys(Keys.ENTER))
    assert "/admin/login/" not in driver.current_url, "login failed"


def _footer_action(driver, css):
    """Click an action of the page editor's footer menu, opening its dropdown when needed."""
    button = driver.find_element(By.CSS_SELECTOR, css)
    if not button.is_displayed():
        toggle = driver.find_element(By.CSS_SELECTOR, "footer [data-w-dropdown-target='toggle']")
        toggle.click()
        _wait(driver, EC.visibility_of(button))
    navigate_by(driver, button.click)


def _state(server, title):
    return json.loads(server.shell(STATE % {"title": title}).splitlines()[-1])


def test_county_editor_drafts_city_reviewer_approves_notice_goes_public(portal_server, browser):
    run = secrets.token_hex(3)
    accounts = {"editor": f"e2e_editor_{run}", "reviewer": f"e2e_reviewer_{run}"}
    editor_pw, reviewer_pw = secrets.token_urlsafe(12), secrets.token_urlsafe(12)
    setup = SETUP % {**accounts, "editor_pw": editor_pw, "reviewer_pw": reviewer_pw}
    accounts.update(json.loads(portal_server.shell(setup).splitlines()[-1]))
    title = f"{accounts['county']}社会救助对象照料护理服务项目采购意向（测试{run}）"
    planned = dt.date.today() + dt.timedelta(days=60)

    try:
        # The county editor drafts the notice under a project in their county folder.
        _login(browser, portal_server, accounts["editor"], editor_pw)
        browser.get(f"{portal_server.url}/admin/pages/{accounts['project']}/")
        add = browser.find_element(By.CSS_SELECTOR, f"a[href$='/pages/{accounts['project']}/add_subpage/']")
        navigate_by(browser, add.click)
        navigate_by(browser, browser.find_element(By.CSS_SELECTOR, "a[href*='/add/disclosures/noticepage/']").click)
        browser.find_element(By.ID, "id_title").send_keys(title)
        Select(browser.find_element(By.ID, "id_kind")).select_by_value("intention")
        start = browser.find_element(By.ID, "id_planned_start")
        start.send_keys(planned.isoformat())
        start.send_keys(Keys.ESCAPE)
        _footer_action(browser, "button[name='action-submit']")
        _wait(browser, lambda d: "/add/" not in d.current_url)
        errors = browser.find_elements(By.CSS_SELECTOR, ".error-message, .help-critical")
        state = _state(portal_server, title)
        assert state["workflow"] == "in_progress", [e.text for e in errors]
        assert not state["live"]

        # Not public yet.
        with pytest.raises(urllib.request.HTTPError):
            urllib.request.urlopen(portal_server.url + (state["url"] or "/no-url/"), timeout=30)

        # The city reviewer approves it from the page editor's workflow actions.
        _login(browser, portal_server, accounts["reviewer"], reviewer_pw)
        browser.get(f"{portal_server.url}/admin/")
        assert title in browser.find_element(By.TAG_NAME, "main").text  # awaiting their review
        browser.get(f"{portal_server.url}/admin/pages/{state['pk']}/edit/")
        _footer_action(browser, "button[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])")
        _wait(browser, lambda d: f"/pages/{state['pk']}/edit/" not in d.current_url, timeout=60)
        state = _state(portal_server, title)
        assert state["live"], browser.find_element(By.TAG_NAME, "body").text[:500]
        assert state["workflow"] != "in_progress"
    except (AssertionError, NoSuchElementException):
        screenshot(browser, "editorial-journey-failure")
        raise

    browser.delete_all_cookies()
    browser.get(portal_server.url + state["url"])
    assert browser.find_element(By.TAG_NAME, "h1").text == title
    with urllib.request.urlopen(portal_server.url + state["url"], timeout=30) as response:
        assert response.status == 200


# The editor journey of a new procurement: a county editor creates a project and its tender notice
# in the admin and submits both; the city reviewer approves them in either order. Whatever the
# order, both end up live together, the project open for bids with the notice's deadline.

PROJECT_SETUP = """
import json
from django.contrib.auth import get_user_model
from portal.reference.models import Region, ServiceItem
from portal.disclosures.models import NoticeIndexPage
from portal.home.models import RegionSectionPage
from portal.home.roles import CITY_REVIEWERS, COUNTY_EDITORS, assign_user

index = NoticeIndexPage.objects.get()
folder = RegionSectionPage.objects.descendant_of(index).filter(region__code="330106").get()
county = folder.region
street = Region.objects.within(county).townships().order_by("code").first()
users = get_user_model().objects
editor = users.create_user(%(editor)r, password=%(editor_pw)r)
assign_user(editor, COUNTY_EDITORS, county)
reviewer = users.create_user(%(reviewer)r, password=%(reviewer_pw)r)
assign_user(reviewer, CITY_REVIEWERS, county.parent)
item = ServiceItem.objects.get(name="社会救助对象照料护理")
print(json.dumps({"folder": folder.pk, "county": county.full_name, "street": street.pk, "item": item.pk}))
"""

LIFECYCLE = """
import json
from portal.disclosures.models import NoticePage, ProcurementProjectPage
project = ProcurementProjectPage.objects.get(project_number=%(number)r)
notice = NoticePage.objects.filter(project=project).first()
print(json.dumps({
    "project": project.pk, "project_live": project.live, "slug": project.slug, "url": project.url,
    "stage": project.stage(), "bid_deadline": project.bid_deadline.isoformat() if project.bid_deadline else None,
    "open": ProcurementProjectPage.objects.live().open_for_bids().filter(pk=project.pk).exists(),
    "regions": sorted(project.service_regions.values_list("pk", flat=True)),
    "notice": notice.pk if notice else None, "notice_live": bool(notice and notice.live),
    "notice_url": notice.url if notice else None, "number": notice.number if notice else None,
    "notice_deadline": notice.bid_deadline.isoformat() if notice and notice.bid_deadline else None,
    "workflows": [p.current_workflow_state.status if p.current_workflow_state else None
                  for p in (project, notice) if p is not None],
}))
"""


def _lifecycle(server, number):
    return json.loads(server.shell(LIFECYCLE % {"number": number}).splitlines()[-1])


def _type(driver, element_id, text):
    field = driver.find_element(By.ID, element_id)
    field.clear()
    field.send_keys(text)
    field.send_keys(Keys.ESCAPE)  # closes a date picker
    return field


def _tick(driver, checkbox):
    """Tick `checkbox` from the keyboard (focus, space), as a keyboard user would; a mouse click
    may land on the admin's sticky footer."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", checkbox)
    checkbox.send_keys(Keys.SPACE)
    assert checkbox.is_selected()


def _approve_in_editor(driver, server, pk):
    driver.get(f"{server.url}/admin/pages/{pk}/edit/")
    _footer_action(driver, "button[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])")
    _wait(driver, lambda d: f"/pages/{pk}/edit/" not in d.current_url, timeout=60)


@pytest.mark.parametrize("order", ["project_first", "notice_first"])
def test_editor_creates_project_and_tender_reviewer_approves_in_either_order(portal_server, browser, order):
    import time

    run = secrets.token_hex(3)
    accounts = {"editor": f"e2e_ed_{run}", "reviewer": f"e2e_rv_{run}"}
    editor_pw, reviewer_pw = secrets.token_urlsafe(12), secrets.token_urlsafe(12)
    setup = PROJECT_SETUP % {**accounts, "editor_pw": editor_pw, "reviewer_pw": reviewer_pw}
    facts = json.loads(portal_server.shell(setup).splitlines()[-1])
    number = f"ZJ3301-{dt.date.today().year}-9{int(run, 16) % 10000:04d}"
    title = f"{facts['county']}特困人员照料护理服务项目（测试{run}）"
    deadline = dt.date.today() + dt.timedelta(days=45)
    timings = {}

    try:
        started = time.monotonic()
        # The county editor creates the project in their county folder and submits it.
        _login(browser, portal_server, accounts["editor"], editor_pw)
        browser.get(f"{portal_server.url}/admin/pages/add/disclosures/procurementprojectpage/{facts['folder']}/")
        _type(browser, "id_title", title)
        _type(browser, "id_project_number", number)
        _type(browser, "id_purchaser", "杭州市西湖区民政局")
        Select(browser.find_element(By.ID, "id_method")).select_by_value("open_tender")
        _type(browser, "id_budget", "680000")
        _tick(browser, browser.find_element(By.CSS_SELECTOR, f"input[name='service_items'][value='{facts['item']}']"))
        # 服务区域: find a street by name with the chooser's search, then tick it.
        street = browser.find_element(By.CSS_SELECTOR, f"input[name='service_regions'][value='{facts['street']}']")
        label = street.find_element(By.XPATH, "..").get_attribute("textContent").strip()
        search = browser.find_element(By.CSS_SELECTOR, "[data-region-chooser] [data-filter='text']")
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", search)
        search.send_keys(label)
        _wait(browser, EC.visibility_of(street))
        _tick(browser, street)
        screenshot(browser, f"editorial-project-form-{order}")
        _footer_action(browser, "button[name='action-submit']")
        _wait(browser, lambda d: "/add/" not in d.current_url)
        state = _lifecycle(portal_server, number)
        assert state["workflows"] == ["in_progress"], browser.find_element(By.TAG_NAME, "main").text[:800]
        assert state["slug"] == number.lower() and state["regions"] == [facts["street"]]

        # The tender notice under the project: only the tender's field groups are shown, and the
        # deadline calculator link follows the kind and the dates.
        browser.get(f"{portal_server.url}/admin/pages/add/disclosures/noticepage/{state['project']}/")
        _type(browser, "id_title", f"{title}公开招标公告")
        Select(browser.find_element(By.ID, "id_kind")).select_by_value("tender")
        intention = browser.find_element(By.CSS_SELECTOR, "[data-notice-kinds='intention']")
        assert not intention.is_displayed()
        assert browser.find_element(By.CSS_SELECTOR, "[data-notice-kinds='tender prequalification']").is_displayed()
        _type(browser, "id_documents_from", dt.date.today().isoformat())
        _type(browser, "id_bid_deadline", f"{deadline.isoformat()} 09:30")
        _type(browser, "id_place", "西湖区公共资源交易中心开标室")
        link = browser.find_element(By.CSS_SELECTOR, "[data-deadline-link]").get_attribute("href")
        assert f"rule=open_tender_bid&start={dt.date.today().isoformat()}" in link
        checkbox = browser.find_element(By.ID, "id_affects_bids")
        assert not checkbox.is_selected()
        screenshot(browser, f"editorial-notice-form-{order}")
        _footer_action(browser, "button[name='action-submit']")
        _wait(browser, lambda d: "/add/" not in d.current_url)
        state = _lifecycle(portal_server, number)
        assert state["workflows"] == ["in_progress", "in_progress"], browser.find_element(By.TAG_NAME, "main").text[
            :800
        ]
        assert not state["project_live"] and not state["notice_live"]
        assert re.fullmatch(r"330106-\d{4}-CG-\d{4}", state["number"]), state["number"]
        timings["editor"] = time.monotonic() - started

        # The city reviewer approves, in this test's order.
        started = time.monotonic()
        _login(browser, portal_server, accounts["reviewer"], reviewer_pw)
        first, second = ("project", "notice") if order == "project_first" else ("notice", "project")
        _approve_in_editor(browser, portal_server, state[first])
        after_first = _lifecycle(portal_server, number)
        if order == "notice_first":
            # The notice's approval published its project in the same review.
            assert after_first["project_live"] and after_first["notice_live"], after_first
        else:
            assert after_first["project_live"] and not after_first["notice_live"]
            _approve_in_editor(browser, portal_server, state[second])
        timings["reviewer"] = time.monotonic() - started
        state = _lifecycle(portal_server, number)
        assert state["project_live"] and state["notice_live"], state
        assert state["stage"] == "open" and state["open"], state
        assert state["bid_deadline"] == state["notice_deadline"], state
        assert state["workflows"] == [None, None] or "in_progress" not in state["workflows"], state
    except (AssertionError, WebDriverException):
        screenshot(browser, f"editorial-project-journey-{order}-failure")
        raise

    # The public pages: the project (breadcrumb and 所属项目 link target) and the notice.
    browser.delete_all_cookies()
    for url in (state["url"], state["notice_url"]):
        with urllib.request.urlopen(portal_server.url + url, timeout=30) as response:
            assert response.status == 200
    browser.get(portal_server.url + state["notice_url"])
    assert browser.find_element(By.CSS_SELECTOR, f"a[href='{state['url']}']")
    query = urllib.parse.urlencode({"stage": "open", "purchaser": "杭州市西湖区民政局"})
    browser.get(f"{portal_server.url}/disclosures/notices/?{query}")
    assert f"{title}公开招标公告" in browser.find_element(By.TAG_NAME, "main").text  # 正在招标
    print(
        f"\neditor journey ({order}): editor {timings['editor']:.1f} s (project + tender notice, both submitted), "
        f"reviewer {timings['reviewer']:.1f} s (approvals)"
    )
