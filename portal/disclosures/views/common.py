"""Helpers shared by the listing, feed and download views."""

from ..filters import NoticeFilterSet, base_queryset


def filtered_notices(request, queryset=None):
    """The FilterSet bound to the request's query string; bad parameters give a 400."""
    return NoticeFilterSet.bind(request.GET, base_queryset() if queryset is None else queryset, request)
