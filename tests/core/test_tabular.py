"""The one tabular exporter (portal.core.listings.tabular) behind every CSV and XLSX download."""

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from portal.core.listings.tabular import TabularExport, tabular_response

HEADER = ["名称", "金额（元）", "备注"]
ROWS = [["杭州市社会工作服务中心", Decimal("2375000.00"), None], ['=HYPERLINK("http://x")', 3, "+1"]]


def test_csv_is_streamed_with_a_bom_and_the_chinese_file_name():
    response = tabular_response("csv", HEADER, iter(ROWS), "承接主体名录")
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "filename*=utf-8''" in response["Content-Disposition"].lower()
    body = response.getvalue().decode("utf-8")
    assert body.startswith("\ufeff名称,")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert rows == [HEADER, ["杭州市社会工作服务中心", "2375000.00", ""], ['=HYPERLINK("http://x")', "3", "+1"]]


def test_xlsx_names_its_sheets_keeps_numbers_and_never_writes_formulas():
    help_sheet = ("填写说明", ["列名"], [["名称"]])
    response = tabular_response("xlsx", HEADER, ROWS, "notices", sheet_title="采购公告", extra_sheets=[help_sheet])
    assert response["Content-Disposition"] == 'attachment; filename="notices.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["采购公告", "填写说明"]
    sheet = workbook["采购公告"]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == HEADER
    assert values[1][1] == 2375000
    # Text that looks like a formula is stored as text, not evaluated by the spreadsheet program.
    assert sheet["A3"].data_type == "s" and sheet["A3"].value == '=HYPERLINK("http://x")'
    assert workbook["填写说明"]["A2"].value == "名称"


# openpyxl's abandoned write-only sheet complains when garbage-collected after the error.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_rows_must_match_the_header():
    with pytest.raises(ValueError):
        TabularExport(HEADER, [["only one"]], filename="x").xlsx_bytes()


def test_unknown_format_is_refused():
    with pytest.raises(ValueError):
        tabular_response("pdf", HEADER, ROWS, "x")
