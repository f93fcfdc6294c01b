"""Mixin that gives a model jieba-segmented search fields, used by every searchable page type."""

from django.utils.html import strip_tags
from wagtail.search import index

from .segment import index_text, title_grams


class SegmentedSearchMixin:
    """Adds two fields to the search index: `segmented_text`, the page's title, summary and body cut
    into words, and `title_grams`, the character bigrams of its title (so that any run of two or
    more characters of a title is found, see segment.site_query). Subclasses list their texts in
    `segmented_search_texts()`, or override `segmented_text()` when they keep a segmented text
    already."""

    segmented_search_fields = [
        index.SearchField("segmented_text", boost=1),
        index.SearchField("title_grams", boost=1),
    ]

    def segmented_search_texts(self):
        texts = [getattr(self, "title", ""), getattr(self, "search_description", "")]
        body = getattr(self, "body", None)
        if body is not None:
            texts.append(strip_tags(str(body)))
        return texts

    def segmented_text(self):
        return index_text(*self.segmented_search_texts())

    def title_grams(self):
        return title_grams(getattr(self, "title", ""))
