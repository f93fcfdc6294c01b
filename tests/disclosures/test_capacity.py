"""Township capacity disclosure: the staffing rule, the roll-up, the public page, downloads, API and
region-scoped editing in the admin."""

import datetime as dt
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from portal.disclosures.capacity.rollup import rollup
from portal.disclosures.factories import TownshipCapacityFactory
from portal.disclosures.models.capacity import StaffingRule, TownshipCapacity, required_posts
from portal.home.roles import COUNTY_EDITORS, PROVINCE_ADMINS, assign_user, setup_roles
from portal.reference.models import Region

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("recipients,posts", [(0, 1), (499, 1), (500, 2), (1000, 2), (1001, 3), (5000, 3)])
def test_policy_staffing_rule(recipients, posts):
    assert required_posts(recipients) == posts


def test_city_sets_the_figure_above_1000(regions):
    rule = StaffingRule(city=regions["330100"], posts_over_1000=4)
    rule.full_clean()
    assert required_posts(1001, rule) == 4
    assert required_posts(1000, rule) == 2


def test_city_rule_cannot_go_below_the_policy(regions):
    with pytest.raises(ValidationError) as exc:
        StaffingRule(city=regions["330100"], posts_under_500=0, posts_500_to_1000=1, posts_over_1000=2).full_clean()
    assert set(exc.value.message_dict) == {"posts_under_500", "posts_500_to_1000", "posts_over_1000"}
    with pytest.raises(ValidationError):
        StaffingRule(city=regions["330106"]).full_clean()  # a county is not a city


def _township(code_prefix, n=0):
    return Region.objects.townships().filter(code__startswith=code_prefix).order_by("code")[n]


def _cap(township, recipients, filled):
    return TownshipCapacityFactory(
        township=township, recipients=recipients, recipients_as_of=dt.date(2026, 9, 30), posts_filled=filled
    )


@pytest.fixture
def figures(regions):
    # Xihu (Hangzhou): one short township, one fully staffed. Haishu (Ningbo): one fully staffed.
    _cap(_township("330106", 0), 1200, 2)  # needs 3 -> short by 1
    _cap(_township("330106", 1), 450, 1)  # needs 1
    _cap(_township("330203", 0), 800, 2)  # needs 2
    StaffingRule.objects.create(city=regions["330200"], posts_500_to_1000=3, posts_over_1000=4)  # Ningbo raises


def test_rollup_province_city_county(figures, regions):
    province = rollup(Region.objects.get(code="330000"))
    by_code = {a.region.code: a for a in province.areas}
    assert len(by_code) == 11
    assert (by_code["330100"].required, by_code["330100"].filled, by_code["330100"].short_townships) == (4, 3, 1)
    # Ningbo's own rule: 800 recipients need 3 there.
    assert (by_code["330200"].required, by_code["330200"].filled, by_code["330200"].short_townships) == (3, 2, 1)
    assert by_code["330300"].reported == 0 and by_code["330300"].townships > 0
    assert province.total.shortfall == 2

    city = rollup(regions["330100"])
    assert len(city.areas) == 13
    xihu = next(a for a in city.areas if a.region.code == "330106")
    assert (xihu.recipients, xihu.required, xihu.filled, xihu.reported) == (1650, 4, 3, 2)

    county = rollup(regions["330106"])
    assert len(county.townships) == Region.objects.townships().filter(parent__code="330106").count()
    short = [row for row in county.townships if row.short]
    assert len(short) == 1 and short[0].shortfall == 1


def test_public_page_table_chart_and_queries(client, figures, django_assert_max_num_queries):
    url = reverse("disclosures:capacity")
    client.get(url)
    with django_assert_max_num_queries(12):
        response = client.get(url)
    html = response.content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img"' in html
    assert "<caption" in html and ">杭州市</a>" in html
    with django_assert_max_num_queries(12):
        response = client.get(url, {"region": "330106"})
    html = response.content.decode()
    assert "未达标" in html and '<meta name="robots" content="noindex">' in html
    assert client.get(url, {"region": "999999"}).status_code == 400
    assert client.get(url, {"region": "abc"}).status_code == 400
    assert client.get(url, {"format": "pdfx"}).status_code == 400


def test_csv_xlsx_and_api(client, figures):
    url = reverse("disclosures:capacity")
    csv_text = client.get(url, {"format": "csv"}).getvalue().decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("地区,区划代码")
    assert "杭州市,330100," in csv_text
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(client.get(url, {"region": "330106", "format": "xlsx"}).content))
    rows = list(workbook.active.values)
    assert rows[0][0] == "乡镇（街道）" and any(r[2] == 1200 for r in rows[1:])
    data = client.get("/api/v1/capacity/", {"region": "330106"}).json()
    assert data["scope"]["code"] == "330106" and data["scope"]["shortfall"] == 1
    assert any(t["recipients"] == 1200 and t["shortfall"] == 1 for t in data["townships"])
    assert client.get("/api/v1/capacity/").json()["scope"]["required_posts"] == 7
    assert client.get("/api/v1/capacity/", {"region": "12"}).status_code == 400


@pytest.fixture
def editors(section, regions):
    setup_roles()
    User = get_user_model()
    xihu = assign_user(User.objects.create_user("xh", "xh@example.org", "pw"), COUNTY_EDITORS, regions["330106"])
    province = assign_user(User.objects.create_user("pv", "pv@example.org", "pw"), PROVINCE_ADMINS)
    return {"xihu": xihu, "province": province}


def test_county_editor_maintains_only_own_townships(client, editors, figures):
    client.force_login(editors["xihu"])
    listing = client.get(reverse("wagtailsnippets_disclosures_townshipcapacity:list"))
    assert listing.status_code == 200
    names = {str(obj) for obj in listing.context["object_list"]}
    assert names == {_township("330106", 0).name, _township("330106", 1).name}

    haishu = TownshipCapacity.objects.get(township=_township("330203", 0))
    response = client.post(
        reverse("wagtailsnippets_disclosures_townshipcapacity:edit", args=[haishu.pk]),
        {"township": haishu.township_id, "recipients": 10, "recipients_as_of": "2026-10-31", "posts_filled": 9},
    )
    haishu.refresh_from_db()
    assert haishu.recipients == 800 and response.status_code in (200, 302, 403, 404)

    # Adding a township outside the county is refused; inside it is accepted.
    add_url = reverse("wagtailsnippets_disclosures_townshipcapacity:add")
    outside = _township("330108", 0)
    client.post(
        add_url, {"township": outside.pk, "recipients": 10, "recipients_as_of": "2026-10-31", "posts_filled": 1}
    )
    assert not TownshipCapacity.objects.filter(township=outside).exists()
    inside = _township("330106", 2)
    client.post(
        add_url, {"township": inside.pk, "recipients": 620, "recipients_as_of": "2026-10-31", "posts_filled": 2}
    )
    assert TownshipCapacity.objects.get(township=inside).recipients == 620


def test_province_admin_sees_all(client, editors, figures):
    client.force_login(editors["province"])
    listing = client.get(reverse("wagtailsnippets_disclosures_townshipcapacity:list"))
    assert len(listing.context["object_list"]) == 3


def test_page_is_cached_until_figures_change(client, figures, django_assert_max_num_queries):
    from django.core.cache import cache

    cache.clear()
    url = reverse("disclosures:capacity")
    client.get(url, {"region": "330106"})
    with django_assert_max_num_queries(6):
        client.get(url, {"region": "330106"})
    capacity = TownshipCapacity.objects.get(township=_township("330106", 0))
    capacity.posts_filled = 3
    capacity.save()
    html = client.get(url, {"region": "330106"}).content.decode()
    assert "未达标" not in html.split("<tbody>")[1]
