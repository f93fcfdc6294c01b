"""The checks behind /healthz. Core checks the database and the cache itself; apps above core add
their own (the search app adds the cluster's) in their AppConfig.ready(), so core imports none of
them. A check returns a dict of details or raises; /healthz reports each one's outcome and time."""

CHECKS = {}


def register_check(name, check):
    """Add `check` (a function of no arguments) to /healthz under `name`; registering a name again
    replaces the earlier check."""
    CHECKS[name] = check
