"""Unified social credit code (统一社会信用代码, GB 32100-2015): validation, what the code says about
its holder, and a generator of valid codes for factories and demo data.

Layout: char 1 registering authority, char 2 organisation type, chars 3-8 administrative division of
the registering authority, chars 9-17 organisation code, char 18 check character (docs/domain.md §5).
"""

import random as _random
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from . import codes

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
VALUES = {ch: i for i, ch in enumerate(ALPHABET)}
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
LENGTH = 18
FORBIDDEN = "IOSVZ"

# Char 1 -> (authority, {char 2 -> organisation type}).
AUTHORITIES = {
    "1": ("机构编制", {"1": "机关", "2": "事业单位", "3": "中央编办直接管理机构编制的群众团体", "9": "其他"}),
    "2": ("外交", {"1": "外国常驻新闻机构", "9": "其他"}),
    "3": (
        "司法行政",
        {
            "1": "律师执业机构",
            "2": "公证处",
            "3": "基层法律服务所",
            "4": "司法鉴定机构",
            "5": "仲裁委员会",
            "9": "其他",
        },
    ),
    "4": ("文化", {"1": "外国在华文化中心", "9": "其他"}),
    "5": ("民政", {"1": "社会团体", "2": "民办非企业单位（社会服务机构）", "3": "基金会", "9": "其他"}),
    "6": ("旅游", {"1": "外国旅游部门常驻代表机构", "2": "港澳台地区旅游部门常驻内地（大陆）代表机构", "9": "其他"}),
    "7": ("宗教", {"1": "宗教活动场所", "2": "宗教院校", "9": "其他"}),
    "8": ("工会", {"1": "基层工会", "9": "其他"}),
    "9": ("工商（市场监管）", {"1": "企业", "2": "个体工商户", "3": "农民专业合作社"}),
    "A": ("中央军委改革和编制办公室", {"1": "军队事业单位", "9": "其他"}),
    "N": ("农业", {"1": "组级集体经济组织", "2": "村级集体经济组织", "3": "乡镇级集体经济组织", "9": "其他"}),
    "Y": ("其他", {"1": "其他"}),
}


def check_character(first17):
    """The check character for the first 17 characters (all must be in the alphabet)."""
    total = sum(VALUES[ch] * w for ch, w in zip(first17, WEIGHTS, strict=True))
    value = 31 - total % 31
    return ALPHABET[0 if value == 31 else value]


def normalise(code):
    """Upper case without surrounding or inner spaces (people paste codes with spaces)."""
    return "".join((code or "").split()).upper()


@dataclass
class CodeInfo:
    """What a credit code says, and what is wrong with it."""

    code: str
    errors: list = field(default_factory=list)
    registration_authority: str | None = None
    organisation_type: str | None = None
    region_code: str | None = None
    region: object = None  # reference.Region or None

    @property
    def valid(self):
        return not self.errors

    def as_dict(self):
        region = None
        if self.region is not None:
            region = {"code": self.region.code, "name": self.region.full_name}
        return {
            "code": self.code,
            "valid": self.valid,
            "errors": [str(e) for e in self.errors],
            "registration_authority": self.registration_authority,
            "organisation_type": self.organisation_type,
            "region": region,
        }


def validation_errors(code):
    """Chinese messages for everything wrong with `code` (already normalised); empty when valid."""
    errors = []
    if not code:
        return [_("请填写统一社会信用代码。")]
    if len(code) != LENGTH:
        errors.append(_("统一社会信用代码应为18位，当前为%(n)d位。") % {"n": len(code)})
    forbidden = sorted({ch for ch in code if ch in FORBIDDEN})
    if forbidden:
        errors.append(
            _("统一社会信用代码不使用字母 I、O、S、V、Z，发现：%(chars)s。") % {"chars": "、".join(forbidden)}
        )
    other = sorted({ch for ch in code if ch not in VALUES and ch not in FORBIDDEN})
    if other:
        errors.append(_("统一社会信用代码只能包含数字和大写字母，发现：%(chars)s。") % {"chars": " ".join(other)})
    if errors:
        return errors
    if code[0] not in AUTHORITIES:
        errors.append(_("第1位登记管理部门代码“%(c)s”无效。") % {"c": code[0]})
    elif code[1] not in AUTHORITIES[code[0]][1]:
        errors.append(_("第2位机构类别代码“%(c)s”对该登记管理部门无效。") % {"c": code[1]})
    if not code[2:8].isdigit():
        errors.append(_("第3至8位应为登记管理机关行政区划码（6位数字）。"))
    expected = check_character(code[:17])
    if code[17] != expected:
        errors.append(_("校验码错误：第18位应为“%(e)s”，实际为“%(a)s”。") % {"e": expected, "a": code[17]})
    return errors


def is_valid(code):
    return not validation_errors(normalise(code))


def region_for(division_code):
    """The Region for a 6-digit division code; an unknown county code falls back to its city, then
    to its province (codes of abolished or renamed counties still appear in older credit codes)."""
    from portal.reference.models import Region

    if not division_code or not division_code.isdigit() or len(division_code) != 6:
        return None
    candidates = codes.fallback_codes(division_code)
    found = {r.code: r for r in Region.objects.filter(code__in=candidates).select_related("parent")}
    for candidate in candidates:
        if candidate in found:
            return found[candidate]
    return None


def inspect(code, with_region=True):
    """Validate `code` and derive the authority, organisation type and region from it."""
    code = normalise(code)
    info = CodeInfo(code=code, errors=validation_errors(code))
    if len(code) >= 2 and code[0] in AUTHORITIES:
        authority, types = AUTHORITIES[code[0]]
        info.registration_authority = authority
        info.organisation_type = types.get(code[1])
    if len(code) >= 8 and code[2:8].isdigit():
        info.region_code = code[2:8]
        if with_region:
            info.region = region_for(info.region_code)
    return info


def generate(authority="5", org_type="2", division_code="330106", rng=None):
    """A valid code for the given authority, type and division, with a random organisation code."""
    rng = rng or _random.Random()
    body = "".join(rng.choice(ALPHABET) for _ in range(9))
    first17 = f"{authority}{org_type}{division_code}{body}"
    if len(first17) != 17:
        raise ValueError("division_code must have 6 digits")
    return first17 + check_character(first17)
