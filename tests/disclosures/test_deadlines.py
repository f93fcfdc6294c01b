"""The public deadline calculator page and GET /api/v1/deadlines/."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_api_returns_exact_shape(client):
    response = client.get("/api/v1/deadlines/", {"rule": "open_tender_bid", "start": "2026-09-13"})
    assert response.status_code == 200
    assert response.json() == {
        "rule": "open_tender_bid",
        "start": "2026-09-13",
        "deadline": "2026-10-08",
        "unit": "calendar_days",
        "days": 20,
        "citation": "政府采购法第三十五条",
        "calendar_official": True,
    }


def test_api_working_days_and_unofficial_year(client):
    data = client.get("/api/v1/deadlines/", {"rule": "result_notice", "start": "2026-02-13"}).json()
    assert data["deadline"] == "2026-02-24" and data["unit"] == "working_days"
    data = client.get("/api/v1/deadlines/", {"rule": "complaint_decision", "start": "2026-12-20"}).json()
    assert data["calendar_official"] is False


@pytest.mark.parametrize(
    "params,word",
    [
        ({"rule": "nonsense", "start": "2026-09-13"}, "未知的期限规则"),
        ({"rule": "open_tender_bid", "start": "2026-02-30"}, "起算日期格式错误"),
        ({"rule": "open_tender_bid"}, "起算日期格式错误"),
    ],
)
def test_api_bad_input_is_400_with_message(client, params, word):
    response = client.get("/api/v1/deadlines/", params)
    assert response.status_code == 400
    assert word in response.json()["detail"]


def test_calculator_page(client):
    url = reverse("disclosures:deadline_calculator")
    response = client.get(url)
    assert response.status_code == 200
    assert "complaint_decision" in response.content.decode()
    response = client.get(url, {"rule": "correction_notice", "start": "2026-09-20"})
    html = response.content.decode()
    assert "2026-10-08" in html and "政府采购法实施条例第三十一条" in html and "星期四" in html
    response = client.get(url, {"rule": "correction_notice", "start": "not-a-date"})
    assert response.status_code == 400
    assert 'value="not-a-date"' in response.content.decode()
    response = client.get(url, {"rule": "complaint_decision", "start": "2026-12-20"})
    assert "2027 年尚未载入" in response.content.decode()
