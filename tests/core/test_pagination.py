"""The pagination bar (templates/includes/pagination.html): numbered pages with previous and next,
not next-only."""

import re

from django.core.paginator import Paginator
from django.template.loader import render_to_string


def bar(number, pages=20, query_string="kind=result"):
    page_obj = Paginator(range(pages * 10), 10).get_page(number)
    return render_to_string("includes/pagination.html", {"page_obj": page_obj, "query_string": query_string})


def links(html):
    return [
        (href, re.sub(r"<[^>]+>", "", text)) for href, text in re.findall(r'<a href="([^"]+)"[^>]*>(.*?)</a>', html)
    ]


def test_numbered_pages_around_the_current_one_with_first_last_previous_next():
    html = bar(7)
    found = links(html)
    labels = [text for _href, text in found]
    assert labels == ["上一页", "第1页", "第6页", "第7页（当前页）", "第8页", "第20页", "下一页"]
    assert html.count("…") == 2
    assert ("?kind=result&amp;page=6", "上一页") in found and ("?kind=result&amp;page=8", "下一页") in found
    assert ("?kind=result&amp;page=20", "第20页") in found
    assert re.search(r'aria-current="page"><span class="visually-hidden">第</span>7<', html)
    assert "第 7 页，共 20 页" in html


def test_first_and_last_pages_and_a_single_page():
    first = [text for _href, text in links(bar(1, pages=3, query_string=""))]
    assert first == ["第1页（当前页）", "第2页", "第3页", "下一页"]
    last = [text for _href, text in links(bar(3, pages=3, query_string=""))]
    assert last == ["上一页", "第1页", "第2页", "第3页（当前页）"]
    assert bar(1, pages=1).strip() == ""
