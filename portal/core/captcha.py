"""An offline, accessible CAPTCHA for the public forms (complaints, media inquiries, provider
applications): a short arithmetic question written in Chinese (readable by screen readers, no image
puzzle). The signed token carries a one-time nonce and a keyed hash of the answer, never the answer
itself, and each nonce can be used once (replays are refused) in every process: spent nonces are
kept in the shared abuse-protection cache (portal.core.abuse), not in a per-process cache."""

import secrets

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

from .abuse import abuse_cache

SALT = "oversight.captcha"  # the salt of tokens signed since the complaint channel had it
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
    if not nonce or not abuse_cache().add(f"captcha:{nonce}", 1, MAX_AGE + 60):
        return False
    return answer is not None and constant_time_compare(payload.get("h", ""), _digest(nonce, answer))


class CaptchaMixin(forms.Form):
    """Adds the CAPTCHA question and a honeypot field to a form."""

    website = forms.CharField(
        label=_("网址（请勿填写此项）"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    captcha_token = forms.CharField(widget=forms.HiddenInput)
    captcha_answer = forms.CharField(
        label=_("验证问题"),
        max_length=8,
        help_text=_("请用数字回答，例如 7。"),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        token = self.data.get("captcha_token") if self.is_bound else None
        question = question_for(token) if token else None
        if question is None:
            self.refresh_captcha()
        else:
            self.fields["captcha_answer"].label = question

    def refresh_captcha(self):
        """Put a new question on the form (after a failed submission; a question is single-use)."""
        question, token = new_challenge()
        self.fields["captcha_answer"].label = question
        # A bound field rendered or validated before keeps the label it was made with.
        self["captcha_answer"].label = question
        self.initial["captcha_token"] = token
        if self.is_bound:
            data = self.data.copy()
            data["captcha_token"] = token
            data["captcha_answer"] = ""
            self.data = data

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise ValidationError(_("提交未通过校验，请刷新页面后重试。"), code="honeypot")
        if "captcha_answer" in cleaned and not verify(cleaned.get("captcha_token"), cleaned["captcha_answer"]):
            self.add_error("captcha_answer", _("验证问题回答不正确或已过期，请回答新的问题。"))
        return cleaned
