"""Registry (provider directory) search: an engine interface and its implementations, chosen by
the REGISTRY_SEARCH_ENGINE setting (default "database")."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from .base import FACETS, NO_GRADE, SORTS, FacetValue, RegistryEngine, RegistryParams, RegistryResult

ENGINES = {"database": "portal.providers.search.database.DatabaseEngine"}


def register_engine(name, dotted_path):
    """Make another engine (e.g. the search-cluster one) selectable by name."""
    ENGINES[name] = dotted_path


def get_engine(name=None) -> RegistryEngine:
    name = name or getattr(settings, "REGISTRY_SEARCH_ENGINE", None) or "database"
    path = ENGINES.get(name, name if "." in name else None)
    if path is None:
        raise ImproperlyConfigured(f"Unknown registry search engine {name!r}; known: {sorted(ENGINES)}")
    return import_string(path)()


__all__ = [
    "ENGINES",
    "FACETS",
    "NO_GRADE",
    "SORTS",
    "FacetValue",
    "RegistryEngine",
    "RegistryParams",
    "RegistryResult",
    "get_engine",
    "register_engine",
]
