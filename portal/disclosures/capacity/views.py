"""Public view of township capacity (乡镇社会救助经办能力公开) with CSV and XLSX downloads."""

from django.core.exceptions import BadRequest
from django.shortcuts import render
from django.utils.translation import gettext as _

from portal.core.charts import Series, bar_chart
from portal.core.tabular import tabular_response
from portal.reference.models import Region

from .rollup import cached_rollup

FORMATS = {"html", "csv", "xlsx"}


def _scope(request):
    code = request.GET.get("region", "").strip()
    if not code:
        return Region.objects.get(level=Region.Level.PROVINCE)
    region = Region.objects.filter(code=code, level__lte=Region.Level.COUNTY).first() if code.isdigit() else None
    if region is None:
        raise BadRequest(_("地区代码“%(code)s”无效，请选择设区市或县（市、区）。") % {"code": code[:20]})
    return region


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
    fmt = request.GET.get("format", "html")
    if fmt not in FORMATS:
        raise BadRequest(_("不支持的格式：%(fmt)s") % {"fmt": fmt[:10]})
    scope = _scope(request)
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
