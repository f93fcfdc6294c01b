"""What other apps add to the site search without the search app importing them: a domain app
registers, in its AppConfig.ready(), a preview of its own matches shown above the page results
(the providers app shows the registry's matching providers, see portal/providers/apps.py)."""

_results_preview = None


def register_results_preview(func):
    """`func(raw_query)` returns the context of the results' preview section, or None."""
    global _results_preview
    _results_preview = func


def results_preview(raw_query):
    return _results_preview(raw_query) if _results_preview is not None else None
