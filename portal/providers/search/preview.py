"""The registry's part of the site search: the first few providers matching the query and the
directory's address for all of them (registered with portal.search.extensions in ready())."""

from urllib.parse import urlencode

from django.urls import reverse

from . import RegistryParams, get_engine

# Providers shown in the search results; the directory lists them all.
PROVIDERS_SHOWN = 3


def site_search_preview(raw_query):
    params = RegistryParams(q=raw_query, per_page=PROVIDERS_SHOWN)
    result = get_engine().preview(params)
    return {
        "result": result,
        "directory_url": reverse("providers:directory") + "?" + urlencode({"q": raw_query}),
    }
