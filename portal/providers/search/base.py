"""The registry search engine interface. The directory's django-filter FilterSet turns query
parameters into `RegistryParams`; an engine turns those into a `RegistryResult`. The database
engine is the embedded default; a search-cluster engine implements the same interface, and both
must return the same providers for the same parameters."""

from abc import ABC, abstractmethod
from dataclasses import dataclass, field

SORTS = ("relevance", "name", "grade", "registered_desc", "registered_asc")
FACETS = ("city", "county", "service", "provider_type", "status", "grade")
# Grade filter value for providers not evaluated yet.
NO_GRADE = "none"


@dataclass(frozen=True)
class RegistryParams:
    """Validated search parameters, engine independent (plain values, no model instances)."""

    q: str = ""
    region_code: str = ""  # a province, city or county code: providers whose region lies within it
    service_item: int | None = None  # ServiceItem pk
    provider_type: str = ""
    status: str = ""
    grade: str = ""  # a Grade value or NO_GRADE
    sort: str = ""  # one of SORTS; empty = relevance with a keyword, else name
    page: int = 1
    per_page: int = 20

    @property
    def effective_sort(self):
        if self.sort and not (self.sort == "relevance" and not self.q):
            return self.sort
        return "relevance" if self.q else "name"

    @property
    def offset(self):
        return (self.page - 1) * self.per_page


@dataclass
class FacetValue:
    """One value of a facet and how many providers have it."""

    value: str
    count: int


@dataclass
class RegistryResult:
    """One page of providers, in order, with totals, facet counts and highlights.

    Facet counts are disjunctive: each facet is counted over the result of all the *other*
    filters (its own filter left out), so every value shows how many providers choosing it gives.
    """

    providers: list
    total: int
    facets: dict = field(default_factory=dict)  # facet name -> [FacetValue]
    highlights: dict = field(default_factory=dict)  # provider pk -> {"description": snippet}
    terms: list = field(default_factory=list)  # terms to highlight
    degraded: bool = False  # True when a fallback engine answered instead of the configured one
    engine: str = ""

    def facet_counts(self, name):
        return {fv.value: fv.count for fv in self.facets.get(name, [])}


class RegistryEngine(ABC):
    """Finds providers for `RegistryParams`."""

    name = ""

    @abstractmethod
    def search(self, params: RegistryParams) -> RegistryResult:
        """One page of results with total, facet counts and highlights."""

    @abstractmethod
    def matching_ids(self, params: RegistryParams) -> list:
        """All matching provider pks, in result order (exports, contract tests)."""

    @abstractmethod
    def preview(self, params: RegistryParams) -> RegistryResult:
        """The first page of providers (region chain loaded) and their total, without facets or
        highlights: the providers group of site search."""
