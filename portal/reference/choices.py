"""The options of the listings' region and service-item selects ([(value, label)], read as values,
no model instances), for portal.core.listings.ReferenceChoiceFilter(options=...)."""


def region_names(regions):
    """[(code, name)] of a Region queryset."""
    return regions.options()


def region_full_names(regions):
    """[(code, full name)]: counties with their city (杭州市西湖区), so that a list reads city → county."""
    return regions.options(full_names=True)


def service_item_names(items):
    """[(pk, name)] of a ServiceItem queryset, in catalogue order."""
    return list(items.values_list("pk", "name"))
