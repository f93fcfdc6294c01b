"""Helpers shared by the listing, feed and download views."""

from urllib.parse import urlencode

from django.core.exceptions import BadRequest

from ..filters import NoticeFilterSet, base_queryset

FILTER_PARAMS = list(NoticeFilterSet.base_filters)


def filtered_notices(request, queryset=None):
    """The FilterSet bound to the request's query string; bad parameters give a 400."""
    filterset = NoticeFilterSet(
        request.GET, queryset=base_queryset() if queryset is None else queryset, request=request
    )
    if not filterset.is_valid():
        raise BadRequest(filterset.error_message())
    return filterset


def filter_query(request, drop=("page",)):
    """The request's filter parameters without `drop`, urlencoded."""
    params = request.GET.copy()
    for key in drop:
        params.pop(key, None)
    for key in list(params):
        if key not in FILTER_PARAMS or not params.get(key):
            params.pop(key)
    return params


def facet_links(query, rows, param, current):
    """One link per facet row: the filter query (a QueryDict without the page) with `param` set to
    the row's value (in place when the query has it, as QueryDict's `query[param] = value` does),
    or without `param` for the selected value. The same hrefs as copying and editing the QueryDict
    for each row, without the copies."""
    items = [(key, value) for key, values in query.lists() for value in values]
    links = []
    for value, label, count in rows:
        selected = value == current
        pairs = []
        placed = selected
        for key, old in items:
            if key != param:
                pairs.append((key, old))
            elif not placed:
                pairs.append((param, value))
                placed = True
        if not placed:
            pairs.append((param, value))
        query_string = urlencode(pairs)
        links.append(
            {
                "value": value,
                "label": label,
                "count": count,
                "selected": selected,
                "query": query_string,
                "url": f"?{query_string}",
            }
        )
    return links
