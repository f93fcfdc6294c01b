"""The listings' select options read as values (portal.reference.choices) say what the model
instances would: every region's name or full name, every service item's name, in order."""

import pytest
from django.db.models import Q

from portal.disclosures.filters import NoticeFilterSet, listing_queryset
from portal.reference.choices import region_full_names, region_names, service_item_names
from portal.reference.models import Region, ServiceItem

pytestmark = pytest.mark.django_db


def test_region_options_match_the_models_at_every_level():
    regions = Region.objects.all()
    assert {r.level for r in regions} >= {1, 2, 3, 4}  # townships too: the labels follow the chain
    assert region_names(regions) == [(r.code, r.name) for r in regions]
    assert region_full_names(regions) == [(r.code, r.full_name) for r in regions]
    counties = Region.objects.filter(level=Region.Level.COUNTY)
    assert dict(region_full_names(counties))["330106"] == "杭州市西湖区"


def test_service_item_options_in_catalogue_order():
    items = ServiceItem.objects.all()
    assert service_item_names(items) == [(i.pk, i.name) for i in items]


def test_the_notice_filter_selects_list_the_options_and_mark_the_chosen_one(django_assert_max_num_queries):
    filterset = NoticeFilterSet.bind({"region": "330106"}, listing_queryset())
    # One query of values per select, no model instances.
    with django_assert_max_num_queries(1):
        html = str(filterset.form["region"])
    assert '<option value="330106" selected>杭州市西湖区</option>' in html
    cities_and_counties = Region.objects.filter(Q(level=Region.Level.CITY) | Q(level=Region.Level.COUNTY))
    assert html.count("<option") == cities_and_counties.count() + 1  # and 全部
    item = ServiceItem.objects.first()
    assert f'<option value="{item.pk}">{item.name}</option>' in str(filterset.form["item"])
