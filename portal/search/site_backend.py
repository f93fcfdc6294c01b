"""Wagtail site-search backends for the search cluster: modelsearch's OpenSearch 3 client backend
(works with OpenSearch 2.x and 3.x servers through opensearch-py 3) and Elasticsearch 8 backend,
taught one thing about this project's pages.

Why: `SegmentedSearchMixin` (portal.search.indexing) defines the `segmented_text` search field on a
plain mixin class. modelsearch names a field's document column after the model that defines it and
reads that class's `_meta`, which a mixin does not have, so indexing any page fails with
AttributeError. A field defined on a mixin is the same field on every model that uses it, so it is
given the column a field defined on the root model gets: plain `segmented_text`.

Configure with portal.search.cluster.site_search_backend(), e.g.
BACKEND = "portal.search.site_backend.OpenSearchSiteSearchBackend".
"""

from modelsearch.backends import elasticsearch8, opensearch3
from modelsearch.index import AutocompleteField, FilterField, RelatedFields


def _column_name_for_mixin_fields(mapping_class):
    class Mapping(mapping_class):
        def get_field_column_name(self, field):
            definition = field.get_definition_model(self.model)
            if definition is None or hasattr(definition, "_meta"):
                return super().get_field_column_name(field)
            if isinstance(field, RelatedFields):
                return field.field_name
            name = field.get_attname(self.model)
            if isinstance(field, FilterField):
                return name + "_filter"
            if isinstance(field, AutocompleteField):
                return name + "_edgengrams"
            return name

    Mapping.__name__ = Mapping.__qualname__ = "Site" + mapping_class.__name__
    return Mapping


def _site_backend(module, name):
    """A subclass of `module.SearchBackend` whose mapping (and query compilers) use the fix."""
    base = module.SearchBackend
    mapping = _column_name_for_mixin_fields(base.mapping_class)
    query_compiler = type(
        "Site" + base.query_compiler_class.__name__, (base.query_compiler_class,), {"mapping_class": mapping}
    )
    autocomplete_compiler = type(
        "Site" + base.autocomplete_query_compiler_class.__name__,
        (base.autocomplete_query_compiler_class,),
        {"mapping_class": mapping},
    )
    return type(
        name,
        (base,),
        {
            "__module__": __name__,
            "__doc__": f"{base.__name__} for the portal's pages (fields defined on mixins).",
            "mapping_class": mapping,
            "query_compiler_class": query_compiler,
            "autocomplete_query_compiler_class": autocomplete_compiler,
        },
    )


OpenSearchSiteSearchBackend = _site_backend(opensearch3, "OpenSearchSiteSearchBackend")
ElasticsearchSiteSearchBackend = _site_backend(elasticsearch8, "ElasticsearchSiteSearchBackend")
