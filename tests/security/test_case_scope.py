"""Region scope of oversight cases on every admin door: a complaint handler sees the cases of their
handling body's region and below (province-wide with oversight.view_all_cases), on the case page
and on every other admin view that shows a case, its reference, its audit trail or the names of
the staff who handled it: the case queue and its search, the case's history, the site-history
report (audit log) with its filters and CSV/XLSX exports, the admin search, the "usage" listings
of the pages, regions and users a case points to, and the viewset's unrouted object views.

Every role (handlers of a county, a city and another city, the province administrator, a county
editor, a logged-in user without a group) is checked against a case in scope and a case out of
scope. A route added to the case viewset fails `test_every_case_route_is_in_the_table` until it
is added to the table here."""

import csv
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.urls import get_resolver, reverse
from openpyxl import load_workbook

from portal.home.roles import COUNTY_EDITORS, PROVINCE_ADMINS, assign_user

pytestmark = pytest.mark.django_db

# role -> the region codes of the cases it may see
SCOPE = {
    "handler_xihu": {"330106"},
    "handler_hangzhou": {"330106"},  # Xihu is in Hangzhou
    "handler_ningbo": {"330203"},  # Haishu is in Ningbo
    "province": {"330106", "330203"},
    "county_editor": set(),
    "nogroup": set(),
}
CASE_REGIONS = ("330106", "330203")
# Display names of the staff who act on each case (the audit trail shows them).
STAFF = {"330106": "西湖区办理员甲", "330203": "宁波市办理员乙"}


@pytest.fixture
def scope_world(roles, regions, bodies, home_page, django_capture_on_commit_callbacks):
    from portal.home.models import StandardPage
    from portal.oversight.factories import CaseFactory, HandlingBodyFactory
    from portal.oversight.models import Attachment, Status
    from portal.oversight.roles import handler_group
    from portal.oversight.services import handling

    # The admin's URLs loaded first, as in a running server: viewsets register their models (with
    # the reference index, among others) when the URLconf is loaded.
    reverse("wagtailadmin_home")
    bodies["330203"] = HandlingBodyFactory(region=regions["330203"], name="海曙区办理机构")
    User = get_user_model()

    def handler(username, code, full_name):
        user = User.objects.create_user(username, password="pw", first_name=full_name)
        user.groups.add(handler_group())
        bodies[code].members.add(user)
        return user

    users = {
        "handler_xihu": handler("handler_xihu", "330106", STAFF["330106"]),
        "handler_hangzhou": handler("handler_hangzhou", "330100", "杭州市办理员丙"),
        "handler_ningbo": handler("handler_ningbo", "330200", STAFF["330203"]),
        "province": assign_user(User.objects.create_user("province", password="pw"), PROVINCE_ADMINS),
        "county_editor": assign_user(
            User.objects.create_user("xihu_editor", password="pw"), COUNTY_EDITORS, regions["330106"]
        ),
        "nogroup": User.objects.create_user("nogroup", password="pw"),
    }
    # A page each case is about: its "usage" listing must not show the case.
    page = StandardPage(title="照料护理服务采购公告", slug="scope-notice", owner=users["county_editor"])
    roles["330106"].add_child(instance=page)
    page.save_revision(user=users["county_editor"]).publish()
    cases = {}
    for code, actor in (("330106", users["handler_xihu"]), ("330203", users["handler_ningbo"])):
        # As on commit of a real request: the reference index task runs for the saved case.
        with django_capture_on_commit_callbacks(execute=True):
            case = CaseFactory(region=regions[code], subject_page=page, reference=f"TS-2026-{code}1")
        handling.change_status(case, Status.ACCEPTED, actor, public_note="已受理")
        handling.add_note(case, "内部核查中", actor)
        handling.log_personal_data_view(case, actor)
        attachment = Attachment(case=case, original_name="a.pdf", content_type="application/pdf", size=1, sha256="0")
        attachment.file.save("a.pdf", io.BytesIO(b"%PDF-1.4\n"), save=False)
        attachment.save()
        case.attachment = attachment
        cases[code] = case
    return {"users": users, "cases": cases, "page": page}


def _number(case):
    return case.reference.rsplit("-", 1)[1]


def _text(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/vnd.openxmlformats"):
        workbook = load_workbook(io.BytesIO(content), read_only=True)
        return "\n".join(
            str(v) for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True) for v in row if v
        )
    text = content.decode("utf-8-sig", errors="replace")
    if response.get("Content-Type", "").startswith("text/csv"):
        text = "\n".join(",".join(row) for row in csv.reader(io.StringIO(text)))
    return text


def object_routes(case):
    """(name, method, url) of every admin URL of one case; `None` expected means: nobody (the
    viewset does not route it, so it must answer 404 to everyone)."""
    pk = case.pk
    return [
        ("edit (case page)", "GET", reverse("oversight_case:edit", args=[pk]), True),
        ("history", "GET", reverse("oversight_case:history", args=[pk]), True),
        ("history results", "GET", reverse("oversight_case:history_results", args=[pk]), True),
        ("history export csv", "GET", reverse("oversight_case:history", args=[pk]) + "?export=csv", True),
        ("attachment", "GET", reverse("oversight_case:attachment", args=[pk, case.attachment.pk]), True),
        ("status", "POST", reverse("oversight_case:status", args=[pk]), True),
        ("assign", "POST", reverse("oversight_case:assign", args=[pk]), True),
        ("note", "POST", reverse("oversight_case:note", args=[pk]), True),
        ("publish", "POST", reverse("oversight_case:publish", args=[pk]), True),
        # Generic ModelViewSet views the case viewset does not route (nobody gets them).
        ("usage (unrouted)", "GET", f"/admin/oversight_case/usage/{pk}/", None),
        ("inspect (unrouted)", "GET", f"/admin/oversight_case/inspect/{pk}/", None),
        ("delete (unrouted)", "GET", f"/admin/oversight_case/delete/{pk}/", None),
        ("edit (generic, unrouted)", "GET", f"/admin/oversight_case/edit/{pk}/", None),
        ("copy (unrouted)", "GET", f"/admin/oversight_case/copy/{pk}/", None),
    ]


def listing_urls(world):
    """Admin listings and exports in which a case (reference, audit entry, staff name) may appear."""
    case_type = ContentType.objects.get_for_model(world["cases"]["330106"])
    site_history = reverse("wagtailadmin_reports:site_history")
    results = reverse("wagtailadmin_reports:site_history_results")
    urls = [
        reverse("wagtailadmin_home"),
        reverse("oversight_case:index"),
        reverse("oversight_case:index_results"),
        reverse("oversight_case:index") + "?export=csv",
        site_history,
        results,
        site_history + "?export=csv",
        site_history + "?export=xlsx",
        results + f"?object_type={case_type.pk}",
        results + "?action=oversight.status",
        results + "?action=oversight.view_personal_data",
        reverse("wagtailadmin_pages:usage", args=[world["page"].pk]),
        reverse("wagtailsnippets_reference_region:usage", args=[world["cases"]["330203"].region_id]),
        reverse("wagtailsnippets_reference_region:usage", args=[world["cases"]["330106"].region_id]),
        reverse("wagtailadmin_pages:history", args=[world["page"].pk]),
    ]
    for case in world["cases"].values():
        # Searched by the number part: the full reference in a page is then a result, not the
        # query echoed in the search box.
        number = _number(case)
        urls += [
            reverse("oversight_case:index_results") + f"?q={number}",
            results + f"?label={number}",
            reverse("wagtailadmin_pages:search") + f"?q={number}",
        ]
    for user in world["users"].values():
        urls.append(results + f"?user={user.pk}")
    return urls


def _answer(client, method, url):
    if method == "GET":
        return client.get(url)
    return client.post(
        url, {"to_status": "in_progress", "handler": "", "text": "备注", "subject": "某", "summary": "某"}
    )


def _allowed(response):
    if response.status_code in (403, 404, 405):
        return False
    if response.status_code in (301, 302):
        location = response["Location"]
        return not (location.startswith("/admin/login") or location == reverse("wagtailadmin_home"))
    # 400: the case page re-rendered with the form's errors (the user reached the case).
    return response.status_code in (200, 400)


def test_every_admin_url_of_a_case_applies_the_region_scope(client, scope_world):
    from portal.oversight.models import Case

    mismatches = []
    checked = 0
    for role, users in SCOPE.items():
        client.force_login(scope_world["users"][role])
        for code, case in scope_world["cases"].items():
            Case.objects.filter(pk=case.pk).update(status="accepted")
            for name, method, url, routed in object_routes(case):
                expected = bool(routed) and code in users
                actual = _allowed(_answer(client, method, url))
                checked += 1
                if actual != expected:
                    mismatches.append(f"{role} / {code} case / {name}: {method} {url} allowed={actual}")
        client.logout()
    print(f"case scope: {checked} (role, case, URL) checks")
    assert not mismatches, "\n".join(mismatches)


def test_no_listing_shows_a_case_out_of_scope(client, scope_world):
    """Nothing of an out-of-scope case (reference, its handler's name) in any listing, filter
    choice or export, for every role; the in-scope case's reference is in the queue and the audit
    log (so the absence checks are meaningful)."""
    leaks = []
    checked = 0
    for role, codes in SCOPE.items():
        client.force_login(scope_world["users"][role])
        for url in listing_urls(scope_world):
            response = client.get(url)
            if response.status_code != 200:
                continue
            text = _text(response)
            checked += 1
            for code, case in scope_world["cases"].items():
                if code in codes:
                    continue
                secrets = [case.reference, STAFF[code]]
                if "/usage/" in url:
                    # Wagtail lists an object the user may not edit as "(私有 监督案件)": that
                    # alone says a complaint about the page exists.
                    secrets.append(str(case._meta.verbose_name))
                for secret in secrets:
                    if secret in text:
                        leaks.append(f"{role}: {url} shows {secret}")
        for code in codes:
            case = scope_world["cases"][code]
            for url in (
                reverse("oversight_case:index"),
                reverse("oversight_case:index_results") + f"?q={_number(case)}",
                reverse("wagtailadmin_reports:site_history"),
                reverse("wagtailadmin_reports:site_history_results") + f"?label={_number(case)}",
            ):
                assert case.reference in client.get(url).content.decode(), (role, url, case.reference)
        client.logout()
    print(f"case scope: {checked} listings checked")
    assert not leaks, "\n".join(leaks)
    assert checked > len(SCOPE) * 10


def test_case_audit_entries_are_scoped_in_the_log_model(scope_world):
    """The log model's own filter (used by every Wagtail view of log entries): each handler's
    entries are those of their cases."""
    from wagtail.log_actions import registry

    from portal.oversight.models import CaseLogEntry

    assert registry.get_log_model_for_model(type(scope_world["cases"]["330106"])) is CaseLogEntry
    for role, codes in SCOPE.items():
        user = scope_world["users"][role]
        seen = set(CaseLogEntry.objects.viewable_by_user(user).values_list("case__region__code", flat=True))
        assert seen == codes, role


def test_every_case_route_is_in_the_table(scope_world):
    """A new object route of the case viewset must be added to object_routes (and so be checked
    for every role against both cases)."""
    resolver = get_resolver()
    _prefix, case_resolver = resolver.namespace_dict["oversight_case"]
    names = {name for name in case_resolver.reverse_dict if isinstance(name, str)}
    object_names = {name for name in names if "pk" in str(case_resolver.reverse_dict.getlist(name)[0][0][0][1])}
    case = scope_world["cases"]["330106"]
    tested = {url for _name, _method, url, _routed in object_routes(case)}
    for name in object_names:
        args = [case.pk, case.attachment.pk] if name == "attachment" else [case.pk]
        url = reverse(f"oversight_case:{name}", args=args)
        assert url in tested or any(t.split("?")[0] == url for t in tested), name
    assert re.search(r"history", " ".join(object_names))
