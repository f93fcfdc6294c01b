"""OCDS 1.1 open data: the release package and record package validate with zero errors against the
OCDS 1.1.5 schema (offline, date-time format checked) and `ocdskit compile` merges them."""

import datetime as dt
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.disclosures.models import Method, NoticeKind
from portal.disclosures.ocds import schema

from .conftest import aware

pytestmark = pytest.mark.django_db
D = dt.date


def _validator(package_schema_name):
    """The portal's bundled validator (portal/disclosures/ocds/standard/), formats checked."""
    from jsonschema import FormatChecker

    assert "date-time" in FormatChecker().checkers, "rfc3339-validator must be installed to check date-time"
    return schema.validator("record" if package_schema_name.startswith("record") else "release")


def _errors(validator, data):
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]


def test_bundled_schema_is_the_standard_1_1_5():
    """The vendored files are the standard's, unchanged (checksums of tag 1__1__5)."""
    import hashlib

    expected = {
        "release-schema.json": "fac192e1ccfb061f5164bdb2d64c29e517c0f81661996b97de40cebc55a2c1bc",
        "release-package-schema.json": "06577cec73cc16eca0cac331a7ea9ee9cd684b21c55f5f0711f7442623153698",
        "record-package-schema.json": "ba7bc9acfc307b6f311a54a62f686f1d9e199e61712314f995a090b660168da1",
    }
    for name, digest in expected.items():
        assert hashlib.sha256((schema.STANDARD_DIR / name).read_bytes()).hexdigest() == digest, name
    assert (schema.STANDARD_DIR.parent / "LICENSE").read_text().count("Apache License") >= 1
    assert (schema.STANDARD_DIR / "codelists" / "method.csv").exists()


@pytest.fixture
def lifecycle(make_project, publish_notice):
    """One project through every kind of notice, and a terminated second project."""
    project = make_project(method=Method.OPEN, title="西湖区特困人员照料护理服务项目")
    publish_notice(project, NoticeKind.INTENTION, published_on=D(2026, 8, 1), planned_start=D(2026, 9, 1))
    publish_notice(
        project,
        NoticeKind.TENDER,
        published_on=D(2026, 9, 1),
        bid_deadline=aware(2026, 9, 29),
        documents_until=D(2026, 9, 8),
        place="杭州市西湖区文三路1号",
    )
    publish_notice(project, NoticeKind.CORRECTION, published_on=D(2026, 9, 10), new_bid_deadline=aware(2026, 10, 8))
    publish_notice(
        project,
        NoticeKind.RESULT,
        published_on=D(2026, 10, 14),
        decision_date=D(2026, 10, 9),
        supplier_name="杭州市西湖区阳光社会工作服务中心",
        supplier_credit_code="52330106MJ0000000X",
        amount=Decimal("480000"),
        evaluation_panel="张三\n李四\n王五",
    )
    publish_notice(
        project,
        NoticeKind.CONTRACT,
        published_on=D(2026, 10, 20),
        signed_on=D(2026, 10, 19),
        supplier_name="杭州市西湖区阳光社会工作服务中心",
        supplier_credit_code="52330106MJ0000000X",
        amount=Decimal("480000"),
        contract_start=D(2026, 11, 1),
        contract_end=D(2027, 10, 31),
    )
    publish_notice(
        project,
        NoticeKind.ACCEPTANCE,
        published_on=D(2026, 11, 20),
        accepted_on=D(2026, 11, 18),
        acceptance_result="passed",
        recipients_participation="12名特困人员代表参与验收评议",
        satisfaction=Decimal("96.5"),
    )
    other = make_project(region="330203", method=Method.SINGLE_SOURCE, service_items=("罕见病对象跟踪",))
    publish_notice(
        other,
        NoticeKind.SINGLE_SOURCE,
        published_on=D(2026, 9, 29),
        publicity_end=D(2026, 10, 12),
        supplier_name="浙江省罕见病关爱中心",
        single_source_reason="唯一具备服务能力",
    )
    publish_notice(
        other, NoticeKind.TERMINATION, published_on=D(2026, 10, 20), termination_reason="预算调整，项目终止。"
    )
    project.refresh_from_db()
    return project, other


def test_release_package_validates_with_zero_errors(client, lifecycle):
    response = client.get(reverse("disclosures:ocds_releases"))
    assert response.status_code == 200
    package = response.json()
    assert len(package["releases"]) == 8
    tags = {tag for r in package["releases"] for tag in r["tag"]}
    assert tags == {
        "planning",
        "tender",
        "tenderAmendment",
        "award",
        "contract",
        "implementation",
        "tenderCancellation",
    }
    methods = {
        r["tender"].get("procurementMethod") for r in package["releases"] if "procurementMethod" in r.get("tender", {})
    }
    assert methods == {"open", "direct"}
    assert _errors(_validator("release-package-schema.json"), package) == []
    dates = [r["date"] for r in package["releases"]]
    assert dates == sorted(dates, reverse=True)


def test_validator_catches_bad_date_time(client, lifecycle):
    package = client.get(reverse("disclosures:ocds_releases")).json()
    package["releases"][0]["date"] = "2026-13-45 25:00"
    assert any("date-time" in e for e in _errors(_validator("release-package-schema.json"), package))


def test_record_package_validates_with_zero_errors(client, lifecycle):
    project, _ = lifecycle
    response = client.get(reverse("disclosures:ocds_record", args=[project.ocid]))
    assert response.status_code == 200
    package = response.json()
    assert _errors(_validator("record-package-schema.json"), package) == []
    record = package["records"][0]
    compiled = record["compiledRelease"]
    assert compiled["awards"][0]["suppliers"][0]["name"] == "杭州市西湖区阳光社会工作服务中心"
    assert compiled["tender"]["tenderPeriod"]["endDate"].startswith("2026-10-08")
    assert compiled["contracts"][0]["value"]["amount"] == 480000


def test_paging_and_since(client, lifecycle):
    url = reverse("disclosures:ocds_releases")
    future = (timezone.localdate() + dt.timedelta(days=2)).isoformat()
    assert client.get(url, {"since": future}).json()["releases"] == []
    assert client.get(url, {"since": "yesterday"}).status_code == 400
    assert client.get(url, {"page": "0"}).status_code == 400
    from portal.disclosures.ocds import packages

    original = packages.PAGE_SIZE
    packages.PAGE_SIZE = 3
    try:
        first = client.get(url)
        assert len(first.json()["releases"]) == 3 and 'rel="next"' in first["Link"]
        third = client.get(url, {"page": 3})
        assert len(third.json()["releases"]) == 2 and 'rel="next"' not in third["Link"]
    finally:
        packages.PAGE_SIZE = original


def test_unknown_ocid_is_404(client, lifecycle):
    assert client.get(reverse("disclosures:ocds_record", args=["ocds-zzzzzz-1"])).status_code == 404


def test_ocdskit_compile_merges_the_releases(client, lifecycle, tmp_path):
    package = client.get(reverse("disclosures:ocds_releases")).json()
    source = tmp_path / "releases.json"
    source.write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")
    ocdskit = Path(sys.executable).with_name("ocdskit")
    result = subprocess.run(
        [
            str(ocdskit),
            "compile",
            "--schema",
            str(schema.SCHEMA_PATH),
            "--package",
            "--uri",
            "http://testserver/open-data/ocds/records/",
            "--published-date",
            package["publishedDate"],
            "--publisher-name",
            package["publisher"]["name"],
        ],
        stdin=source.open("rb"),
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr.decode()
    records = json.loads(result.stdout)["records"]
    assert len(records) == 2
    compiled = {r["ocid"]: r["compiledRelease"] for r in records}
    project, other = lifecycle
    assert compiled[project.ocid]["contracts"][0]["dateSigned"].startswith("2026-10-19")
    assert compiled[other.ocid]["tender"]["status"] == "cancelled"
    assert _errors(_validator("record-package-schema.json"), json.loads(result.stdout)) == []


def test_release_package_queries_are_bounded(client, lifecycle, django_assert_max_num_queries):
    url = reverse("disclosures:ocds_releases")
    client.get(url)
    # Eight releases: count, rows, documents, service items, site, settings; not one per release.
    with django_assert_max_num_queries(9):
        assert len(client.get(url).json()["releases"]) == 8
