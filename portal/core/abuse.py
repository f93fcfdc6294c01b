"""Protection of the public forms against abuse, shared by the complaint channel and the provider
applications: per-address rate limits (django-ratelimit), the client address behind a proxy, and
caps on the size of a request body checked before the body is read.

All the state (counters, spent CAPTCHA questions) lives in the cache alias "abuse" (settings:
CACHES["abuse"]): the database on the embedded default, Redis when CACHE_URL names one, never a
per-process cache, so that limits and one-use tokens hold across gunicorn workers."""

import ipaddress
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django_ratelimit.core import is_ratelimited

CACHE_ALIAS = "abuse"


def abuse_cache():
    return caches[CACHE_ALIAS]


def client_ip(request):
    """The client's address, for the rate limits (RATELIMIT_IP_META_KEY points here).

    Without a proxy it is REMOTE_ADDR. Behind a proxy, settings.CLIENT_IP_META_KEY (environment:
    RATELIMIT_IP_META_KEY) names the request header the proxy sets, e.g. HTTP_X_REAL_IP or
    HTTP_X_FORWARDED_FOR. X-Forwarded-For is a list the client may start itself: the right-most
    entry is the one the proxy appended (the address it saw), so that one is used. A missing or
    malformed header falls back to REMOTE_ADDR."""
    meta_key = getattr(settings, "CLIENT_IP_META_KEY", "REMOTE_ADDR") or "REMOTE_ADDR"
    value = request.META.get(meta_key, "")
    candidate = value.split(",")[-1].strip() if value else ""
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return request.META.get("REMOTE_ADDR") or "0.0.0.0"


@dataclass(frozen=True)
class Limit:
    """A per-address rate limit of one group of requests. Its rate ("5/h", django-ratelimit's
    notation) is read from the dict setting `setting` at `name`, so that deployments (and tests)
    set it, else `default`."""

    group: str
    setting: str
    name: str
    default: str

    @property
    def rate(self):
        return getattr(settings, self.setting, {}).get(self.name, self.default)

    def exceeded(self, request, key="ip", increment=True):
        """Count this request (atomically, in the shared cache) and say whether it is over the
        limit. `key` is django-ratelimit's: "ip" (client_ip) or a callable (group, request)."""
        return is_ratelimited(
            request, group=self.group, key=key, rate=self.rate, method=is_ratelimited.ALL, increment=increment
        )


def body_limit(max_bytes, limit=None, message=None):
    """Decorator of a view: a request body over `max_bytes` (by its Content-Length) is refused with
    a 413 before anything reads it, by portal.core.middleware.RequestBodyLimitMiddleware, and the
    refusal counts toward `limit` (a Limit) like any other attempt."""

    def decorate(view):
        view.max_request_bytes = max_bytes
        view.request_limit = limit
        view.too_large_message = message
        return view

    return decorate
