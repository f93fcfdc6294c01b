"""Notice numbers (公告编号) and ASCII slugs of projects and notices.

A notice number is `<region code>-<year>-<kind code>-<sequence>`, e.g. `330106-2026-CG-0003`: the
GB/T 2260 code of the purchaser's region, the year of publication, the kind (pinyin initials, see
KIND_CODES) and a four-digit sequence per region, year and kind (growing past 9999 if need be).
It is generated when a notice is first saved with a kind, kept in step with the kind, region and
publication year until the notice is first published, and never changed afterwards. Editors see it
read-only; the demo's notices get theirs the same way (NoticePage.save).
"""

import re

from django.utils.text import slugify

# Pinyin initials of the notice kinds (NoticeKind values).
KIND_CODES = {
    "intention": "YX",  # 采购意向
    "tender": "CG",  # 采购公告（招标/谈判/磋商/询价）
    "prequalification": "ZS",  # 资格预审
    "single_source": "DY",  # 单一来源
    "correction": "GZ",  # 更正
    "result": "JG",  # 结果
    "contract": "HT",  # 合同
    "termination": "ZZ",  # 终止
    "acceptance": "YS",  # 验收
}
SEQUENCE_DIGITS = 4
NUMBER_PATTERN = re.compile(r"^(?P<region>\d{6})-(?P<year>\d{4})-(?P<kind>[A-Z]{2})-(?P<seq>\d{4,})$")


def number_prefix(region_code, year, kind):
    return f"{region_code}-{year}-{KIND_CODES[kind]}-"


def next_number(prefix, taken):
    """The next number after the highest sequence among `taken` (numbers starting with `prefix`)."""
    highest = 0
    for number in taken:
        tail = number[len(prefix) :]
        if number.startswith(prefix) and tail.isdigit():
            highest = max(highest, int(tail))
    return f"{prefix}{highest + 1:0{SEQUENCE_DIGITS}d}"


def ascii_slug(text):
    """A lower-case ASCII slug of `text` (a project number, a notice number...), or ''."""
    return slugify(text or "", allow_unicode=False)


def unique_child_slug(parent, base, exclude_pk=None):
    """`base`, or `base-2`, `base-3`... whichever no other child of `parent` uses."""
    siblings = parent.get_children() if parent is not None else None
    candidate, n = base, 1
    while siblings is not None and siblings.filter(slug=candidate).exclude(pk=exclude_pk).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate
