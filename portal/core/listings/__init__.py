"""One listing framework for every public listing (notices, evaluations, providers, campaigns,
materials, training courses, township capacity, the complaint register):

- `filtersets.ListingFilterSet`: a listing's query-string contract (django-filter) with one error
  path (`bind()` raises BadRequest: the 400 page) and filtering with every filter but some;
- `facets`: one facet semantics (disjunctive: each facet counted over the other filters) from
  grouped queries; the reference-data facets (regions, service items) are in portal.reference.facets;
- `listing.Listing`: binds, counts and paginates;
- `pagination`, `querystring`: pages with known totals, facet links, cache keys of a filter set;
- `tabular`: the one streaming CSV/XLSX exporter of the downloads.

The facet markup is one template, templates/includes/facets.html."""

from .filtersets import ListingFilterSet, ReferenceChoiceField, ReferenceChoiceFilter

__all__ = ["ListingFilterSet", "ReferenceChoiceField", "ReferenceChoiceFilter"]
