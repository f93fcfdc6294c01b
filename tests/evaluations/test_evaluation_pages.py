"""The public evaluation index (filters, facets, pagination, noindex, bounded queries), the result
page (numbers, weights, thresholds, chart with its table, report link), the project's takeover
plan, and the open-data downloads and API with the same filters."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from .evaluation_fixtures import make_result, scheme  # noqa: F401

pytestmark = pytest.mark.django_db

URL = "/disclosures/evaluations/"


@pytest.fixture
def spread(make_project, make_result):  # noqa: F811
    """Four results: two in Hangzhou (Xihu), two in Ningbo (Haishu), different grades and years."""
    hz = make_project(region="330106")
    nb = make_project(region="330203", service_items=("社会救助对象心理疏导",))
    return {
        "hz_excellent": make_result(hz, year=2025),
        "hz_fail": make_result(
            hz,
            year=2024,
            provider_name="失信服务社",
            provider_credit_code="52330106MJ0000002X",
            purchaser_score=Decimal("50"),
            satisfaction_rate=Decimal("55"),
            third_party_score=Decimal("50"),
        ),
        "nb_good": make_result(nb, year=2025, purchaser_score=Decimal("80"), third_party_score=Decimal("80")),
        "nb_pass": make_result(
            nb,
            year=2025,
            purchaser_score=Decimal("70"),
            satisfaction_rate=Decimal("70"),
            third_party_score=Decimal("70"),
        ),
    }


def test_url_name_and_listing(client, spread):
    assert reverse("evaluations:evaluation_list") == URL
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 4
    assert not response.context["noindex"]
    assert "失信服务社" in response.content.decode()


@pytest.mark.parametrize(
    "params,expected",
    [
        ({"grade": "fail"}, {"hz_fail"}),
        ({"year": "2024"}, {"hz_fail"}),
        ({"region": "330200"}, {"nb_good", "nb_pass"}),
        ({"region": "330106"}, {"hz_excellent", "hz_fail"}),
        ({"provider": "失信"}, {"hz_fail"}),
        ({"provider": "52330106MJ0000002X"}, {"hz_fail"}),
        ({"region": "330200", "grade": "good"}, {"nb_good"}),
    ],
)
def test_filters(client, spread, items, params, expected):
    response = client.get(URL, params)
    got = {key for key, r in spread.items() if r in list(response.context["results"])}
    assert got == expected
    assert response.context["noindex"]


def test_item_filter(client, spread, items):
    response = client.get(URL, {"item": items["社会救助对象心理疏导"].pk})
    assert {r.pk for r in response.context["results"]} == {spread["nb_good"].pk, spread["nb_pass"].pk}


def test_facet_counts(client, spread):
    groups = {g["key"]: g["entries"] for g in client.get(URL).context["facet_groups"]}
    assert [(str(link["label"]), link["count"]) for link in groups["grade"]] == [
        ("优秀", 1),
        ("良好", 1),
        ("合格", 1),
        ("不合格", 1),
    ]
    assert [(link["label"], link["count"]) for link in groups["region"]] == [("杭州市", 2), ("宁波市", 2)]
    assert [(link["label"], link["count"]) for link in groups["year"]] == [("2025", 3), ("2024", 1)]
    # Within a city the region facet lists the city as a whole and its counties; the other facets
    # count within the city.
    groups = {g["key"]: g["entries"] for g in client.get(URL, {"region": "330200"}).context["facet_groups"]}
    assert [(link["label"], link["count"]) for link in groups["region"]] == [("宁波市（全市）", 2), ("海曙区", 2)]
    assert sum(link["count"] for link in groups["grade"]) == 2
    # Disjunctive: the grade facet ignores the grade filter, the others follow it.
    groups = {g["key"]: g["entries"] for g in client.get(URL, {"grade": "excellent"}).context["facet_groups"]}
    assert [link["count"] for link in groups["grade"]] == [1, 1, 1, 1]
    assert [link["selected"] for link in groups["grade"]] == [True, False, False, False]
    assert sum(link["count"] for link in groups["region"]) == 1


def test_bad_parameters_give_400(client, spread):
    assert client.get(URL, {"grade": "best"}).status_code == 400
    assert client.get(URL, {"year": "abc"}).status_code == 400
    assert client.get(URL, {"region": "999999"}).status_code == 400


def test_pagination(client, make_project, make_result, monkeypatch):  # noqa: F811
    from portal.evaluations import views as evaluations

    monkeypatch.setattr(evaluations, "PER_PAGE", 2)
    project = make_project()
    for _ in range(5):
        make_result(project)
    response = client.get(URL, {"page": 3})
    assert response.context["page_obj"].number == 3 and len(response.context["results"]) == 1
    assert "第 3 页，共 3 页" in response.content.decode()


def test_index_query_count_is_bounded(client, make_project, make_result, django_assert_max_num_queries):  # noqa: F811
    project = make_project()
    for _ in range(3):
        make_result(project)
    client.get(URL)  # warm caches (site root paths, reference data)
    with django_assert_max_num_queries(12) as few:
        client.get(URL)
    for _ in range(12):
        make_result(project)
    client.get(URL)  # new pages clear Wagtail's cached site root paths; warm them again
    with django_assert_max_num_queries(12) as many:
        client.get(URL)
    assert len(many.captured_queries) == len(few.captured_queries)


def test_result_page_shows_numbers_weights_thresholds_chart_and_table(client, make_project, make_result, regions):  # noqa: F811
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    doc = Document(title="绩效评价报告")
    doc.file.save("report.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    doc.save()
    project = make_project()
    make_result(project, effect_score=Decimal("70"), management_score=Decimal("80"), impact_score=Decimal("90"))
    result = make_result(
        project,
        effect_score=Decimal("90"),
        management_score=Decimal("100"),
        impact_score=Decimal("80"),
        narrative="服务规范。",
        rectification="加强回访。",
        report_document=doc,
    )
    html = client.get(result.url).content.decode()
    assert "90.00" in html and "优秀" in html
    assert "测试方案" in html and "≥ 90" in html and "&lt; 60" in html
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img"' in html
    # The city average for the item: effect (70 + 90) / 2 = 80, management 90, impact 85.
    rows = client.get(result.url).context["comparison_rows"]
    assert [(str(label), score, avg) for label, score, avg in rows] == [
        ("服务成效", Decimal("90.00"), Decimal("80.00")),
        ("项目管理", Decimal("100.00"), Decimal("90.00")),
        ("社会影响", Decimal("80.00"), Decimal("85.00")),
        ("综合得分", Decimal("90.00"), Decimal("90.00")),
    ]
    assert "<caption>图表数据" in html and "杭州市" in html
    assert doc.url in html and "加强回访" in html


def test_average_excludes_other_cities_and_items(make_project, make_result):  # noqa: F811
    from portal.evaluations.context import city_averages

    result = make_result(make_project(), effect_score=Decimal("90"))
    make_result(make_project(region="330203"), effect_score=Decimal("10"))
    make_result(make_project(service_items=("资源链接",)), effect_score=Decimal("10"))
    make_result(make_project(), effect_score=Decimal("10"), publish=False)
    assert city_averages(result)["effect"] == Decimal("90.00")


def test_project_page_shows_takeover_plan_and_results(client, make_project, make_result):  # noqa: F811
    project = make_project(takeover_plan="由区社会救助服务中心临时接管，24小时内启动。")
    result = make_result(project)
    html = client.get(project.url).content.decode()
    assert "临时接管预案" in html and "24小时内启动" in html
    assert result.url in html


def test_csv_and_xlsx_follow_the_filters(client, spread):
    response = client.get(reverse("evaluations:evaluation_csv"), {"grade": "fail"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][0] == "评价年度" and len(rows) == 2
    assert rows[1][4] == "失信服务社" and rows[1][22] == "52.00" and rows[1][23] == "不合格"
    response = client.get(reverse("evaluations:evaluation_xlsx"), {"region": "330200"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 3
    assert client.get(reverse("evaluations:evaluation_csv"), {"grade": "x"}).status_code == 400


def test_api(client, spread):
    data = client.get("/api/v1/evaluations/", {"region": "330200"}).json()
    assert data["count"] == 2
    first = {item["grade"] for item in data["items"]}
    assert first == {"good", "pass"}
    item = data["items"][0]
    assert item["satisfaction_weight"] == "40.00" or float(item["satisfaction_weight"]) == 40
    assert client.get("/api/v1/evaluations/", {"grade": "nope"}).status_code == 400


def test_open_data_page_lists_the_evaluation_downloads(client, home_page):
    html = client.get(reverse("disclosures:open_data")).content.decode()
    assert reverse("evaluations:evaluation_csv") in html and "/api/v1/evaluations/" in html
