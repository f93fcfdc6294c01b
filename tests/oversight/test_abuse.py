"""Abuse and safety: CAPTCHA (including replay), honeypot, per-address rate limits."""

import pytest

from portal.core import captcha
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


def _other_process():
    """What another gunicorn worker has in memory: nothing of this one's local-memory cache."""
    from django.core.cache import cache

    cache.clear()


def test_captcha_token_cannot_be_replayed_in_another_process(client, bodies, complaint_data):
    """The spent question is kept where every worker sees it (the abuse-protection cache), not in
    the memory of the process that took the answer."""
    data = complaint_data()
    assert client.post(URL, data).status_code == 302
    _other_process()
    response = client.post(URL, data)
    assert response.status_code == 400 and "验证问题回答不正确或已过期" in response.content.decode()
    assert Case.objects.count() == 1


def test_rate_limit_holds_in_another_process(client, bodies, complaint_data, settings):
    settings.OVERSIGHT_RATES = {"submit": "2/h", "track": "10/15m"}
    for _ in range(2):
        assert client.post(URL, complaint_data(), REMOTE_ADDR="10.0.0.1").status_code == 302
        _other_process()
    assert client.post(URL, complaint_data(), REMOTE_ADDR="10.0.0.1").status_code == 429
    assert Case.objects.count() == 2


def test_abuse_state_is_never_in_a_per_process_cache(settings):
    """Whatever CACHE_URL says (locmem:// by default), the counters and spent questions are in the
    database or Redis; django-ratelimit's own check agrees."""
    from django.core.cache import caches
    from django.core.cache.backends.db import DatabaseCache
    from django_ratelimit.checks import check_caches

    from portal.settings.base import _abuse_cache

    assert settings.RATELIMIT_USE_CACHE == "abuse"
    assert isinstance(caches["abuse"], DatabaseCache)
    assert _abuse_cache("locmem://")["BACKEND"] == "portal.core.abuse_cache.AbuseStateCache"
    assert _abuse_cache("dummy://")["BACKEND"] == "portal.core.abuse_cache.AbuseStateCache"
    assert _abuse_cache("redis://127.0.0.1:6379/1")["BACKEND"] == "django_redis.cache.RedisCache"
    assert not [e for e in check_caches(None) if e.is_serious()]
    settings.CACHES = {**settings.CACHES, "abuse": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert [e.id for e in check_caches(None) if e.is_serious()] == ["django_ratelimit.E003"]


def test_abuse_cache_increments_add_up(db):
    """incr() of the abuse-protection cache (the row locked, then read and written)."""
    from portal.core.abuse import abuse_cache

    store = abuse_cache()
    assert store.add("t:counter", 1, 60)
    assert not store.add("t:counter", 1, 60)
    assert [store.incr("t:counter") for _ in range(5)] == [2, 3, 4, 5, 6]
    assert store.get("t:counter") == 6
    with pytest.raises(ValueError):
        store.incr("t:missing")
