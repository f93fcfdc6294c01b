"""Exporting the directory (with its current filters) and the empty import template, as CSV or
XLSX, with the import columns so that an export can be edited and imported again."""

import csv
import io

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.encoding import escape_uri_path

from .columns import COLUMNS

CHUNK = 1000
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _yes_no(value):
    return "是" if value else "否"


def provider_row(provider):
    return [
        provider.name,
        provider.credit_code,
        provider.region.code,
        ";".join(i.name for i in provider.service_items.all()),
        provider.get_provider_type_display(),
        provider.registration_authority,
        provider.registered_on.isoformat() if provider.registered_on else "",
        provider.address,
        ";".join(r.code for r in provider.service_regions.all()),
        provider.description,
        provider.staff_count,
        provider.social_worker_count,
        provider.facilities,
        _yes_no(provider.governance_attested),
        _yes_no(provider.finance_attested),
        provider.contact_phone,
        provider.contact_email,
        provider.website,
        _yes_no(provider.verified),
        provider.verified_on.isoformat() if provider.verified_on else "",
        provider.get_status_display(),
        provider.get_latest_grade_display() if provider.latest_grade else "",
        provider.latest_grade_date.isoformat() if provider.latest_grade_date else "",
    ]


def rows(queryset):
    qs = queryset.select_related("region").prefetch_related("service_items", "service_regions")
    for provider in qs.iterator(chunk_size=CHUNK):
        yield provider_row(provider)


class _Echo:
    def write(self, value):
        return value


def _disposition(filename):
    return f"attachment; filename*=UTF-8''{escape_uri_path(filename)}"


def csv_response(data_rows, filename):
    writer = csv.writer(_Echo())

    def stream():
        yield "\ufeff"  # BOM, so that spreadsheet programs read UTF-8
        yield writer.writerow([c.key for c in COLUMNS])
        for row in data_rows:
            yield writer.writerow(row)

    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = _disposition(filename)
    return response


def xlsx_bytes(data_rows, with_help=False):
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("承接主体")
    sheet.append([c.key for c in COLUMNS])
    for row in data_rows:
        sheet.append(row)
    if with_help:
        notes = workbook.create_sheet("填写说明")
        notes.append(["列名", "含义", "是否必填", "说明", "示例"])
        for c in COLUMNS:
            notes.append([c.key, c.title, "必填" if c.required else "选填", c.help, c.example])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(data_rows, filename, with_help=False):
    response = HttpResponse(xlsx_bytes(data_rows, with_help=with_help), content_type=XLSX_TYPE)
    response["Content-Disposition"] = _disposition(filename)
    return response
