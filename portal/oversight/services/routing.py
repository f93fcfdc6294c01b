"""Routing: a case goes to the handling body of its subject's region, county first, then city, then
province (一门受理: the sender never has to find the right office)."""

from ..models import HandlingBody


def route(region):
    """The handling body for `region`: its county's body, else its city's, else the province's."""
    candidates = []
    if region is not None:
        chain = [*region.ancestors(), region]
        # Most specific first, but never below county level (townships are handled by their county).
        candidates = [r.pk for r in reversed(chain) if r.level <= 3]
    bodies = {b.region_id: b for b in HandlingBody.objects.filter(region_id__in=candidates).select_related("region")}
    for region_id in candidates:
        if region_id in bodies:
            return bodies[region_id]
    return None
