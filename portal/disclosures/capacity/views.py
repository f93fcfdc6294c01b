"""Public view of township capacity (乡镇社会救助经办能力公开) with CSV and XLSX downloads."""

import django_filters
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from portal.core.charts import Series, bar_chart
from portal.core.listings import ListingFilterSet
from portal.core.listings.tabular import tabular_response
from portal.reference.filters import RegionFilter
from portal.reference.models import Region

from ..models import TownshipCapacity
from .rollup import cached_rollup


class CapacityFilterSet(ListingFilterSet):
    """The page's query string: the area shown (the province by default, a city or a county) and
    the format (the page, or its table as CSV or XLSX). A roll-up, not a list: no facets."""

    region = RegionFilter(
        queryset=Region.objects.filter(level__lte=Region.Level.COUNTY), index_key="capacity-areas", method="whole_area"
    )
    format = django_filters.ChoiceFilter(
        label=_l("格式"), choices=[("html", "HTML"), ("csv", "CSV"), ("xlsx", "XLSX")], method="whole_area"
    )

    class Meta:
        model = TownshipCapacity
        fields = []

    def whole_area(self, queryset, name, value):
        return queryset  # the roll-up reads the chosen area itself (cached_rollup)


def _scope(filterset):
    region = filterset.form.cleaned_data.get("region")
    return region or Region.objects.get(level=Region.Level.PROVINCE)


def _rows(result):
    """Header and rows of the table, shared by the page and the downloads."""
    if result.townships:
        header = [
            _("乡镇（街道）"),
            _("区划代码"),
            _("救助对象人数"),
            _("统计日期"),
            _("应配备人数"),
            _("实际到岗"),
            _("缺口"),
            _("派遣机构"),
            _("窗口地址"),
            _("办公时间"),
            _("窗口电话"),
        ]
        rows = []
        for row in result.townships:
            c = row.capacity
            rows.append(
                [
                    row.region.name,
                    row.region.code,
                    c.recipients if c else "",
                    c.recipients_as_of.isoformat() if c else "",
                    row.required if c else "",
                    c.posts_filled if c else "",
                    row.shortfall if c else "",
                    c.provider_name if c else "",
                    c.window_address if c else "",
                    c.window_hours if c else "",
                    c.window_phone if c else "",
                ]
            )
        return header, rows
    header = [
        _("地区"),
        _("区划代码"),
        _("乡镇（街道）数"),
        _("已填报"),
        _("救助对象人数"),
        _("应配备人数"),
        _("实际到岗"),
        _("缺口"),
        _("未达标乡镇数"),
    ]
    rows = [
        [
            a.region.name,
            a.region.code,
            a.townships,
            a.reported,
            a.recipients,
            a.required,
            a.filled,
            a.shortfall,
            a.short_townships,
        ]
        for a in result.areas
    ]
    return header, rows


def capacity(request):
    filterset = CapacityFilterSet.bind(request.GET, TownshipCapacity.objects.none(), request)
    fmt = filterset.form.cleaned_data.get("format") or "html"
    scope = _scope(filterset)
    result = cached_rollup(scope)
    header, rows = _rows(result)
    filename = f"capacity-{scope.code}"
    if fmt in ("csv", "xlsx"):
        return tabular_response(fmt, header, rows, filename, sheet_title=scope.name)

    if result.townships:
        labels = [row.region.name for row in result.townships if row.capacity]
        required = [row.required for row in result.townships if row.capacity]
        filled = [row.capacity.posts_filled for row in result.townships if row.capacity]
    else:
        labels = [a.region.name for a in result.areas]
        required = [a.required for a in result.areas]
        filled = [a.filled for a in result.areas]
    chart = bar_chart(
        _("%(name)s购买服务人员应配备与实际到岗") % {"name": scope.name},
        labels,
        [Series(_("应配备"), required), Series(_("实际到岗"), filled)],
        description=_("每个地区两条横条：应配备人数与实际到岗人数，数据见下表。"),
        unit=_("人"),
    )
    crumbs = [(a.name, f"?region={a.code}") for a in scope.ancestors()[1:]] if scope.parent_id else []
    return render(
        request,
        "disclosures/capacity.html",
        {
            "scope": scope,
            "result": result,
            "header": header,
            "rows": rows,
            "chart": chart,
            "scope_trail": crumbs,
            "crumbs": [(_("乡镇经办能力公开"), None)],
            "noindex": bool(request.GET),
        },
    )
