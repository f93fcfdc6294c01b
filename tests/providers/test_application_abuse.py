"""The provider application form is protected like the complaint channel (CAPTCHA, honeypot,
per-address limit), and the tracking page counts lookups atomically per address, per address and
application, and per application with a short back-off, so that a stranger's wrong codes never
lock the real applicant out (portal/providers/views/applications.py)."""

import pytest
from django.core.cache import cache

from portal.providers.factories import ApplicationFactory
from portal.providers.models import ProviderApplication

from .test_applications import form_data, solved_captcha

pytestmark = pytest.mark.django_db

APPLY = "/providers/apply/"
TRACK = "/providers/apply/track/"


def test_application_needs_the_captcha_answer(client, items, regions):
    data = form_data(items)
    data["captcha_answer"] = "7"
    response = client.post(APPLY, data)
    assert response.status_code == 200
    assert "验证问题回答不正确" in response.content.decode()
    assert data["captcha_token"] not in response.content.decode()  # a new question
    assert ProviderApplication.objects.count() == 0
    without = form_data(items)
    del without["captcha_token"], without["captcha_answer"]
    assert client.post(APPLY, without).status_code == 200
    assert client.post(APPLY, form_data(items)).status_code == 302
    assert ProviderApplication.objects.count() == 1


def test_application_captcha_cannot_be_replayed(client, items, regions):
    captcha = solved_captcha()
    assert client.post(APPLY, form_data(items, **captcha)).status_code == 302
    cache.clear()  # another worker's memory
    import random

    from portal.reference import credit_code as cc

    other = form_data(items, credit_code=cc.generate("5", "2", "330105", rng=random.Random(8)), **captcha)
    assert client.post(APPLY, other).status_code == 200
    assert ProviderApplication.objects.count() == 1


def test_application_honeypot(client, items, regions):
    response = client.post(APPLY, form_data(items, website="http://spam.example"))
    assert response.status_code == 200 and "提交未通过校验" in response.content.decode()
    assert ProviderApplication.objects.count() == 0


def test_applications_are_rate_limited_per_address(client, items, regions, settings):
    """Six applications back to back: the limit (5 an hour) is the number accepted; the sixth keeps
    what was typed."""
    import random

    from portal.reference import credit_code as cc

    settings.PROVIDER_RATES = {**settings.PROVIDER_RATES, "apply": "5/h"}
    statuses = []
    for n in range(6):
        code = cc.generate("5", "2", "330105", rng=random.Random(100 + n))
        response = client.post(APPLY, form_data(items, credit_code=code), REMOTE_ADDR="10.2.0.1")
        statuses.append(response.status_code)
    assert statuses == [302] * 5 + [429]
    html = response.content.decode()
    assert "提交过于频繁" in html and 'value="杭州市拱墅区暖心助老服务中心"' in html
    assert ProviderApplication.objects.count() == 5
    code = cc.generate("5", "2", "330105", rng=random.Random(200))
    assert client.post(APPLY, form_data(items, credit_code=code), REMOTE_ADDR="10.2.0.2").status_code == 302


@pytest.fixture
def application(db):
    application = ApplicationFactory()
    application.set_access_code("24681357")
    application.save()
    return application


def lookup(client, application, code, address):
    return client.post(TRACK, {"reference": application.reference, "access_code": code}, REMOTE_ADDR=address)


def test_wrong_codes_from_one_address_are_limited_per_application(client, application):
    statuses = [lookup(client, application, f"0000000{n}", "10.3.0.1").status_code for n in range(7)]
    assert statuses == [200] * 5 + [429] * 2
    assert "次数过多" in lookup(client, application, "24681357", "10.3.0.1").content.decode()
    # Not the applicant's own address:
    found = lookup(client, application, "24681357", "10.3.0.2")
    assert found.status_code == 200 and found.context["application"] == application


def test_lookups_per_address_are_limited(client, application, settings):
    others = [ApplicationFactory() for _ in range(3)]
    statuses = []
    for n in range(12):
        target = others[n % 3]
        statuses.append(lookup(client, target, "00000000", "10.4.0.1").status_code)
    assert statuses == [200] * 10 + [429] * 2
    assert lookup(client, application, "24681357", "10.4.0.1").status_code == 429


def test_strangers_cannot_lock_out_the_applicant(client, application):
    """Forty wrong codes from twenty addresses: the application is checked at most once a minute
    for them afterwards, and the applicant's first lookup is answered at once."""
    statuses = [lookup(client, application, "00000000", f"10.5.{n // 2}.1").status_code for n in range(40)]
    # The first 20 lookups (addresses 0-9), then the first lookup of each of the other ten addresses
    # and one second lookup (the back-off slot); the other nine wait.
    assert statuses.count(200) == 20 + 10 + 1 and statuses.count(429) == 9
    found = lookup(client, application, "24681357", "10.5.99.1")
    assert found.status_code == 200 and found.context["application"] == application


def test_application_backoff_lets_one_lookup_a_minute_through(client, application, pinned_clock):
    for n in range(20):
        assert lookup(client, application, "00000000", f"10.6.{n}.1").status_code == 200
    # The window is full: an address that already tried waits for the back-off slot.
    assert lookup(client, application, "00000000", "10.6.0.1").status_code == 200  # takes the slot
    refused = lookup(client, application, "00000000", "10.6.1.1")
    assert refused.status_code == 429 and "请1分钟后再试" in refused.content.decode()
    pinned_clock.shift(61)
    assert lookup(client, application, "24681357", "10.6.1.1").context["application"] == application
