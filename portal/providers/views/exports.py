"""Directory exports with the current filters, and the import template."""

from django.http import Http404
from django.utils import timezone

from ..filters import ProviderFilterSet
from ..io.exporter import export_response, rows
from ..models import Provider

FORMATS = ("csv", "xlsx")


def export(request, fmt):
    if fmt not in FORMATS:
        raise Http404
    filterset = ProviderFilterSet.bind(request.GET, Provider.objects.all(), request)
    return export_response(fmt, rows(filterset.qs), f"承接主体名录-{timezone.localdate():%Y%m%d}")


def import_template(request, fmt):
    if fmt not in FORMATS:
        raise Http404
    return export_response(fmt, [], "承接主体导入模板", with_help=(fmt == "xlsx"))
