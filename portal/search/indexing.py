"""Mixin that gives a model a jieba-segmented search field, used by every searchable page type."""

from django.utils.html import strip_tags
from wagtail.search import index

from .segment import index_text


class SegmentedSearchMixin:
    """Adds `segmented_text` to the search index: the page's title, summary and body cut into words.
    Subclasses list extra texts in `segmented_search_texts()`."""

    segmented_search_fields = [index.SearchField("segmented_text", boost=1)]

    def segmented_search_texts(self):
        texts = [getattr(self, "title", ""), getattr(self, "search_description", "")]
        body = getattr(self, "body", None)
        if body is not None:
            texts.append(strip_tags(str(body)))
        return texts

    def segmented_text(self):
        return index_text(*self.segmented_search_texts())
