"""Public API of the provider registry: credit code checks for instant form feedback."""

from ninja import Router, Schema

from portal.reference import credit_code as cc

PREFIX = "providers/"
router = Router(tags=["承接主体"])


class RegionOut(Schema):
    code: str
    name: str


class CodeCheckOut(Schema):
    code: str
    valid: bool
    errors: list[str]
    registration_authority: str | None
    organisation_type: str | None
    region: RegionOut | None


@router.get("/check-code/", response=CodeCheckOut, url_name="providers_check_code")
def check_code(request, code: str = ""):
    """Validate a unified social credit code (GB 32100-2015) and say what it encodes: registering
    authority, organisation type and the region of the registering authority (null when unknown)."""
    return cc.inspect(code).as_dict()
