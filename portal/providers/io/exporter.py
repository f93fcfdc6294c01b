"""Exporting the directory (with its current filters) and the empty import template, as CSV or
XLSX, with the import columns so that an export can be edited and imported again."""

from portal.core.listings.tabular import tabular_response

from .columns import COLUMNS

CHUNK = 1000


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


def export_response(fmt, data_rows, filename, with_help=False):
    """The directory rows (or none, for the import template) as CSV or XLSX, with the import
    columns as the header (portal.core.listings.tabular); the XLSX template adds the sheet 填写说明."""
    extra = []
    if with_help:
        help_header = ["列名", "含义", "是否必填", "说明", "示例"]
        help_rows = [[c.key, c.title, "必填" if c.required else "选填", c.help, c.example] for c in COLUMNS]
        extra.append(("填写说明", help_header, help_rows))
    header = [c.key for c in COLUMNS]
    return tabular_response(fmt, header, data_rows, filename, sheet_title="承接主体", extra_sheets=extra)
