"""One tabular exporter for every CSV and XLSX download of the portal (notices, evaluations, the
provider directory, township capacity, complaint statistics).

Built on Wagtail's `SpreadsheetExportMixin` (its cell conversion, and text that looks like a
formula stays text in XLSX) over rows of values with a header, as the portal's exports are made:
- CSV is streamed row by row with a UTF-8 byte-order mark, so that spreadsheet programs read Chinese;
- XLSX is written with openpyxl's write-only workbook (constant memory per row), one named sheet,
  optionally followed by further sheets (e.g. the import template's 填写说明);
- the file name goes into Content-Disposition through Django's `content_disposition_header`
  (RFC 6266: `filename*` for non-ASCII names).
Callers cap the number of rows (each export documents its cap)."""

import io
from collections import OrderedDict

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header
from wagtail.admin.views.mixins import SpreadsheetExportMixin

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
FORMATS = ("csv", "xlsx")


class TabularExport(SpreadsheetExportMixin):
    """`header` (column titles) and `rows` (an iterable of sequences of values, consumed once) as a
    CSV or XLSX response named `filename` (without extension). `extra_sheets`: (title, header,
    rows) of further XLSX sheets."""

    def __init__(self, header, rows, *, filename, sheet_title="Sheet1", extra_sheets=()):
        self.list_export = [f"c{index}" for index in range(len(header))]
        self.export_headings = {key: str(title) for key, title in zip(self.list_export, header, strict=True)}
        self.rows = rows
        self.export_filename = filename
        self.sheet_title = str(sheet_title)[:31]  # Excel's limit on sheet names
        self.extra_sheets = extra_sheets

    def get_heading(self, queryset, field):
        return self.export_headings[field]

    def to_row_dict(self, item):
        return OrderedDict(zip(self.list_export, item, strict=True))

    def stream_csv(self, queryset):
        yield "\ufeff"
        yield from super().stream_csv(queryset)

    def write_csv_response(self, queryset):
        response = StreamingHttpResponse(self.stream_csv(queryset), content_type=CSV_TYPE)
        response["Content-Disposition"] = content_disposition_header(True, f"{self.get_filename()}.csv")
        return response

    def _append(self, sheet, header, rows):
        sheet.append([str(title) for title in header])
        keys = [f"c{index}" for index in range(len(header))]
        for row in rows:
            sheet.append(self.generate_xlsx_row(sheet, OrderedDict(zip(keys, row, strict=True))))

    def write_xlsx(self, queryset, output):
        # Wagtail's write_xlsx names its one sheet "Sheet1"; the portal's sheets have names (the
        # provider import finds its sheet by name) and the import template has a second one.
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        self._append(
            workbook.create_sheet(self.sheet_title), [self.export_headings[k] for k in self.list_export], queryset
        )
        for title, header, rows in self.extra_sheets:
            self._append(workbook.create_sheet(str(title)[:31]), header, rows)
        workbook.save(output)

    def xlsx_bytes(self):
        output = io.BytesIO()
        self.write_xlsx(self.rows, output)
        return output.getvalue()

    def write_xlsx_response(self, queryset):
        response = HttpResponse(self.xlsx_bytes(), content_type=XLSX_TYPE)
        response["Content-Disposition"] = content_disposition_header(True, f"{self.get_filename()}.xlsx")
        return response

    def response(self, fmt):
        """The CSV or XLSX response (`fmt` one of FORMATS)."""
        if fmt not in FORMATS:
            raise ValueError(f"unknown tabular format {fmt!r}")
        return self.as_spreadsheet(self.rows, fmt)


def tabular_response(fmt, header, rows, filename, **options):
    """Shortcut: TabularExport(header, rows, filename=filename, **options).response(fmt)."""
    return TabularExport(header, rows, filename=filename, **options).response(fmt)


__all__ = ["FORMATS", "TabularExport", "XLSX_TYPE", "tabular_response"]
