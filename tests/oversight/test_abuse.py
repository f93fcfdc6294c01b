"""Abuse and safety: CAPTCHA (including replay), honeypot, per-address rate limits."""

import pytest

from portal.oversight import captcha
from portal.oversight.models import Case

pytestmark = pytest.mark.django_db

URL = "/oversight/complaints/new/"


def test_wrong_captcha_answer_refuses_and_asks_a_new_question(client, bodies, complaint_data):
    data = complaint_data(captcha_answer="7")
    response = client.post(URL, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "验证问题回答不正确" in html
    assert data["captcha_token"] not in html  # a fresh question is on the page
    assert Case.objects.count() == 0


def test_captcha_accepts_chinese_numerals_and_full_width_digits(client, bodies, complaint_data):
    assert client.post(URL, complaint_data(captcha_answer="六")).status_code == 302
    assert client.post(URL, complaint_data(captcha_answer="６")).status_code == 302
    assert Case.objects.count() == 2


def test_captcha_token_cannot_be_replayed(client, bodies, complaint_data):
    data = complaint_data()
    assert client.post(URL, data).status_code == 302
    response = client.post(URL, data)
    assert response.status_code == 400 and "验证问题回答不正确或已过期" in response.content.decode()
    assert Case.objects.count() == 1


def test_forged_or_expired_captcha_token_fails(client, bodies, complaint_data, monkeypatch):
    response = client.post(URL, complaint_data(captcha_token="forged:token"))
    assert response.status_code == 400
    question, token = captcha.new_challenge()
    monkeypatch.setattr(captcha, "MAX_AGE", -1)
    assert captcha.verify(token, "1") is False


def test_captcha_token_does_not_contain_the_answer():
    from django.core import signing

    question, token = captcha.new_challenge(rng=type("R", (), {"randbelow": lambda self, n: 2 if n == 9 else 1})())
    payload = signing.loads(token, salt=captcha.SALT)
    assert set(payload) == {"n", "h", "q"}
    assert "6" not in payload.values() and payload["q"] == "三加三等于几？"
    # The hash is keyed with SECRET_KEY: knowing the nonce does not let a bot test answers offline.
    import hashlib

    assert all(hashlib.sha1(f"{payload['n']}:{a}".encode()).hexdigest() != payload["h"] for a in range(20))


def test_parse_answer():
    assert captcha.parse_answer("十二") == 12
    assert captcha.parse_answer("十") == 10
    assert captcha.parse_answer("两") == 2
    assert captcha.parse_answer(" 8 ") == 8
    assert captcha.parse_answer("八个") is None
    assert captcha.chinese_number(15) == "十五"


def test_honeypot_filled_refuses_submission(client, bodies, complaint_data):
    response = client.post(URL, complaint_data(website="http://spam.example"))
    assert response.status_code == 400
    assert "提交未通过校验" in response.content.decode()
    assert Case.objects.count() == 0


def test_submission_rate_limit_per_address(client, bodies, complaint_data, settings):
    settings.OVERSIGHT_RATES = {"submit": "2/h", "track": "10/15m"}
    assert client.post(URL, complaint_data(), REMOTE_ADDR="10.0.0.1").status_code == 302
    assert client.post(URL, complaint_data(), REMOTE_ADDR="10.0.0.1").status_code == 302
    response = client.post(URL, complaint_data(), REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 429
    html = response.content.decode()
    assert "提交过于频繁" in html and "西湖区某居家养老服务站" in html  # what was typed is kept
    assert "提交未成功" not in html  # no validation errors on a refused request
    assert Case.objects.count() == 2
    # Another address is not affected.
    assert client.post(URL, complaint_data(), REMOTE_ADDR="10.0.0.2").status_code == 302
