"""Roll-up of township capacity: province → cities → counties → townships, with shortfalls."""

from dataclasses import dataclass, field

from portal.core.caching import remember
from portal.reference import codes
from portal.reference.models import Region

from ..models.capacity import StaffingRule, TownshipCapacity, required_posts


@dataclass
class AreaRow:
    region: Region
    townships: int = 0
    reported: int = 0
    recipients: int = 0
    required: int = 0
    filled: int = 0
    short_townships: int = 0
    latest_as_of: object = None

    @property
    def shortfall(self):
        return max(self.required - self.filled, 0)

    @property
    def fill_rate(self):
        return round(100 * min(self.filled, self.required) / self.required, 1) if self.required else None


@dataclass
class TownshipRow:
    region: Region
    capacity: TownshipCapacity | None
    required: int | None

    @property
    def short(self):
        return self.capacity is not None and self.required is not None and self.capacity.posts_filled < self.required

    @property
    def shortfall(self):
        return max(self.required - self.capacity.posts_filled, 0) if self.short else 0


@dataclass
class Rollup:
    scope: Region
    areas: list = field(default_factory=list)
    townships: list = field(default_factory=list)
    total: AreaRow = None


# The roll-up is kept for an hour, and dropped with the page cache when figures or rules change
# (they are content: portal.core.caching purges on their saves).
ROLLUP_SECONDS = 3600


def cached_rollup(scope):
    """rollup(scope), cached until the next change to the figures or rules."""
    return remember("disclosures:capacity", (scope.code,), lambda: rollup(scope), seconds=ROLLUP_SECONDS)


def _rules():
    return {rule.city.code: rule for rule in StaffingRule.objects.select_related("city")}


def rollup(scope):
    """Figures for the children of `scope` (cities of a province, counties of a city), or the
    townships of a county. A fixed number of queries whatever the number of townships."""
    rules = _rules()
    townships = Region.objects.townships().within(scope).select_related("parent", "capacity")
    result = Rollup(scope=scope, total=AreaRow(region=scope))
    if scope.level == Region.Level.COUNTY:
        city_code = codes.city_code(scope.code)
        for township in townships:
            capacity = getattr(township, "capacity", None)
            required = required_posts(capacity.recipients, rules.get(city_code)) if capacity else None
            result.townships.append(TownshipRow(region=township, capacity=capacity, required=required))
            _add(result.total, capacity, required)
        return result
    child_level = Region.Level.CITY if scope.level == Region.Level.PROVINCE else Region.Level.COUNTY
    children = {r.code: AreaRow(region=r) for r in Region.objects.filter(level=child_level).within(scope)}
    for township in townships:
        county_code = township.parent.code
        city_code = codes.city_code(county_code)
        key = city_code if child_level == Region.Level.CITY else county_code
        capacity = getattr(township, "capacity", None)
        required = required_posts(capacity.recipients, rules.get(city_code)) if capacity else None
        if key in children:
            _add(children[key], capacity, required)
        _add(result.total, capacity, required)
    result.areas = sorted(children.values(), key=lambda a: a.region.code)
    return result


def _add(area, capacity, required):
    area.townships += 1
    if capacity is None:
        return
    area.reported += 1
    area.recipients += capacity.recipients
    area.required += required
    area.filled += capacity.posts_filled
    if capacity.posts_filled < required:
        area.short_townships += 1
    if area.latest_as_of is None or capacity.recipients_as_of > area.latest_as_of:
        area.latest_as_of = capacity.recipients_as_of
