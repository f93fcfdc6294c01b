"""portal.reference.codes: every GB/T 2260 computation."""

import pytest

from portal.reference import codes


@pytest.mark.parametrize(
    "code, level, prefix, province, city, county, parent",
    [
        ("330000", codes.PROVINCE, "33", "330000", "", "", ""),
        ("330100", codes.CITY, "3301", "330000", "330100", "", "330000"),
        ("330106", codes.COUNTY, "330106", "330000", "330100", "330106", "330100"),
        ("330106001", codes.TOWNSHIP, "330106001", "330000", "330100", "330106", "330106"),
    ],
)
def test_every_level(code, level, prefix, province, city, county, parent):
    assert codes.level(code) == level
    assert codes.prefix(code) == prefix
    assert codes.province_code(code) == province
    assert codes.city_code(code) == city
    assert codes.city_prefix(code) == (city[:4] if city else "")
    assert codes.county_code(code) == county
    assert codes.city_level_code(code) == code[:4] + "00"
    assert codes.county_level_code(code) == code[:6]
    assert codes.parent_code(code) == parent


@pytest.mark.parametrize("bad", ["", "33", "3301", "33010x", None, 330106, "abcdef"])
def test_anything_else_is_no_code(bad):
    assert codes.level(bad) is None
    assert codes.city_code(bad) == "" and codes.county_code(bad) == "" and codes.parent_code(bad) == ""
    assert not codes.within(bad, "330000")


def test_fallback_and_within():
    assert codes.fallback_codes("330106") == ["330106", "330100", "330000"]
    assert codes.fallback_codes("330100") == ["330100", "330000"]
    assert codes.fallback_codes("330000") == ["330000"]
    assert codes.within("330106001", "330100") and codes.within("330106", "330106")
    assert not codes.within("330206", "330100") and not codes.within("340100", "330000")
