"""Reading provider rows from CSV (UTF-8, with or without BOM) or XLSX files (first sheet),
with a header row. Rows are numbered as a spreadsheet shows them: the header is row 1."""

import csv
import datetime
import io
from pathlib import Path


class FileFormatError(Exception):
    """The file cannot be read at all (not a CSV/XLSX, no header...)."""


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _header(values):
    return [_cell(v).strip().lower() for v in values]


def read_csv(stream):
    text = stream.read()
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise FileFormatError("CSV 文件必须是 UTF-8 编码。")
    reader = csv.reader(io.StringIO(text))
    try:
        header = _header(next(reader))
    except StopIteration:
        raise FileFormatError("文件是空的。")
    rows = []
    for number, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        rows.append((number, dict(zip(header, (_cell(v) for v in values), strict=False)), len(values) > len(header)))
    return header, rows


def read_xlsx(stream):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(stream, read_only=True, data_only=True)
    except Exception as exc:
        raise FileFormatError(f"无法读取 XLSX 文件：{exc}")
    sheet = workbook.worksheets[0]
    iterator = sheet.iter_rows(values_only=True)
    try:
        header = _header(next(iterator))
    except StopIteration:
        raise FileFormatError("文件是空的。")
    while header and header[-1] == "":
        header.pop()
    rows = []
    for number, values in enumerate(iterator, start=2):
        values = [_cell(v) for v in values]
        if not any(values):
            continue
        extra = any(values[len(header) :])
        rows.append((number, dict(zip(header, values, strict=False)), extra))
    workbook.close()
    return header, rows


def read_file(path):
    """(header, [(row number, {column: text}, has extra cells)]) from a .csv or .xlsx path."""
    path = Path(path)
    suffix = path.suffix.lower()
    with path.open("rb") as stream:
        if suffix == ".csv":
            return read_csv(stream)
        if suffix == ".xlsx":
            return read_xlsx(stream)
    raise FileFormatError("只支持 .csv 和 .xlsx 文件。")
