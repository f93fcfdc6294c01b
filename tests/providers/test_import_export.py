"""import_providers (CSV and XLSX), its all-or-nothing validation, dry runs, re-imports, and the
directory exports and templates (which use the same columns)."""

import csv
import io
import random

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook, load_workbook

from portal.providers.io.columns import COLUMN_KEYS
from portal.providers.models import Provider
from portal.reference import credit_code as cc

pytestmark = pytest.mark.django_db

HEADER = ["name", "credit_code", "region_code", "service_items", "staff_count", "description"]
rng = random.Random(42)
CODE_A = cc.generate("5", "2", "330106", rng=rng)
CODE_B = cc.generate("9", "1", "330203", rng=rng)
CODE_C = cc.generate("5", "1", "330302", rng=rng)
GOOD_ROWS = [
    ["杭州市西湖区阳光社会工作服务中心", CODE_A, "330106", "社会救助对象照料护理;资源链接", "25", "上门照料护理"],
    ["宁波慧民信息技术有限公司", CODE_B, "330203", "社会救助家庭经济状况核对", "80", "核对系统运维"],
    ["温州市鹿城区助残协会", CODE_C, "330302", "社会救助对象康复训练", "6", ""],
]


def write_csv(path, rows, header=HEADER):
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_xlsx(path, rows, header=HEADER):
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append([int(v) if k == "staff_count" and v.isdigit() else v for k, v in zip(header, row, strict=True)])
    wb.save(path)
    return path


def run(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_providers", str(path), "--no-progress", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_good_csv_creates_providers(tmp_path, regions):
    out, _ = run(write_csv(tmp_path / "p.csv", GOOD_ROWS))
    assert "新增 3 家，更新 0 家" in out
    sunshine = Provider.objects.get(credit_code=CODE_A)
    assert sunshine.name == "杭州市西湖区阳光社会工作服务中心"
    assert sunshine.region.code == "330106"
    assert sunshine.provider_type == "social_org"
    assert sunshine.staff_count == 25
    assert sorted(i.name for i in sunshine.service_items.all()) == ["社会救助对象照料护理", "资源链接"]
    assert [r.code for r in sunshine.service_regions.all()] == ["330106"]
    assert Provider.objects.get(credit_code=CODE_B).provider_type == "enterprise"
    # Imported providers are found by the segmented keyword search.
    assert "照料" in sunshine.search_text and "阳光" in sunshine.search_text


def test_good_xlsx(tmp_path, regions):
    out, _ = run(write_xlsx(tmp_path / "p.xlsx", GOOD_ROWS))
    assert "新增 3 家" in out
    assert Provider.objects.get(credit_code=CODE_B).staff_count == 80


def test_bad_rows_are_all_reported_and_nothing_is_written(tmp_path, regions):
    bad_check = CODE_A[:-1] + ("0" if CODE_A[-1] != "0" else "1")
    rows = [
        GOOD_ROWS[0],
        ["错误校验码机构", bad_check, "330106", "资源链接", "1", ""],
        ["", CODE_C, "330302", "社会救助对象康复训练", "1", ""],
        ["未知地区机构", cc.generate("5", "2", "330106", rng=rng), "999999", "资源链接", "1", ""],
        ["未知项目机构", cc.generate("5", "2", "330106", rng=rng), "330106", "打扫卫生", "-3", ""],
        ["重复代码机构", CODE_A, "330106", "资源链接", "1", ""],
    ]
    with pytest.raises(CommandError, match="未导入任何数据"):
        run(write_csv(tmp_path / "bad.csv", rows))
    assert Provider.objects.count() == 0


def test_error_messages_name_row_and_reason(tmp_path, regions):
    from portal.providers.io.importer import ProviderImporter
    from portal.providers.io.reader import read_file

    bad_check = CODE_A[:-1] + ("0" if CODE_A[-1] != "0" else "1")
    rows = [
        GOOD_ROWS[0],
        ["错误校验码机构", bad_check, "330106", "资源链接", "1", ""],
        ["", CODE_C, "330302", "社会救助对象康复训练", "1", ""],
        ["未知地区机构", cc.generate("5", "2", "330106", rng=rng), "999999", "资源链接", "1", ""],
        ["未知项目机构", cc.generate("5", "2", "330106", rng=rng), "330106", "打扫卫生", "-3", ""],
        ["重复代码机构", CODE_A, "330106", "资源链接", "1", ""],
    ]
    header, raw = read_file(write_csv(tmp_path / "bad.csv", rows))
    report = ProviderImporter().run(header, raw)
    messages = [str(e) for e in report.errors]
    assert any(m.startswith("第 3 行，credit_code 列") and "校验码错误" in m for m in messages)
    assert any(m.startswith("第 4 行，name 列") and "必填" in m for m in messages)
    assert any(m.startswith("第 5 行，region_code 列") and "999999" in m for m in messages)
    assert any(m.startswith("第 6 行，service_items 列") and "打扫卫生" in m for m in messages)
    assert any(m.startswith("第 6 行，staff_count 列") for m in messages)
    assert any(m.startswith("第 7 行，credit_code 列") and "第 2 行" in m for m in messages)
    assert not any(m.startswith("第 2 行") for m in messages)
    assert Provider.objects.count() == 0


def test_missing_and_unknown_columns(tmp_path, regions):
    path = write_csv(tmp_path / "cols.csv", [["a", CODE_A, "330106"]], header=["name", "credit_code", "region", "x"])
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_providers", str(path), "--no-progress", stderr=err, stdout=io.StringIO())
    assert "缺少必填列：region_code、service_items" in err.getvalue()
    assert "无法识别的列：region、x" in err.getvalue()


def test_reimport_updates_by_credit_code(tmp_path, regions):
    run(write_csv(tmp_path / "p.csv", GOOD_ROWS))
    changed = [list(GOOD_ROWS[0]), GOOD_ROWS[1]]
    changed[0][0] = "杭州市西湖区阳光社会工作服务中心（更名）"
    changed[0][3] = "社会救助对象心理疏导"
    changed[0][4] = "30"
    out, _ = run(write_csv(tmp_path / "p2.csv", changed))
    assert "新增 0 家，更新 2 家" in out
    assert Provider.objects.count() == 3
    sunshine = Provider.objects.get(credit_code=CODE_A)
    assert sunshine.name.endswith("（更名）") and sunshine.staff_count == 30
    assert [i.name for i in sunshine.service_items.all()] == ["社会救助对象心理疏导"]
    assert "心理" in sunshine.search_text and "资源" not in sunshine.search_text


def test_dry_run_writes_nothing(tmp_path, regions):
    out, _ = run(write_xlsx(tmp_path / "p.xlsx", GOOD_ROWS), "--dry-run")
    assert "试运行" in out and "将新增 3 家" in out
    assert Provider.objects.count() == 0


def test_export_with_filters_round_trips(client, tmp_path, regions):
    run(write_csv(tmp_path / "p.csv", GOOD_ROWS))
    response = client.get("/providers/export.csv", {"region": "330100"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == COLUMN_KEYS
    assert [r[1] for r in rows[1:]] == [CODE_A]
    # The export re-imports unchanged (export-only columns are ignored).
    export_path = tmp_path / "export.csv"
    export_path.write_text(text, encoding="utf-8")
    out, _ = run(export_path)
    assert "新增 0 家，更新 1 家" in out

    xlsx = client.get("/providers/export.xlsx", {"q": "核对"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    values = list(sheet.iter_rows(values_only=True))
    assert [v[1] for v in values[1:]] == [CODE_B]
    assert client.get("/providers/export.csv", {"grade": "bad"}).status_code == 400


def test_templates(client):
    csv_text = b"".join(client.get("/providers/import-template.csv").streaming_content).decode("utf-8-sig")
    assert csv_text.strip().split(",") == COLUMN_KEYS
    workbook = load_workbook(io.BytesIO(client.get("/providers/import-template.xlsx").content))
    assert [c.value for c in workbook.worksheets[0][1]] == COLUMN_KEYS
    assert workbook.worksheets[1].title == "填写说明"
    assert client.get("/providers/import-template.pdf").status_code == 404
