"""Per-address rate limits (django-ratelimit on the shared cache) for submission and tracking."""

from django.conf import settings
from django_ratelimit.core import is_ratelimited

DEFAULT_RATES = {"submit": "5/h", "track": "10/15m"}


def rate(group):
    return getattr(settings, "OVERSIGHT_RATES", {}).get(group, DEFAULT_RATES[group])


def over_limit(request, group):
    """Count this request against the client address and say whether it is over the limit."""
    return is_ratelimited(
        request, group=f"oversight.{group}", key="ip", rate=rate(group), method=is_ratelimited.ALL, increment=True
    )
