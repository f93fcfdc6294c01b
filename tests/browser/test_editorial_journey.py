"""Editorial workflow in the real Wagtail admin: a county editor (县级编辑 of a Hangzhou county, made
with portal.home.roles.assign_user) drafts a procurement intention notice under a project in their
county folder and submits it for review; a Hangzhou city reviewer (市级审核员·杭州市) approves it in
the workflow UI; the notice is then public."""

import datetime as dt
import json
import secrets
import urllib.request

import pytest
from selenium.common.exceptions import NoSuchElementException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from .conftest import navigate_by, screenshot

pytestmark = pytest.mark.browser

SETUP = """
import json
from django.contrib.auth import get_user_model
from portal.disclosures.models import ProcurementProjectPage, Region
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
