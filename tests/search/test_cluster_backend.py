"""The portal's site-search backends for the cluster (portal.search.site_backend) map a search
field defined on a mixin (SegmentedSearchMixin.segmented_text) to one shared document column, where
modelsearch's own backends fail on the mixin; fields defined on a model keep modelsearch's names."""

import pytest
from modelsearch.backends import opensearch3

from portal.home.models import HomePage, StandardPage
from portal.search.site_backend import ElasticsearchSiteSearchBackend, OpenSearchSiteSearchBackend


def _field(model, name):
    return next(f for f in model.get_search_fields() if f.field_name == name)


@pytest.mark.parametrize("backend", [OpenSearchSiteSearchBackend, ElasticsearchSiteSearchBackend])
def test_mixin_field_has_one_column_for_every_page_type(backend):
    for model in (HomePage, StandardPage):
        mapping = backend.mapping_class(model)
        assert mapping.get_field_column_name(_field(model, "segmented_text")) == "segmented_text"
    mapping = backend.mapping_class(StandardPage)
    assert mapping.get_field_column_name(_field(StandardPage, "summary")) == "home_standardpage__summary"
    assert mapping.get_field_column_name(_field(StandardPage, "title")) == "title"
    assert backend.query_compiler_class.mapping_class is backend.mapping_class
    assert backend.autocomplete_query_compiler_class.mapping_class is backend.mapping_class


def test_modelsearch_backend_alone_fails_on_the_mixin():
    """Why portal.search.site_backend exists (if modelsearch fixes this, the subclass can go)."""
    mapping = opensearch3.SearchBackend.mapping_class(StandardPage)
    with pytest.raises(AttributeError, match="_meta"):
        mapping.get_field_column_name(_field(StandardPage, "segmented_text"))


@pytest.mark.django_db
def test_page_mapping_and_document_use_the_shared_column():
    mapping = OpenSearchSiteSearchBackend.mapping_class(StandardPage)
    properties = mapping.get_mapping()["properties"]
    assert properties["segmented_text"]["type"] == "text"
    assert "_all_text" in properties["segmented_text"]["copy_to"]
    page = StandardPage(title="社会救助对象照料护理服务采购公告", summary="", slug="x", depth=3, path="000100010001")
    document = mapping.get_document(page)
    assert {"社会", "救助", "照料", "护理"} <= set(document["segmented_text"].split())
