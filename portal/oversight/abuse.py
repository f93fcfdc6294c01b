"""The complaint channel's per-address rate limits (portal.core.abuse): submissions and tracking.
Rates from settings.OVERSIGHT_RATES (environment: OVERSIGHT_SUBMIT_RATE, OVERSIGHT_TRACK_RATE)."""

from portal.core.abuse import Limit

LIMITS = {
    "submit": Limit("oversight.submit", "OVERSIGHT_RATES", "submit", "5/h"),
    "track": Limit("oversight.track", "OVERSIGHT_RATES", "track", "10/15m"),
}


def over_limit(request, group):
    """Count this request against the client address and say whether it is over the limit."""
    return LIMITS[group].exceeded(request)
