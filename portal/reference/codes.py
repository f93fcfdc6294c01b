"""Every computation on administrative division codes, in one place.

GB/T 2260 codes have six digits: two for the province, two for the city (prefecture), two for the
county (district); a city's code ends in 00, a province's in 0000. Townships and streets carry the
nine-digit (or longer) statistical codes whose first six digits are their county's. Everything else
in the portal calls these functions instead of slicing codes by hand.

    level("330000") == PROVINCE    prefix("330000") == "33"
    level("330100") == CITY        prefix("330100") == "3301"     city_code("330106") == "330100"
    level("330106") == COUNTY      prefix("330106") == "330106"   province_code("330106") == "330000"
    level("330106001") == TOWNSHIP prefix("330106001") == "330106001"
"""

PROVINCE, CITY, COUNTY, TOWNSHIP = 1, 2, 3, 4


def is_division_code(code):
    """A six-digit GB/T 2260 code or a longer all-digit statistical code."""
    return isinstance(code, str) and code.isdigit() and len(code) >= 6


def level(code):
    """PROVINCE, CITY, COUNTY or TOWNSHIP by the code's form; None for anything else."""
    if not is_division_code(code):
        return None
    if len(code) > 6:
        return TOWNSHIP
    if code[2:] == "0000":
        return PROVINCE
    if code[4:] == "00":
        return CITY
    return COUNTY


def prefix(code):
    """The significant prefix, shared by the region and everything below it (for `startswith`
    matching): 33 for a province, 3301 for a city, 330106 for a county, the whole code below."""
    kind = level(code)
    if kind == PROVINCE:
        return code[:2]
    if kind == CITY:
        return code[:4]
    if kind == COUNTY:
        return code[:6]
    return code


def province_code(code):
    """The six-digit code of the province the code lies in."""
    return code[:2] + "0000" if is_division_code(code) else ""


def city_code(code):
    """The six-digit code of the city the code lies in ("" for a province or anything else)."""
    kind = level(code)
    return code[:4] + "00" if kind is not None and kind >= CITY else ""


def city_level_code(code):
    """The code cut to city level: the city's code at or below city level, a province's own code
    (its digits 3-4 are 00): what the registry's city facet groups by ("" for anything else)."""
    return code[:4] + "00" if is_division_code(code) else ""


def county_level_code(code):
    """The code cut to county level (its first six digits): what the registry's county facet groups
    by ("" for anything else)."""
    return code[:6] if is_division_code(code) else ""


def city_prefix(code):
    """The four-digit prefix of the city the code lies in ("" for a province or anything else)."""
    kind = level(code)
    return code[:4] if kind is not None and kind >= CITY else ""


def county_code(code):
    """The six-digit code of the county the code lies in ("" above county level)."""
    kind = level(code)
    return code[:6] if kind is not None and kind >= COUNTY else ""


def parent_code(code):
    """The code of the next level up: county for a township, city for a county, province for a
    city; "" for a province (or anything else)."""
    kind = level(code)
    if kind == TOWNSHIP:
        return code[:6]
    if kind == COUNTY:
        return city_code(code)
    if kind == CITY:
        return province_code(code)
    return ""


def fallback_codes(code):
    """The code, its city and its province, most specific first, without repeats: where to look
    when a code in an old document names a county that no longer exists."""
    found = []
    for candidate in (code, city_code(code), province_code(code)):
        if candidate and candidate not in found:
            found.append(candidate)
    return found


def within(code, ancestor):
    """Whether `code` is `ancestor` or lies below it."""
    return is_division_code(code) and is_division_code(ancestor) and code.startswith(prefix(ancestor))
