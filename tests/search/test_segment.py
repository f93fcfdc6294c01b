from portal.search.segment import highlight_terms, index_text, query_terms, search_query

TITLE = "社会救助对象照料护理服务采购公告"


def test_index_text_contains_words_and_subwords():
    tokens = index_text(TITLE).split()
    for word in ["社会", "救助", "照料", "护理", "采购", "公告"]:
        assert word in tokens


def test_query_terms_are_the_finest_tokens():
    assert query_terms("照料护理") == ["照料", "护理"]
    assert query_terms("社会救助") == ["社会", "救助"]
    assert query_terms("  ") == []
    assert query_terms("！！？") == []


def test_every_query_term_of_a_substring_is_in_the_index():
    tokens = set(index_text(TITLE).split())
    for query in ["照料护理", "照料", "社会救助", "救助对象", "护理服务", "采购公告"]:
        assert set(query_terms(query)) <= tokens, query


def test_full_width_and_case_are_normalised():
    assert query_terms("ＡＢＣ１２３") == query_terms("abc123")


def test_search_query_and_highlight_terms():
    assert search_query("照料护理") == "照料 护理"
    assert highlight_terms("照料护理")[0] == "照料护理"
