"""Telephone area codes (长途区号) of Zhejiang's cities: a landline in a township, a county or a city
carries its city's code (杭州 0571 … 丽水 0578)."""

AREA_CODES = {
    "330100": "0571",  # 杭州
    "330200": "0574",  # 宁波
    "330300": "0577",  # 温州
    "330400": "0573",  # 嘉兴
    "330500": "0572",  # 湖州
    "330600": "0575",  # 绍兴
    "330700": "0579",  # 金华
    "330800": "0570",  # 衢州
    "330900": "0580",  # 舟山
    "331000": "0576",  # 台州
    "331100": "0578",  # 丽水
}
PROVINCE_CAPITAL = "330100"


def area_code(region_code):
    """The area code of the city a region (city, county or township code) belongs to; the
    province's own offices are in Hangzhou."""
    return AREA_CODES.get(str(region_code)[:4] + "00", AREA_CODES[PROVINCE_CAPITAL])


def landline(rng, region_code):
    """A well-formed demo landline number in the region's city, e.g. 0571-87654321."""
    return f"{area_code(region_code)}-{rng.randint(80000000, 89999999)}"
