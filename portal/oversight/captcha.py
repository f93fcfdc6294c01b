"""An offline, accessible CAPTCHA: a short arithmetic question written in Chinese (readable by
screen readers, no image puzzle). The signed token carries a one-time nonce and a keyed hash of the
answer, never the answer itself, and each nonce can be used once (replays are refused)."""

import secrets

from django.core import signing
from django.core.cache import cache
from django.utils.crypto import constant_time_compare, salted_hmac

SALT = "oversight.captcha"
MAX_AGE = 60 * 60  # seconds a question stays valid
DIGITS = "零一二三四五六七八九"
NUMERALS = {**{c: i for i, c in enumerate(DIGITS)}, "两": 2}


def chinese_number(n):
    if n < 10:
        return DIGITS[n]
    if n == 10:
        return "十"
    if n < 20:
        return "十" + DIGITS[n - 10]
    tens, ones = divmod(n, 10)
    return DIGITS[tens] + "十" + (DIGITS[ones] if ones else "")


def parse_answer(text):
    """An integer from Arabic digits (full- or half-width) or Chinese numerals up to 99; else None."""
    text = (text or "").strip().translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if text.lstrip("-").isdigit():
        return int(text)
    if not text or any(c not in NUMERALS and c != "十" for c in text):
        return None
    if "十" in text:
        tens, _, ones = text.partition("十")
        value = (NUMERALS.get(tens, 0) if tens else 1) * 10
        return value + (NUMERALS.get(ones, 0) if ones else 0)
    return NUMERALS[text] if len(text) == 1 else None


def _digest(nonce, answer):
    return salted_hmac(SALT, f"{nonce}:{answer}").hexdigest()


def new_challenge(rng=secrets):
    """(question, token) for a fresh question."""
    a, b = rng.randbelow(9) + 1, rng.randbelow(9) + 1
    if rng.randbelow(2):
        question, answer = f"{chinese_number(a)}加{chinese_number(b)}等于几？", a + b
    else:
        a, b = max(a, b), min(a, b)
        question, answer = f"{chinese_number(a)}减{chinese_number(b)}等于几？", a - b
    nonce = secrets.token_urlsafe(12)
    token = signing.dumps({"n": nonce, "h": _digest(nonce, answer), "q": question}, salt=SALT, compress=True)
    return question, token


def question_for(token):
    try:
        return signing.loads(token, salt=SALT, max_age=MAX_AGE)["q"]
    except (signing.BadSignature, KeyError, TypeError):
        return None


def verify(token, answer_text):
    """True once for a correct answer to an unexpired, unused token."""
    try:
        payload = signing.loads(token or "", salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return False
    answer = parse_answer(answer_text)
    nonce = payload.get("n", "")
    # The nonce is spent by any attempt, right or wrong: one try per question, no replays.
    if not nonce or not cache.add(f"oversight:captcha:{nonce}", 1, MAX_AGE + 60):
        return False
    return answer is not None and constant_time_compare(payload.get("h", ""), _digest(nonce, answer))
