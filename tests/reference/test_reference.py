"""Reference data: Zhejiang's divisions, the policy annex catalogue and the holiday calendar."""

import datetime as dt

import pytest
from django.core.management import call_command

from portal.reference.data.catalogue import CATALOGUE
from portal.reference.models import CalendarDay, CalendarYear, Region, ServiceItem

pytestmark = pytest.mark.django_db

ZHEJIANG_CITIES = {
    "330100": "杭州市",
    "330200": "宁波市",
    "330300": "温州市",
    "330400": "嘉兴市",
    "330500": "湖州市",
    "330600": "绍兴市",
    "330700": "金华市",
    "330800": "衢州市",
    "330900": "舟山市",
    "331000": "台州市",
    "331100": "丽水市",
}


def test_province_and_cities():
    province = Region.objects.get(level=Region.Level.PROVINCE)
    assert (province.code, province.name) == ("330000", "浙江省")
    cities = {r.code: r.name for r in Region.objects.cities()}
    assert cities == ZHEJIANG_CITIES
    assert all(c.parent_id == province.pk for c in Region.objects.cities())


def test_ninety_county_level_divisions_with_gb2260_codes():
    counties = list(Region.objects.counties().select_related("parent"))
    assert len(counties) == 90
    for county in counties:
        assert len(county.code) == 6 and county.code.isdigit()
        assert county.code[:4] + "00" == county.parent.code
        assert county.parent.level == Region.Level.CITY
    by_code = {c.code: c.name for c in counties}
    # A few well-known divisions, including the 2021 Hangzhou redistricting.
    assert by_code["330106"] == "西湖区"
    assert by_code["330113"] == "临平区"
    assert by_code["330114"] == "钱塘区"
    assert by_code["330782"] == "义乌市"
    assert by_code["331127"] == "景宁畲族自治县"
    # Per city counts (2023 statistical division codes).
    per_city = {code: Region.objects.counties().filter(parent__code=code).count() for code in ZHEJIANG_CITIES}
    assert per_city == {
        "330100": 13,
        "330200": 10,
        "330300": 12,
        "330400": 7,
        "330500": 5,
        "330600": 6,
        "330700": 9,
        "330800": 6,
        "330900": 4,
        "331000": 9,
        "331100": 9,
    }


def test_townships_hang_off_counties():
    townships = Region.objects.townships()
    assert townships.count() > 1300
    assert not townships.exclude(parent__level=Region.Level.COUNTY).exists()
    sample = townships.filter(parent__code="330106").values_list("name", flat=True)
    assert "北山街道" in sample


def test_region_helpers(regions):
    xihu = regions["330106"]
    assert xihu.full_name == "杭州市西湖区"
    assert xihu.city.code == "330100"
    assert Region.objects.within(regions["330100"]).counties().count() == 13


def test_catalogue_is_exactly_the_policy_annex():
    items = list(ServiceItem.objects.order_by("sort_order"))
    assert len(items) == 16
    assert [(i.get_category_display(), i.name, i.served_groups) for i in items] == [
        ("事务性工作" if c == "affairs" else "服务性工作", name, groups) for c, name, groups in CATALOGUE
    ]
    assert sum(1 for i in items if i.category == "affairs") == 8
    assert items[8].name == "社会救助对象照料护理" and items[8].served_groups == "特困人员等"
    assert items[-1].name == "罕见病对象跟踪" and items[-1].served_groups == "罕见病患者"
    assert items[0].default_funding == ServiceItem.Funding.WORKING_BUDGET
    assert items[8].default_funding == ServiceItem.Funding.SPECIAL_FUND


def test_loading_is_idempotent(capsys):
    counts = (Region.objects.count(), ServiceItem.objects.count(), CalendarDay.objects.count())
    call_command("load_reference")
    out = capsys.readouterr().out
    assert "regions: 0 created, 0 updated" in out
    assert "service catalogue: 0 created, 0 updated" in out
    assert "calendar: 0 days created, 0 updated" in out
    assert (Region.objects.count(), ServiceItem.objects.count(), CalendarDay.objects.count()) == counts


def test_loader_repairs_a_changed_name():
    ServiceItem.objects.filter(name="资源链接").update(served_groups="changed")
    Region.objects.filter(code="330106").update(name="changed")
    call_command("load_reference", verbosity=0)
    assert ServiceItem.objects.get(name="资源链接").served_groups == "特困、低保、低边、医疗救助、临时救助对象等"
    assert Region.objects.get(code="330106").name == "西湖区"


def test_calendar_2026_national_day_and_makeup_days():
    days = {d.date: d for d in CalendarDay.objects.filter(date__year=2026)}
    for day in range(1, 8):
        assert days[dt.date(2026, 10, day)].kind == CalendarDay.Kind.HOLIDAY
    assert days[dt.date(2026, 10, 1)].name == "国庆节"
    assert days[dt.date(2026, 9, 20)].kind == CalendarDay.Kind.WORKDAY  # Sunday, make-up working day
    assert days[dt.date(2026, 10, 10)].kind == CalendarDay.Kind.WORKDAY  # Saturday, make-up working day
    assert days[dt.date(2026, 2, 17)].name == "春节"
    assert CalendarYear.objects.get(year=2026).official
    assert not CalendarYear.objects.filter(year=2027, official=True).exists()


def test_makeup_workday_must_be_a_weekend():
    from django.core.exceptions import ValidationError

    day = CalendarDay(date=dt.date(2026, 11, 25), kind=CalendarDay.Kind.WORKDAY)
    with pytest.raises(ValidationError):
        day.full_clean()


def test_unknown_province_is_a_clear_error():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No province with code 99"):
        call_command("load_reference", province="990000")
