"""What an evaluation result page shows: its numbers, the scheme's weights and thresholds, and the
dimension scores and composite against the city's average for the same service item (an SVG chart
and a table of the same data)."""

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count
from django.utils.translation import gettext as _

from portal.core.charts import Series, bar_chart

CENT = Decimal("0.01")


def _round(value):
    return None if value is None else Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def city_averages(result):
    """Average dimension and composite scores of the live results in the same city and service item
    (one aggregate query), or None if there is nothing to compare with."""
    from portal.evaluations.models import EvaluationResultPage

    if result.city_id is None or result.service_item_id is None:
        return None
    peers = EvaluationResultPage.objects.live().filter(city_id=result.city_id, service_item_id=result.service_item_id)
    row = peers.aggregate(
        n=Count("pk"),
        effect=Avg("effect_score"),
        management=Avg("management_score"),
        impact=Avg("impact_score"),
        composite=Avg("composite_score"),
    )
    if not row["n"]:
        return None
    return {key: (_round(value) if key != "n" else value) for key, value in row.items()}


def comparison_rows(result, averages):
    """(label, this result's score, city average) rows: the three dimensions, then the composite."""
    averages = averages or {}
    rows = [
        (_("服务成效"), result.effect_score, averages.get("effect")),
        (_("项目管理"), result.management_score, averages.get("management")),
        (_("社会影响"), result.impact_score, averages.get("impact")),
        (_("综合得分"), result.composite_score, averages.get("composite")),
    ]
    return [row for row in rows if row[1] is not None]


def comparison_chart(result, rows, averages):
    city = result.city.name if result.city_id else ""
    item = result.service_item.name if result.service_item_id else ""
    series = [Series(_("本次评价"), [float(r[1]) for r in rows])]
    if averages:
        series.append(Series(_("%(city)s同类项目平均") % {"city": city}, [float(r[2] or 0) for r in rows]))
    title = _("%(provider)s %(year)s年度绩效评价得分") % {"provider": result.provider_name, "year": result.year}
    description = "；".join(
        f"{label}{_('本次')}{score:g}" + (f"，{_('平均')}{average:g}" if average is not None else "")
        for label, score, average in rows
    )
    if averages:
        description = (
            _("与%(city)s%(item)s项目平均分比较（%(n)s项评价）：")
            % {
                "city": city,
                "item": item,
                "n": averages["n"],
            }
            + description
        )
    return bar_chart(title, [r[0] for r in rows], series, description=description, unit=_("分"))


def result_context(result):
    averages = city_averages(result)
    rows = comparison_rows(result, averages)
    scheme = result.scheme
    return {
        "scheme": scheme,
        "weights": [
            (_("购买主体评分"), scheme.purchaser_weight, result.purchaser_score),
            (_("服务对象满意度"), scheme.satisfaction_weight, result.satisfaction_rate),
            (_("第三方评分"), scheme.third_party_weight, result.third_party_score),
        ],
        "thresholds": scheme.thresholds(),
        "averages": averages,
        "comparison_rows": rows,
        "chart": comparison_chart(result, rows, averages) if rows else "",
        "provider": result.provider(),
    }
