"""Read API for the township capacity disclosure: /api/v1/capacity/."""

from django.core.exceptions import BadRequest
from ninja import Router, Schema

from portal.reference.models import Region

from .rollup import cached_rollup

# Added to the disclosures API router under this prefix (portal/disclosures/api.py).
PREFIX = "capacity/"
router = Router(tags=["乡镇经办能力"])


class AreaOut(Schema):
    code: str
    name: str
    level: int
    townships: int
    reported: int
    recipients: int
    required_posts: int
    filled_posts: int
    shortfall: int
    short_townships: int


class TownshipOut(Schema):
    code: str
    name: str
    recipients: int | None
    recipients_as_of: str | None
    required_posts: int | None
    filled_posts: int | None
    shortfall: int | None
    provider_name: str | None
    provider_credit_code: str | None
    window_address: str | None
    window_hours: str | None
    window_phone: str | None


class CapacityOut(Schema):
    scope: AreaOut
    areas: list[AreaOut]
    townships: list[TownshipOut]


def _area(a):
    return {
        "code": a.region.code,
        "name": a.region.name,
        "level": a.region.level,
        "townships": a.townships,
        "reported": a.reported,
        "recipients": a.recipients,
        "required_posts": a.required,
        "filled_posts": a.filled,
        "shortfall": a.shortfall,
        "short_townships": a.short_townships,
    }


@router.get("", response=CapacityOut, summary="乡镇经办能力汇总")
def capacity(request, region: str | None = None):
    """Roll-up for the province (default), a city or a county (`region` = its code); for a county,
    one row per township."""
    if region:
        scope = Region.objects.filter(code=region, level__lte=Region.Level.COUNTY).first()
        if scope is None:
            raise BadRequest("地区代码无效")
    else:
        scope = Region.objects.get(level=Region.Level.PROVINCE)
    result = cached_rollup(scope)
    townships = []
    for row in result.townships:
        c = row.capacity
        townships.append(
            {
                "code": row.region.code,
                "name": row.region.name,
                "recipients": c.recipients if c else None,
                "recipients_as_of": c.recipients_as_of.isoformat() if c else None,
                "required_posts": row.required,
                "filled_posts": c.posts_filled if c else None,
                "shortfall": row.shortfall if c else None,
                "provider_name": c.provider_name if c else None,
                "provider_credit_code": c.provider_credit_code if c else None,
                "window_address": c.window_address if c else None,
                "window_hours": c.window_hours if c else None,
                "window_phone": c.window_phone if c else None,
            }
        )
    return {"scope": _area(result.total), "areas": [_area(a) for a in result.areas], "townships": townships}
