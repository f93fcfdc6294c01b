"""Tracking with reference + access code: wrong codes reveal nothing and are rate-limited."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.oversight.factories import DEFAULT_ACCESS_CODE, CaseFactory
from portal.oversight.services import handling

from .conftest import make_handler

pytestmark = pytest.mark.django_db

URL = "/oversight/track/"


def test_url_name():
    assert reverse("oversight:track") == URL


def test_right_code_shows_history_due_date_days_waited_and_answer(client, bodies):
    received = timezone.make_aware(dt.datetime(2026, 9, 29, 10, 0))
    case = CaseFactory(received_at=received)
    handler = make_handler("h1", bodies["330106"])
    handling.change_status(case, "accepted", handler, public_note="已受理，由西湖区办理。")
    handling.change_status(
        case,
        "answered",
        handler,
        answer="经核查，服务站已整改。",
        now=timezone.make_aware(dt.datetime(2026, 10, 12, 9)),
    )
    response = client.post(URL, {"reference": case.reference.lower(), "access_code": DEFAULT_ACCESS_CODE.lower()})
    assert response.status_code == 200
    html = response.content.decode()
    assert case.reference in html and "已答复" in html and "已受理，由西湖区办理。" in html
    assert "经核查，服务站已整改。" in html
    assert "2026-10-26" in html  # 15 working days after 29 Sep 2026 across the National Day holiday
    assert "5 个工作日" in html  # 30 Sep, 8, 9, 10 (make-up Saturday) and 12 Oct
    assert "张三" not in html and "13812345678" not in html


def test_wrong_code_and_unknown_reference_get_the_same_answer(client, bodies):
    case = CaseFactory()
    wrong = client.post(URL, {"reference": case.reference, "access_code": "WRONG-CODE1"})
    unknown = client.post(URL, {"reference": "TS-2026-999999", "access_code": "WRONG-CODE1"})
    assert wrong.status_code == unknown.status_code == 404

    def body(response):
        html = response.content.decode()
        return html.split("<main", 1)[1].split("</main>")[0].split("csrfmiddlewaretoken")[0]

    assert body(wrong) == body(unknown)
    assert "受理编号或查询码不正确" in body(wrong)
    assert case.subject_text not in wrong.content.decode()


def test_tracking_is_rate_limited_per_address(client, bodies, settings):
    settings.OVERSIGHT_RATES = {"submit": "5/h", "track": "3/15m"}
    case = CaseFactory()
    for _ in range(3):
        client.post(URL, {"reference": case.reference, "access_code": "WRONG-CODE1"}, REMOTE_ADDR="10.1.1.1")
    # Even the right code is refused once the address is over the limit.
    response = client.post(
        URL, {"reference": case.reference, "access_code": DEFAULT_ACCESS_CODE}, REMOTE_ADDR="10.1.1.1"
    )
    assert response.status_code == 429 and "查询过于频繁" in response.content.decode()
    assert case.subject_text not in response.content.decode()
    other = client.post(URL, {"reference": case.reference, "access_code": DEFAULT_ACCESS_CODE}, REMOTE_ADDR="10.1.1.2")
    assert other.status_code == 200


def test_overdue_case_is_flagged_on_tracking(client, bodies):
    case = CaseFactory(received_at=timezone.now() - dt.timedelta(days=60))
    html = client.post(URL, {"reference": case.reference, "access_code": DEFAULT_ACCESS_CODE}).content.decode()
    assert "已超过答复期限" in html
