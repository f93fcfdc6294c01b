"""Money is written one way: exact to the fen, comma-grouped, with the unit ("2,375,000.00 元")."""

from decimal import Decimal

from django.template import Context, Template
from django.utils import translation

from portal.core.money import format_amount, format_yuan


def test_amounts_are_grouped_and_exact():
    assert format_amount(Decimal("2375000.00")) == "2,375,000.00"
    assert format_amount(Decimal("1185080.5")) == "1,185,080.50"
    assert format_amount(980) == "980.00"
    assert format_amount(None) == "" and format_amount("abc") == "" and format_amount(Decimal("NaN")) == ""


def test_the_money_filter_writes_yuan_and_a_dash_for_nothing():
    with translation.override("zh-hans"):
        assert format_yuan(Decimal("2375000")) == "2,375,000.00 元"
        template = Template("{% load portal_tags %}{{ a|money }}|{{ b|money }}")
        assert template.render(Context({"a": Decimal("2375000.00"), "b": None})) == "2,375,000.00 元|—"
