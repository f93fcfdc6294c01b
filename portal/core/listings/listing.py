"""A public listing: its FilterSet bound to the query string, its facets counted (disjunctive, see
facets.py) and a page of results."""

from django.core.exceptions import BadRequest
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from portal.core import caching

from .facets import compute
from .pagination import counted_page, window_page
from .querystring import facet_groups, normalised_params


def page_number(params):
    """The `page` parameter as a positive integer (1 when absent); BadRequest for anything else."""
    raw = params.get("page", "").strip() or "1"
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 9) or int(raw) < 1:
        raise BadRequest(_("页码必须是正整数。"))
    return int(raw)


class Listing:
    """`filterset_class` (a ListingFilterSet) bound to the request's query string, `facets` counted
    over `queryset` and the page `page` of the filtered, ordered results.

    `cache` names the facet counts in the fragment cache (portal.core.caching.remember, purged
    with the content), keyed on the listing's parameters, the language and `depends` (e.g. the day, when counts
    depend on the date); None computes them on every request. When the facets give the number of
    results (any single-valued facet), the page is read without a COUNT query."""

    def __init__(self, request, filterset_class, queryset, facets, *, page_size, cache=None, depends=()):
        params = request.GET
        self.number = page_number(params)
        self.filterset = filterset_class.bind(params, queryset, request)
        self.query = self.filterset.params()
        self.key = normalised_params(self.query)
        self.facets = facets
        for facet in facets:
            facet.select(self.filterset.form.cleaned_data.get(facet.name))

        def count():
            total = compute(facets, lambda names: self.filterset.filter_except(queryset, names))
            return total, {facet.name: facet.options for facet in facets}

        if cache:
            total, options = caching.remember(cache, (self.key, get_language(), *depends), count)
            for facet in facets:
                facet.options = options[facet.name]
        else:
            total, _options = count()
        results = self.filterset.qs
        if total is None:
            self.page_obj = window_page(results, self.number, page_size)
        else:
            self.page_obj = counted_page(results, total, self.number, page_size)

    @property
    def query_string(self):
        return self.query.urlencode()

    @property
    def is_filtered(self):
        return bool(self.query)

    def facet_groups(self):
        return facet_groups(self.query, self.facets)

    def context(self):
        return {
            "filterset": self.filterset,
            "form": self.filterset.form,
            "facets": self.facets,
            "page_obj": self.page_obj,
            "query_string": self.query_string,
            "is_filtered": self.is_filtered,
            "noindex": self.is_filtered or self.number > 1,
            "result_count": self.page_obj.paginator.count,
        }
