"""Redaction of personal data in complaint narratives before publication in the public register.

The text is first made plain: invisible characters (zero-width and bidirectional controls) are
removed and full-width letters, digits and the symbols of addresses and numbers (１３７, ＠, －)
are read as their ASCII forms (NFKC), so that 1​3​9… or ｚｈａｎｇ＠… are found like
139… and zhang@…; Chinese punctuation is kept as written. The sender's own name, phone and e-mail
are removed first, wherever and however they are written. Then, by pattern:
- e-mail addresses;
- 18-digit resident ID numbers (GB 11643 check digit) and ID-shaped numbers with a valid birth date;
- mainland mobile numbers (1[3-9] + 9 digits, with optional spaces or dashes, optional +86);
- landlines with an area code (0571-87053100), or 7-8 digits after a telephone cue;
- addresses below county level: township/street names from the region register, street addresses
  with house numbers, residential compounds with building numbers, and anything after an address cue
  (住在, 地址 ...) except the county-level prefix, which is kept;
- personal names after cues (我叫, 姓名, 联系人 ...), before forms of address (张先生 -> 某先生) and
  after role words (护工王小明 -> 护工某某) when they start with a common surname.

Applied by code, then reviewed by a handler (who may edit the result) before a summary is published;
`leaked_personal_data` is the last check before publication (Case.publication_errors).
"""

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from portal.reference.models import Region

NAME_MARK = "某某"
PHONE_MARK = "[电话已隐去]"
MOBILE_MARK = "[手机号已隐去]"
ID_MARK = "[身份证号已隐去]"
EMAIL_MARK = "[邮箱已隐去]"
ADDRESS_MARK = "[详细地址已隐去]"

# The most common Chinese surnames (single and compound); enough to recognise most names.
SURNAMES = (
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 令狐 "
    "王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹 彭 曾 肖 "
    "田 董 袁 潘 于 蒋 蔡 余 杜 叶 程 苏 魏 吕 丁 任 沈 姚 卢 姜 崔 钟 谭 陆 汪 范 金 石 廖 贾 夏 韦 付 "
    "方 白 邹 孟 熊 秦 邱 江 尹 薛 闫 段 雷 侯 龙 史 陶 黎 贺 顾 毛 郝 龚 邵 万 钱 严 覃 武 戴 莫 孔 向 汤 "
    "应 楼 童 俞 虞 骆 倪 鲍 柴 胡 舒 竺 翁 洪 葛 滕 施 卓 屠 詹 项 章 裘 郎 厉 单 包 戚 池 褚 娄 茅 蓝"
).split()
# Zero-width and bidirectional control characters (and the soft hyphen): invisible, they can split a
# phone number or reorder what a reader sees; never part of published text.
INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
# What full-width and compatibility forms may turn into: letters, digits and the symbols of e-mail
# addresses and numbers. Chinese punctuation (，。：；（）) stays as written.
_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@.-+_%#/")
# Characters that may separate the digits of a number as people type it.
_DIGIT_SEP = r"[\s\-–—.·()（）]*"


def strip_invisible(text):
    """`text` without zero-width and bidirectional control characters."""
    return INVISIBLE.sub("", text or "")


@lru_cache(maxsize=4096)
def _plain_char(ch):
    folded = unicodedata.normalize("NFKC", ch)
    return folded if folded != ch and folded and all(c in _PLAIN for c in folded) else ch


def plain_text(text):
    """`text` as redaction reads it: invisible characters removed, full-width letters, digits and
    number/e-mail symbols in their ASCII forms (NFKC), everything else as written."""
    text = strip_invisible(text)
    if text.isascii():
        return text
    return "".join(_plain_char(ch) for ch in text)


def fingerprint(text):
    """A form of `text` for comparing personal data however it is written: NFKC, case-folded, and
    only letters, digits, Han characters and @ kept (no spaces, dashes, dots or invisible
    characters between them)."""
    folded = unicodedata.normalize("NFKC", strip_invisible(text)).casefold()
    return "".join(ch for ch in folded if ch.isalnum() or ch == "@")


_SURNAME_RE = "(?:" + "|".join(sorted(set(SURNAMES), key=len, reverse=True)) + ")"
_HAN = "[\u4e00-\u9fff]"
# Characters that usually follow a name rather than belong to it.
_STOP = "住在是的电手家从今反向说和与于了也要想请因等为被把对给到来去说称叫"
_GIVEN = f"(?:(?![{_STOP}]){_HAN}){{1,2}}"

NAME_AFTER_CUE = re.compile(
    rf"(?P<cue>我叫|我是|本人|姓名|名字|联系人|投诉人|反映人|记者|申请人|家属)(?P<sep>[:：\s是为]*)"
    rf"(?P<name>{_SURNAME_RE}{_GIVEN}|{_HAN}{{2,3}}(?=[，,。；;\s（(]|$))"
)
NAME_BEFORE_TITLE = re.compile(
    rf"(?P<name>{_SURNAME_RE}(?:{_HAN})?)(?P<title>先生|女士|小姐|师傅|老师|阿姨|大爷|大妈|大姐|奶奶|爷爷|老人)"
)
NAME_AFTER_ROLE = re.compile(
    rf"(?P<role>护工|社工|工作人员|负责人|经理|主任|站长|院长|所长|书记|村干部|网格员|护理员|志愿者)"
    rf"(?P<name>{_SURNAME_RE}{_GIVEN})"
)

# ASCII addresses, and internationalised ones (测试@例子.中国): a Han local part or domain.
EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}|[\w.%+\-]{1,64}@[\w\-]+(?:\.[\w\-]+)+")
# 18 characters, possibly typed in groups (3301 0619 8807 1512 3X).
ID_CANDIDATE = re.compile(r"(?<![0-9A-Za-z])\d(?:[ \-]?\d){16}[ \-]?[\dXx](?![0-9A-Za-z])")
# 1[3-9] and 9 more digits, with a space or dash anywhere between them (138 1234 5678, 1 3 8 …).
MOBILE = re.compile(r"(?<!\d)(?:\+?86[\s\-]?)?1[\s\-]?[3-9](?:[\s\-]?\d){9}(?!\d)")
LANDLINE = re.compile(r"(?<!\d)0\d{2,3}[\s\-－—]?\d{7,8}(?:\s*(?:转|-)\s*\d{1,5})?(?!\d)")
PHONE_AFTER_CUE = re.compile(r"(?P<cue>电话|座机|手机|联系方式|号码)(?P<sep>[:：\s是为]*)(?P<num>\d{7,8})(?!\d)")

_ADDRESS_CHARS = rf"(?:{_HAN}|[0-9０-９\-－#号])"
STREET_ADDRESS = re.compile(
    rf"{_HAN}{{1,10}}(?:路|街|巷|大道|弄)\s*\d+\s*(?:号|弄)(?:\s*\d+\s*(?:幢|栋|号楼|单元|楼|室|号))*"
)
COMPOUND_ADDRESS = re.compile(
    rf"{_HAN}{{2,8}}(?:小区|花园|公寓|新村|家园|苑)\s*\d+\s*(?:幢|栋|号楼|号)(?:\s*\d+\s*(?:单元|楼|室|号))*"
)
VILLAGE = re.compile(rf"{_HAN}{{2,6}}村(?:\s*\d+\s*(?:组|号))+")
ADDRESS_CUE = re.compile(
    r"(?P<cue>家住|住在|住址|地址|居住在|住于|家庭住址)(?P<sep>[:：\s是为在]*)(?P<place>[^，,。；;！!？?\n]+)"
)

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"


def id_check_digit(first17):
    """The GB 11643-1999 check character for the first 17 digits of a resident ID number."""
    total = sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK[total % 11]


def is_resident_id(value):
    """True if `value` is an 18-character resident ID number with a valid check character."""
    value = value.upper()
    return bool(re.fullmatch(r"\d{17}[\dX]", value)) and id_check_digit(value[:17]) == value[17]


def _plausible_birth_date(value):
    try:
        born = dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    return 1900 <= born.year <= dt.date.today().year


KIND_LABELS = {
    "email": "电子邮箱",
    "id_number": "身份证号",
    "mobile": "手机号",
    "landline": "固定电话",
    "address": "详细地址",
    "name": "姓名",
}


@dataclass
class Redaction:
    """The redacted text and how many items of each kind were removed (for the reviewer)."""

    text: str
    counts: dict = field(default_factory=dict)
    # (kind, value as written) of every item removed: what must not be published.
    found: list = field(default_factory=list)

    @property
    def total(self):
        return sum(self.counts.values())

    def summary(self):
        """What was hidden, for the reviewer: [(label, count)]."""
        return [(KIND_LABELS.get(kind, kind), n) for kind, n in self.counts.items()]


@lru_cache(maxsize=1)
def _places():
    """(county-level names, compiled township pattern) from the region register."""

    counties = set()
    townships = set()
    for name, level in Region.objects.filter(level__gte=3).values_list("name", "level"):
        (counties if level == Region.Level.COUNTY else townships).add(name)
    county_re = (
        re.compile("|".join(re.escape(n) for n in sorted(counties, key=len, reverse=True))) if counties else None
    )
    # Township names are only redacted with their suffix (街道, 镇, 乡) so short names stay safe.
    township_re = (
        re.compile("|".join(re.escape(n) for n in sorted(townships, key=len, reverse=True))) if townships else None
    )
    return county_re, township_re


def clear_place_cache():
    _places.cache_clear()


class _Redactor:
    def __init__(self, text):
        self.text = text
        self.counts = {}
        self.found = []

    def sub(self, kind, pattern, repl, found=None):
        """Replace `pattern` by `repl` (a string or a function of the match); `found(match)` is
        the personal value removed (the whole match by default)."""

        def count_and_replace(match):
            result = repl(match) if callable(repl) else repl
            if result != match.group(0):
                self.counts[kind] = self.counts.get(kind, 0) + 1
                self.found.append((kind, found(match) if found else match.group(0)))
            return result

        self.text = pattern.sub(count_and_replace, self.text)


def _id_replacement(match):
    value = re.sub(r"[ \-]", "", match.group(0))
    if is_resident_id(value) or _plausible_birth_date(value):
        return ID_MARK
    return match.group(0)


def _cut_place(place, county_re):
    """Keep a county-level prefix of an address (杭州市西湖区) and hide the rest."""
    if county_re is not None:
        last = None
        for m in county_re.finditer(place):
            last = m
        if last is not None:
            rest = place[last.end() :]
            return place[: last.end()] + (ADDRESS_MARK if rest.strip() else "")
    city = re.match(rf"^(?:{_HAN}{{2,6}}省)?(?:{_HAN}{{2,6}}市)?", place)
    prefix = city.group(0) if city else ""
    return prefix + ADDRESS_MARK


def _known_mark(value):
    """(kind, mark) of a personal value given without its kind (from its shape)."""
    if "@" in value:
        return "email", EMAIL_MARK
    digits = re.sub(r"\D", "", value)
    if digits and len(digits) >= len(value.replace(" ", "").replace("-", "")) - 1:
        return ("mobile", MOBILE_MARK) if len(digits) == 11 and digits.startswith("1") else ("landline", PHONE_MARK)
    if ID_CANDIDATE.fullmatch(value):
        return "id_number", ID_MARK
    return "name", NAME_MARK


KIND_MARKS = {
    "email": EMAIL_MARK,
    "mobile": MOBILE_MARK,
    "landline": PHONE_MARK,
    "id_number": ID_MARK,
    "address": ADDRESS_MARK,
    "name": NAME_MARK,
}


def _known_items(known):
    """[(kind, mark, value)], longest value first, from plain values or (kind, value) pairs."""
    items = {}
    for item in known:
        kind, value = item if isinstance(item, tuple) else (None, item)
        value = plain_text(value or "").strip()
        if len(value) < 2 or value in MARKS:
            continue
        if kind is None:
            kind, mark = _known_mark(value)
        else:
            mark = KIND_MARKS.get(kind, NAME_MARK)
        items[value] = (kind, mark, value)
    return sorted(items.values(), key=lambda item: len(item[2]), reverse=True)


def _known_pattern(value, kind):
    """A pattern finding `value` however it is written: digits with separators between them, the
    characters of a name or address with spaces between them, any letter case."""
    if kind in ("mobile", "landline", "id_number"):
        core = re.sub(r"[^0-9Xx]", "", value)
        body = _DIGIT_SEP.join(re.escape(c) for c in core)
        return re.compile(rf"(?<![0-9])(?:\+?86{_DIGIT_SEP})?{body}(?![0-9])", re.IGNORECASE)
    chars = [c for c in value if not c.isspace()]
    return re.compile(r"\s*".join(re.escape(c) for c in chars), re.IGNORECASE)


def redact(text, known=()):
    """Return a Redaction of `text` with personal data replaced by marks. `known`: the sender's own
    name, phone and e-mail (and any other personal value of the case, plain or as (kind, value)),
    removed first wherever they appear, with or without a cue word, however they are written."""
    if not text:
        return Redaction(text or "", {})
    county_re, township_re = _places()
    r = _Redactor(plain_text(str(text)))
    for kind, mark, value in _known_items(known):
        r.sub(kind, _known_pattern(value, kind), mark)
    r.sub("email", EMAIL, EMAIL_MARK)
    r.sub("id_number", ID_CANDIDATE, _id_replacement)
    r.sub("mobile", MOBILE, MOBILE_MARK)
    r.sub("landline", LANDLINE, PHONE_MARK)
    r.sub("landline", PHONE_AFTER_CUE, lambda m: m.group("cue") + m.group("sep") + PHONE_MARK)
    r.sub(
        "address",
        ADDRESS_CUE,
        lambda m: (
            m.group("cue") + m.group("sep") + _cut_place(m.group("place"), county_re)
            if ADDRESS_MARK not in m.group("place")
            else m.group(0)
        ),
        found=lambda m: _hidden_place(m.group("place"), county_re),
    )
    r.sub("address", STREET_ADDRESS, ADDRESS_MARK)
    r.sub("address", COMPOUND_ADDRESS, ADDRESS_MARK)
    r.sub("address", VILLAGE, ADDRESS_MARK)
    if township_re is not None:
        r.sub("address", township_re, ADDRESS_MARK)
    r.sub(
        "name",
        NAME_AFTER_CUE,
        lambda m: m.group("cue") + m.group("sep") + NAME_MARK,
        found=lambda m: m.group("name"),
    )
    r.sub("name", NAME_AFTER_ROLE, lambda m: m.group("role") + NAME_MARK, found=lambda m: m.group("name"))
    r.sub("name", NAME_BEFORE_TITLE, lambda m: "某" + m.group("title"))
    # Adjacent marks (e.g. a street address right after a township) read better as one.
    r.text = re.sub(rf"(?:{re.escape(ADDRESS_MARK)})+", ADDRESS_MARK, r.text)
    return Redaction(r.text, r.counts, r.found)


MARKS = (NAME_MARK, PHONE_MARK, MOBILE_MARK, ID_MARK, EMAIL_MARK, ADDRESS_MARK)


def _hidden_place(place, county_re):
    """The part of an address after a cue that _cut_place hides."""
    kept = _cut_place(place, county_re)
    return place[len(kept) - len(ADDRESS_MARK) :] if kept.endswith(ADDRESS_MARK) else ""


# Shortest fingerprint of a value worth checking for (shorter ones match ordinary words).
_MIN_LENGTH = {"name": 2, "email": 5, "mobile": 7, "landline": 7, "id_number": 15, "address": 4}


def personal_values(texts, known=()):
    """{(kind, value)}: the `known` values (the sender's own details, plain or as (kind, value))
    and every personal value redaction finds in `texts` (the narrative, the subject): what a
    published text must not carry. Names found in the texts count when they start with a common
    surname (a cue word followed by an ordinary word is redacted, but is no reason to refuse)."""
    values = {(kind, value) for kind, _mark, value in _known_items(known)}
    surname = re.compile(_SURNAME_RE)
    for text in texts:
        values.update((kind, value) for kind, value in redact(text).found if kind != "name" or surname.match(value))
    return {
        (kind, value)
        for kind, value in values
        if value not in MARKS and len(fingerprint(value)) >= _MIN_LENGTH.get(kind, 2)
    }


def leaked_personal_data(text, values):
    """The (kind, value) of `values` that `text` still contains, compared after normalising both
    (width, case, invisible characters, spaces and separators)."""
    haystack = fingerprint(text)
    return sorted({(kind, value) for kind, value in values if fingerprint(value) in haystack})
