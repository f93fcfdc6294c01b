"""Query-string helpers of the listings: the cache key of a filter set and the facet links."""

from urllib.parse import urlencode


def normalised_params(params, drop=()):
    """The query parameters as a stable, hashable tuple (sorted names, values in order)."""
    return tuple(sorted((key, tuple(params.getlist(key))) for key in params if key not in drop))


def facet_links(query, options, param):
    """One link per facet option worth showing (with results, or chosen): the filter query (a
    QueryDict without the page) with `param` set to the option's value (in place when the query has
    it), or without `param` for the chosen option, so that a second click removes the filter."""
    items = [(key, value) for key, values in query.lists() for value in values]
    links = []
    for option in options:
        if not (option.count or option.selected):
            continue
        pairs = []
        placed = option.selected
        for key, old in items:
            if key != param:
                pairs.append((key, old))
            elif not placed:
                pairs.append((param, option.value))
                placed = True
        if not placed:
            pairs.append((param, option.value))
        query_string = urlencode(pairs)
        links.append(
            {
                "value": option.value,
                "label": option.label,
                "count": option.count,
                "selected": option.selected,
                "query": query_string,
                "url": f"?{query_string}",
            }
        )
    return links


def facet_groups(query, facets):
    """The facets as the shared facet template (templates/includes/facets.html) shows them."""
    return [
        {"key": facet.name, "title": facet.label, "entries": facet_links(query, facet.options, facet.name)}
        for facet in facets
    ]
