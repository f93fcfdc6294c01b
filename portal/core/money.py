"""Money on public pages, PDFs and feeds: one format everywhere, exact to the fen, with thousands
separators: "2,375,000.00 元" (never "2375000.00 元" next to "237.5万元"). The API and open data keep
the raw numbers."""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext


def format_amount(value):
    """'2,375,000.00' for 2375000 (two decimals, comma-grouped), '' for None or non-numbers."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return ""
    if not number.is_finite():
        return ""
    return f"{number:,.2f}"


def format_yuan(value):
    """'2,375,000.00 元', or '' for None."""
    amount = format_amount(value)
    return f"{amount} {gettext('元')}" if amount else ""
