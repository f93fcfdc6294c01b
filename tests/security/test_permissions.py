"""Who may do what in the admin: a table of (area, URL, method) with the roles allowed, checked for
every role (anonymous, a logged-in user with no group, 县级编辑·西湖区, 市级审核员·杭州市, 省级管理员
and a 投诉办理员 of the Xihu handling body). Allowed = the page answers (200, or a redirect that is
not to the login page or the dashboard); denied = 403/404 or a redirect to login or the dashboard."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from portal.home.roles import CITY_REVIEWERS, COUNTY_EDITORS, PROVINCE_ADMINS, assign_user

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "nogroup", "county_xihu", "city_hangzhou", "province", "handler_xihu"]
EDITORS = {"county_xihu", "city_hangzhou", "province"}
PROVINCE = {"province"}
NOBODY = set()
CASE_HANDLERS = {"province", "handler_xihu"}


@pytest.fixture
def world(roles, regions, bodies):
    """Pages in the Xihu and Haishu folders, a case in Xihu and one in Ningbo, an application, the
    users of every role."""
    from portal.home.models import StandardPage
    from portal.oversight.factories import CaseFactory
    from portal.oversight.roles import handler_group
    from portal.providers.factories import ApplicationFactory

    cases = {
        "330106": CaseFactory(region=regions["330106"]),
        "330203": CaseFactory(region=regions["330203"]),
    }
    User = get_user_model()
    users = {"anonymous": None}
    users["nogroup"] = User.objects.create_user("nogroup", password="pw")
    users["county_xihu"] = assign_user(
        User.objects.create_user("xihu", password="pw"), COUNTY_EDITORS, regions["330106"]
    )
    users["city_hangzhou"] = assign_user(
        User.objects.create_user("hangzhou", password="pw"), CITY_REVIEWERS, regions["330100"]
    )
    users["province"] = assign_user(User.objects.create_user("province", password="pw"), PROVINCE_ADMINS)
    handler = User.objects.create_user("handler", password="pw")
    handler.groups.add(handler_group())
    bodies["330106"].members.add(handler)
    users["handler_xihu"] = handler
    # The Xihu page was written by the Xihu editor (Wagtail lets a page's owner with add and publish
    # permission delete it, so the owner matters for the delete row).
    pages = {}
    for code, owner in (("330106", users["county_xihu"]), ("330203", None)):
        page = StandardPage(title=f"{regions[code].name}工作动态", slug=f"news-{code}", owner=owner)
        roles[code].add_child(instance=page)
        page.save_revision(user=owner).publish()
        pages[code] = page
    return {
        "pages": pages,
        "cases": cases,
        "users": users,
        "application": ApplicationFactory(),
        "capacity": {code: _capacity(code) for code in ("330106", "330203")},
    }


def _capacity(county_code):
    """The township capacity record of the county's first township."""
    import datetime as dt

    from portal.disclosures.factories import TownshipCapacityFactory
    from portal.reference.models import Region

    township = Region.objects.townships().filter(parent__code=county_code).order_by("code").first()
    return TownshipCapacityFactory(township=township, recipients=600, recipients_as_of=dt.date(2026, 10, 31))


def _snippet(app_model):
    return reverse(f"wagtailsnippets_{app_model}:list")


def table(world):
    """(area, method, url, roles allowed)."""
    xihu, haishu = world["pages"]["330106"].pk, world["pages"]["330203"].pk
    case_xihu, case_ningbo = world["cases"]["330106"].pk, world["cases"]["330203"].pk
    rows = [
        ("dashboard", "GET", reverse("wagtailadmin_home"), EDITORS | CASE_HANDLERS),
        ("page edit, own county", "GET", reverse("wagtailadmin_pages:edit", args=[xihu]), EDITORS),
        ("page edit, other city", "GET", reverse("wagtailadmin_pages:edit", args=[haishu]), PROVINCE),
        ("page publish (unpublish form), own county", "GET", reverse("wagtailadmin_pages:unpublish", args=[xihu]),
         {"city_hangzhou", "province"}),
        ("page publish (unpublish form), other city", "GET", reverse("wagtailadmin_pages:unpublish", args=[haishu]),
         PROVINCE),
        ("page delete, own county", "GET", reverse("wagtailadmin_pages:delete", args=[xihu]), PROVINCE),
        ("page delete, other city", "GET", reverse("wagtailadmin_pages:delete", args=[haishu]), PROVINCE),
        ("regions", "GET", _snippet("reference_region"), NOBODY),
        ("service items", "GET", _snippet("reference_serviceitem"), PROVINCE),
        ("calendar days", "GET", _snippet("reference_calendarday"), PROVINCE),
        ("calendar years", "GET", _snippet("reference_calendaryear"), PROVINCE),
        ("evaluation schemes", "GET", _snippet("evaluations_evaluationscheme"), PROVINCE),
        ("exit tasks", "GET", _snippet("disclosures_exitdecisiontask"), PROVINCE),
        ("township staffing", "GET", _snippet("disclosures_townshipcapacity"), EDITORS),
        *_capacity_rows(world),
        ("staffing rules", "GET", _snippet("disclosures_staffingrule"), PROVINCE),
        ("publicity channels", "GET", _snippet("publicity_channel"), PROVINCE),
        ("providers", "GET", _snippet("providers_provider"), PROVINCE),
        ("provider status changes", "GET", _snippet("providers_providerstatuschange"), PROVINCE),
        ("eligibility criteria", "GET", _snippet("providers_eligibilitycriterion"), PROVINCE),
        ("provider financial reports", "GET", _snippet("providers_providerfinancialreport"), PROVINCE),
        ("applications", "GET", reverse("provider_applications:index"), PROVINCE),
        ("application detail", "GET", reverse("provider_applications:edit", args=[world["application"].pk]), PROVINCE),
        ("case queue", "GET", reverse("oversight_case:index"), CASE_HANDLERS),
        ("case detail (personal data), own region", "GET", reverse("oversight_case:edit", args=[case_xihu]),
         CASE_HANDLERS),
        ("case detail (personal data), other region", "GET", reverse("oversight_case:edit", args=[case_ningbo]),
         PROVINCE),
        ("handling bodies", "GET", reverse("oversight_body:index"), CASE_HANDLERS),
        ("mail queue", "GET", reverse("oversight_outbox:index"), PROVINCE),
        ("portal settings", "GET", reverse("wagtailsettings:edit", args=["home", "portalsettings"]), PROVINCE),
        ("oversight settings", "GET", reverse("wagtailsettings:edit", args=["oversight", "oversightsettings"]),
         PROVINCE),
        ("users", "GET", reverse("wagtailusers_users:index"), NOBODY),
        ("groups", "GET", reverse("wagtailusers_groups:index"), NOBODY),
        ("documents", "GET", reverse("wagtaildocs:index"), EDITORS),
        ("images", "GET", reverse("wagtailimages:index"), EDITORS),
        ("report: locked pages", "GET", reverse("wagtailadmin_reports:locked_pages"), {"city_hangzhou", "province"}),
        ("report: workflows", "GET", reverse("wagtailadmin_reports:workflow"), EDITORS),
        ("report: aging pages", "GET", reverse("wagtailadmin_reports:aging_pages"), EDITORS),
        ("report: site history", "GET", reverse("wagtailadmin_reports:site_history"), EDITORS | CASE_HANDLERS),
        # State-changing actions last (each role's check runs in its own transaction).
        ("case status change, other region", "POST", reverse("oversight_case:status", args=[case_ningbo]), PROVINCE),
        ("case assign, other region", "POST", reverse("oversight_case:assign", args=[case_ningbo]), PROVINCE),
        ("case status change, own region", "POST", reverse("oversight_case:status", args=[case_xihu]),
         CASE_HANDLERS),
        ("case assign, own region", "POST", reverse("oversight_case:assign", args=[case_xihu]), CASE_HANDLERS),
    ]  # fmt: skip
    return rows


def _capacity_rows(world):
    """The object views of a township capacity record: editors reach their own region's records only,
    by any URL (the listing is scoped, and so are edit, history, usage, copy and delete)."""
    rows = []
    for code, owner in (("330106", "own county"), ("330203", "other city")):
        pk = world["capacity"][code].pk
        for view, allowed in (("edit", EDITORS), ("history", EDITORS), ("usage", EDITORS), ("copy", EDITORS),
                              ("delete", PROVINCE)):  # fmt: skip
            url = reverse(f"wagtailsnippets_disclosures_townshipcapacity:{view}", args=[pk])
            rows.append((f"township staffing {view}, {owner}", "GET", url, allowed if code == "330106" else PROVINCE))
    return rows


def outcome(client, method, url):
    """'allowed' or 'denied' (and the status, for the report)."""
    login, home = reverse("wagtailadmin_login"), reverse("wagtailadmin_home")
    if method == "GET":
        response = client.get(url)
    else:
        data = {"to_status": "accepted", "public_note": "", "handler": ""}
        response = client.post(url, data)
    status = response.status_code
    if status in (403, 404, 405):
        return "denied", status
    if status in (301, 302):
        location = response["Location"]
        if location.startswith(login) or location == home or location.startswith("/admin/login"):
            return "denied", status
        if method == "GET":
            status = client.get(location).status_code
            return ("allowed" if status == 200 else "denied"), status
        return "allowed", status
    return ("allowed" if status == 200 else f"unexpected {status}"), status


def _login(client, world, role):
    client.logout()
    if world["users"][role] is not None:
        client.force_login(world["users"][role])


def _check_role(client, world, role, rows):
    """Mismatches between the table and the answers for `role`."""
    from portal.oversight.models import Case

    _login(client, world, role)
    Case.objects.filter(pk__in=[c.pk for c in world["cases"].values()]).update(status="received")
    mismatches = []
    for area, method, url, allowed_roles in rows:
        expected = "allowed" if role in allowed_roles else "denied"
        actual, status = outcome(client, method, url)
        if actual != expected:
            mismatches.append(f"{role} / {area}: {method} {url} expected {expected}, got {actual} ({status})")
    # A denied status change must not have happened; an allowed one must have.
    ningbo = Case.objects.get(pk=world["cases"]["330203"].pk)
    xihu = Case.objects.get(pk=world["cases"]["330106"].pk)
    if any(area.startswith("case status change") for area, *_rest in rows):
        if (ningbo.status == "accepted") != (role in PROVINCE):
            mismatches.append(f"{role}: Ningbo case status is {ningbo.status}")
        if (xihu.status == "accepted") != (role in CASE_HANDLERS):
            mismatches.append(f"{role}: Xihu case status is {xihu.status}")
    return mismatches


def test_admin_permissions_for_every_role(client, world):
    rows = table(world)
    mismatches = []
    for role in ROLES:
        mismatches += _check_role(client, world, role, rows)
    print(f"permission cases: {len(ROLES)} roles x {len(rows)} rows = {len(ROLES) * len(rows)}")
    assert not mismatches, "\n".join(mismatches)
    areas = " ".join(area for area, *_rest in table(world))
    for word in ("page edit", "publish", "delete", "regions", "service items", "calendar", "evaluation schemes",
                 "exit tasks", "township staffing", "providers", "applications", "case detail", "status change",
                 "assign", "settings", "users", "groups", "report", "documents", "images"):  # fmt: skip
        assert word in areas, word
