from portal.search.segment import highlight_terms, index_text, query_terms, search_query, site_query, title_grams

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


def test_title_grams_are_the_bigrams_of_each_run():
    assert title_grams("颐乐居（西湖）A12") == "颐乐 乐居 西湖"
    assert title_grams("照") == ""


def test_site_query_matches_each_chunk_as_words_or_as_a_run_of_a_title():
    from wagtail.search.query import And, Or, Phrase, PlainText

    assert site_query("") is None and site_query("！！") is None
    query = site_query("颐乐居")
    assert isinstance(query, Or)
    assert [type(q) for q in query.subqueries] == [PlainText, Phrase]  # jieba makes 颐乐居 one word
    assert query.subqueries[1].query_string == "颐乐 乐居"
    words, grams, whole = site_query("照料护理").subqueries
    assert (words.query_string, grams.query_string) == ("照料 护理", "照料 料护 护理")
    assert whole.query_string == "照料护理"  # a title that is the query ranks first
    both = site_query("西湖区 心理疏导")
    assert isinstance(both, And) and len(both.subqueries) == 2
    assert isinstance(site_query("照"), PlainText)  # one character: no run
    assert isinstance(site_query("abc"), PlainText)
