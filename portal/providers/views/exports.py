"""Directory exports with the current filters, and the import template."""

from django.http import Http404
from django.utils import timezone

from ..filters import ProviderFilterSet
from ..io.exporter import csv_response, rows, xlsx_response
from ..models import Provider

FORMATS = ("csv", "xlsx")


def export(request, fmt):
    if fmt not in FORMATS:
        raise Http404
    filterset = ProviderFilterSet(request.GET, queryset=Provider.objects.all()).validated()
    filename = f"承接主体名录-{timezone.localdate():%Y%m%d}.{fmt}"
    data = rows(filterset.qs)
    if fmt == "csv":
        return csv_response(data, filename)
    return xlsx_response(data, filename)


def import_template(request, fmt):
    if fmt not in FORMATS:
        raise Http404
    filename = f"承接主体导入模板.{fmt}"
    if fmt == "csv":
        return csv_response([], filename)
    return xlsx_response([], filename, with_help=True)
