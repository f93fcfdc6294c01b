"""The listings' region and service-item filters (portal.core.listings.ReferenceChoiceFilter with
the reference data's defaults): a region by its GB/T 2260 code, a service item by its id, their
selects drawn from one query of values (choices.py)."""

from django.utils.translation import gettext_lazy as _

from portal.core.listings import ReferenceChoiceFilter

from .choices import region_full_names, region_names, service_item_names
from .models import ServiceItem


class RegionFilter(ReferenceChoiceFilter):
    """`queryset` (the regions offered) and `index_key` (its name in the fragment cache) are the
    listing's; the value is the code, the label 地区, the method `filter_region` unless given.
    `full_names` labels counties with their city (杭州市西湖区), so that a list reads city → county."""

    def __init__(self, *, queryset, index_key, full_names=False, **kwargs):
        kwargs.setdefault("label", _("地区"))
        kwargs.setdefault("method", "filter_region")
        super().__init__(
            queryset=queryset,
            index_key=index_key,
            to_field_name="code",
            options=region_full_names if full_names else region_names,
            **kwargs,
        )


class ServiceItemFilter(ReferenceChoiceFilter):
    """A service item of the catalogue, by id (label 服务项目)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("服务项目"))
        super().__init__(
            queryset=ServiceItem.objects.all(), index_key="service-items", options=service_item_names, **kwargs
        )
