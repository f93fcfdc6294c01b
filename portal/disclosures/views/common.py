"""Helpers shared by the listing, feed and download views."""

from django.core.exceptions import BadRequest

from ..filters import NoticeFilterSet, base_queryset

FILTER_PARAMS = list(NoticeFilterSet.base_filters)


def filtered_notices(request):
    """The FilterSet bound to the request's query string; bad parameters give a 400."""
    filterset = NoticeFilterSet(request.GET, queryset=base_queryset(), request=request)
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
