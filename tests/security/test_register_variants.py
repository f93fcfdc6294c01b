"""Personal data written to slip past redaction never reaches the public register: a complainant
writes their own name without a cue word, phone numbers in full-width digits, split by zero-width
or bidirectional control characters or spaces, the e-mail address with a full-width ＠, an ID
number in groups, the address in full-width digits; the handler answers mentioning the phone and
accepts the suggested summary in the admin as it is. The register page, the case's register
page, the register search and the register API are then searched for every value, compared
after normalising width, case, invisible characters and separators, and for any invisible or
direction-changing character (hypothesis draws the spellings)."""

import json
import unicodedata

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from .conftest import FUZZ

pytestmark = pytest.mark.django_db

INVISIBLE = [
    "\u200b",
    "\u200c",
    "\u200d",
    "\u200e",
    "\u200f",
    "\u202a",
    "\u202e",
    "\u2060",
    "\u2066",
    "\u2069",
    "\ufeff",
]
NAME = "龚鹏飞"
PHONE = "13712345678"
EMAIL = "leak-check@example.com"
NARRATIVE_PHONE = "13987654321"
ID_NUMBER = "330106198807151237"  # check digit valid (GB 11643)
ADDRESS = "文三路88号3幢502室"
VALUES = [NAME, PHONE, EMAIL, NARRATIVE_PHONE, ID_NUMBER, ADDRESS]


def _fullwidth(ch):
    return chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch


@st.composite
def written(draw, value, separators=("",)):
    """`value` as someone might type or paste it: some characters full-width, invisible
    characters (and, for numbers, a space or dash) between some of them."""
    out = []
    for i, ch in enumerate(value):
        out.append(_fullwidth(ch) if draw(st.booleans()) else ch)
        if i < len(value) - 1:
            out.append(draw(st.sampled_from(["", "", *separators, *INVISIBLE])))
    return "".join(out)


DIGIT_SEPARATORS = (" ", "-")


@st.composite
def spellings(draw):
    return {
        "name": draw(written(NAME, separators=(" ",))),
        "phone": draw(written(PHONE, separators=DIGIT_SEPARATORS)),
        "email": draw(written(EMAIL)),
        "narrative_phone": draw(written(NARRATIVE_PHONE, separators=DIGIT_SEPARATORS)),
        "id": draw(written(ID_NUMBER, separators=(" ",))),
        "address": draw(written(ADDRESS)),
        "answer_phone": draw(written(PHONE, separators=DIGIT_SEPARATORS)),
    }


@pytest.fixture
def handler(bodies):
    from portal.oversight.roles import handler_group

    user = get_user_model().objects.create_user("variants-handler", password="pw")
    user.groups.add(handler_group())
    bodies["330106"].members.add(user)
    return user


def _publish_as_suggested(client, handler, regions, spelled):
    """A case written with `spelled`, answered, and published by a handler who accepts the
    suggested summary and subject unchanged."""
    from portal.oversight.factories import CaseFactory
    from portal.oversight.services import handling

    description = (
        f"{spelled['name']}反映：护理员多次不上门，老人无人照料。回电{spelled['phone']}，"
        f"或{spelled['narrative_phone']}，邮箱{spelled['email']}，身份证{spelled['id']}，"
        f"住在西湖区{spelled['address']}。"
    )
    case = CaseFactory(
        region=regions["330106"],
        contact_name=NAME,
        contact_phone=PHONE,
        contact_email=EMAIL,
        subject_text=f"{spelled['name']}所在小区的居家养老服务站",
        description=description,
    )
    handling.change_status(case, "accepted", handler)
    handling.change_status(
        case, "answered", handler, answer=f"经核查属实，已督促整改，并已电话{spelled['answer_phone']}告知{NAME}。"
    )
    client.force_login(handler)
    form = client.get(reverse("oversight_case:edit", args=[case.pk])).context["summary_form"]
    response = client.post(
        reverse("oversight_case:publish", args=[case.pk]),
        {"subject": form.initial["subject"], "summary": form.initial["summary"]},
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    case.refresh_from_db()
    assert case.published_at is not None
    return case


def fingerprint(text):
    """Text compared however it is written: NFKC, case-folded, invisible characters removed, only
    letters, digits, Han characters and @ kept (written here, independent of the code under test)."""
    folded = unicodedata.normalize("NFKC", "".join(ch for ch in text if ch not in INVISIBLE)).casefold()
    return "".join(ch for ch in folded if ch.isalnum() or ch == "@")


def _visible_text(response):
    body = response.content.decode()
    if response.get("Content-Type", "").startswith("application/json"):
        body = json.dumps(response.json(), ensure_ascii=False)
    return body


def _assert_clean(label, text):
    hidden = [f"U+{ord(ch):04X}" for ch in text if ch in INVISIBLE]
    assert not hidden, (label, "invisible characters published", hidden)
    compact = fingerprint(text)
    for value in VALUES:
        assert fingerprint(value) not in compact, (label, value)


@given(spelled=spellings())
@FUZZ
def test_register_page_search_and_api_never_carry_the_personal_data(client, regions, handler, spelled):
    case = _publish_as_suggested(client, handler, regions, spelled)
    public = Client()
    pages = {
        "register": public.get(reverse("oversight:register")),
        "register detail": public.get(reverse("oversight:register_detail", args=[case.reference])),
        "register api": public.get("/api/v1/oversight/register"),
    }
    for label, response in pages.items():
        assert response.status_code == 200, label
        assert case.reference in _visible_text(response), label  # the case is there
        _assert_clean(label, _visible_text(response))
    # The register search: no personal value (however typed) finds the case; the index text
    # does not carry them either.
    _assert_clean("search index", case.search_text)
    assert case.reference in public.get(reverse("oversight:register"), {"q": "护理员"}).content.decode()
    for value in [*VALUES, spelled["phone"], spelled["email"]]:
        html = public.get(reverse("oversight:register"), {"q": value[:100]}).content.decode()
        assert case.reference not in html, value
