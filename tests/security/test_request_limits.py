"""Request bodies over a view's cap are refused by their Content-Length before anything reads them
(the body is never read: a WSGI input that fails when read proves it), and the refusals count toward
the view's rate limit. The client address behind a proxy comes from RATELIMIT_IP_META_KEY."""

import pytest

pytestmark = pytest.mark.django_db

MIB = 1024 * 1024


class UnreadableInput:
    """A wsgi.input that fails the test if the server reads from it."""

    def __init__(self):
        self.reads = 0

    def read(self, *args):
        self.reads += 1
        raise AssertionError("the request body was read")

    readline = read


def post_huge(client, path, length=80 * MIB, **extra):
    body = UnreadableInput()
    response = client.generic(
        "POST",
        path,
        content_type="multipart/form-data; boundary=BoUnDaRy",
        CONTENT_LENGTH=str(length),
        **{"wsgi.input": body},
        **extra,
    )
    assert body.reads == 0
    return response


@pytest.mark.parametrize(
    "path",
    [
        "/oversight/complaints/new/",
        "/oversight/media/new/",
        "/oversight/track/",
        "/providers/apply/",
        "/providers/apply/track/",
        "/disclosures/notices/",  # no cap of its own: MAX_REQUEST_BYTES
    ],
)
def test_oversized_body_is_refused_before_it_is_read(client, fuzz_data, path):
    response = post_huge(client, path)
    assert response.status_code == 413
    assert "提交内容过大" in response.content.decode()


def test_caps_are_per_view(client, fuzz_data, settings):
    """The complaint form takes 5 files of 10 MB, provider applications 30 MB in all, the tracking
    forms a few kilobytes; other views settings.MAX_REQUEST_BYTES."""
    from portal.oversight.views.public import MAX_REQUEST_BYTES as COMPLAINT_CAP
    from portal.providers.views.applications import MAX_REQUEST_BYTES as APPLICATION_CAP

    assert COMPLAINT_CAP == 51 * MIB and APPLICATION_CAP == 31 * MIB
    assert post_huge(client, "/providers/apply/", length=40 * MIB).status_code == 413
    assert post_huge(client, "/oversight/track/", length=65 * 1024).status_code == 413
    settings.MAX_REQUEST_BYTES = MIB
    assert post_huge(client, "/disclosures/notices/", length=2 * MIB).status_code == 413


@pytest.mark.parametrize(
    "path,setting,group",
    [
        ("/oversight/complaints/new/", "OVERSIGHT_RATES", "submit"),
        ("/providers/apply/", "PROVIDER_RATES", "apply"),
    ],
)
def test_refusals_count_toward_the_rate_limit(client, fuzz_data, settings, path, setting, group):
    setattr(settings, setting, {**getattr(settings, setting), group: "2/h"})
    assert post_huge(client, path, REMOTE_ADDR="10.1.1.1").status_code == 413
    assert post_huge(client, path, REMOTE_ADDR="10.1.1.1").status_code == 413
    third = post_huge(client, path, REMOTE_ADDR="10.1.1.1")
    assert third.status_code == 429 and "提交过于频繁" in third.content.decode()
    # The address has used its submissions: an ordinary post is refused too, another address is not.
    assert client.post(path, {}, REMOTE_ADDR="10.1.1.1").status_code == 429
    assert client.post(path, {}, REMOTE_ADDR="10.1.1.2").status_code in (200, 400)


def test_client_address_behind_a_proxy(rf, settings):
    from portal.core.abuse import client_ip

    request = rf.get("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7")
    assert client_ip(request) == "10.0.0.9"  # no proxy configured: the header is not trusted
    settings.CLIENT_IP_META_KEY = "HTTP_X_FORWARDED_FOR"
    # The right-most entry is the one the proxy appended; the left ones are the client's to forge.
    assert client_ip(request) == "203.0.113.7"
    assert client_ip(rf.get("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="2001:db8::1")) == "2001:db8::1"
    assert client_ip(rf.get("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="junk")) == "10.0.0.9"
    assert client_ip(rf.get("/", REMOTE_ADDR="10.0.0.9")) == "10.0.0.9"
    settings.CLIENT_IP_META_KEY = "HTTP_X_REAL_IP"
    assert client_ip(rf.get("/", REMOTE_ADDR="10.0.0.9", HTTP_X_REAL_IP="198.51.100.2")) == "198.51.100.2"


def test_rate_limits_follow_the_proxy_header(client, fuzz_data, settings):
    """Behind nginx every request comes from the proxy's address: with RATELIMIT_IP_META_KEY the
    limit is per client, and a client cannot escape it by sending its own X-Forwarded-For."""
    settings.CLIENT_IP_META_KEY = "HTTP_X_FORWARDED_FOR"
    settings.OVERSIGHT_RATES = {"submit": "100/h", "track": "2/15m"}
    data = {"reference": "TS-2026-000001", "access_code": "12345678"}

    def track(forwarded):
        return client.post("/oversight/track/", data, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)

    assert track("203.0.113.7").status_code == 404
    assert track("9.9.9.9, 203.0.113.7").status_code == 404
    assert track("8.8.8.8, 203.0.113.7").status_code == 429  # the same client, whatever it prepends
    assert track("203.0.113.8").status_code == 404  # another client behind the same proxy


def test_proxy_header_is_read_from_the_environment(monkeypatch):
    import importlib

    import portal.settings.base as base

    monkeypatch.setenv("RATELIMIT_IP_META_KEY", "HTTP_X_REAL_IP")
    try:
        assert importlib.reload(base).CLIENT_IP_META_KEY == "HTTP_X_REAL_IP"
    finally:
        monkeypatch.delenv("RATELIMIT_IP_META_KEY")
        importlib.reload(base)
    assert base.CLIENT_IP_META_KEY == "REMOTE_ADDR"
    assert base.RATELIMIT_IP_META_KEY == "portal.core.abuse.client_ip"
