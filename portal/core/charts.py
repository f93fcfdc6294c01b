"""Server-side SVG charts: accessible (role="img" with <title> and <desc>), readable without
JavaScript, printable, and always shown next to a table of the same data."""

from dataclasses import dataclass
from html import escape

PALETTE = ["#0b4f9c", "#a4161a", "#2f6b2f", "#6b4c9a"]  # each >= 4.5:1 on white


@dataclass
class Series:
    label: str
    values: list


def _fmt(value):
    return f"{value:g}" if isinstance(value, float) else str(value)


def bar_chart(title, categories, series, description="", unit="", width=640, bar_height=14, chart_id=None):
    """Horizontal grouped bar chart. `categories` label the groups; each Series has one value per
    category. Returns SVG markup (a string, already escaped). `chart_id` keeps the ids of several
    charts on one page apart (default: derived from the title)."""
    import hashlib

    chart_id = chart_id or "chart-" + hashlib.sha1(title.encode()).hexdigest()[:8]
    label_width = 150
    gap = 10
    group_height = bar_height * len(series) + gap
    legend_height = 24
    height = legend_height + group_height * len(categories) + 4
    plot_width = width - label_width - 60
    peak = max([v for s in series for v in s.values if v is not None] + [1])
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {width} {height}" '
        f'width="100%" aria-labelledby="{chart_id}-title {chart_id}-desc" font-size="12" '
        f"font-family=\"'WenQuanYi Micro Hei','Noto Sans CJK SC',sans-serif\">",
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description or title)}</desc>',
    ]
    x = label_width
    for index, s in enumerate(series):
        colour = PALETTE[index % len(PALETTE)]
        parts.append(f'<rect x="{x}" y="4" width="12" height="12" fill="{colour}"/>')
        parts.append(f'<text x="{x + 16}" y="14" fill="#1a1a1a">{escape(s.label)}</text>')
        x += 16 + 14 * len(s.label) + 20
    for row, category in enumerate(categories):
        top = legend_height + row * group_height
        parts.append(
            f'<text x="{label_width - 6}" y="{top + group_height / 2}" text-anchor="end" '
            f'dominant-baseline="middle" fill="#1a1a1a">{escape(str(category))}</text>'
        )
        for index, s in enumerate(series):
            value = s.values[row] or 0
            length = plot_width * value / peak
            y = top + index * bar_height
            colour = PALETTE[index % len(PALETTE)]
            parts.append(
                f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar_height - 2}" fill="{colour}">'
                f"<title>{escape(str(category))} {escape(s.label)}：{_fmt(value)}{escape(unit)}</title></rect>"
            )
            parts.append(
                f'<text x="{label_width + length + 4:.1f}" y="{y + bar_height / 2}" dominant-baseline="middle" '
                f'fill="#1a1a1a">{_fmt(value)}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)
