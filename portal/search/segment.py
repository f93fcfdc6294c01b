"""The one Chinese segmentation module. Every searchable text is indexed through `index_text` and
every query goes through `query_terms`, so the database full-text engines (SQLite FTS5, PostgreSQL
tsvector) and the search cluster see the same tokens.

Why: Chinese has no spaces, so a full-text index treats a whole run of characters as one token and
`照料护理` would never match `社会救助对象照料护理服务采购公告`. jieba splits it into words.
"""

import logging
import re
import threading
import unicodedata
from functools import lru_cache
from pathlib import Path

import jieba

logger = logging.getLogger(__name__)

USER_DICT = Path(__file__).with_name("userdict.txt")
_lock = threading.Lock()
_ready = False

# Anything that is not a letter, digit or CJK ideograph separates tokens.
_TOKEN_RE = re.compile(r"[\w\u3400-\u4dbf\u4e00-\u9fff]+", re.UNICODE)
_CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_CJK_RUN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]{2,}")


def _ensure_ready():
    global _ready
    if _ready:
        return
    with _lock:
        if _ready:
            return
        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        if USER_DICT.exists():
            jieba.load_userdict(str(USER_DICT))
        _ready = True


def normalise(text):
    """NFKC (full-width letters and digits to half-width) and lower case."""
    return unicodedata.normalize("NFKC", text or "").lower()


def _clean(tokens):
    for token in tokens:
        token = token.strip()
        if token and _TOKEN_RE.fullmatch(token):
            yield token


def tokens_for_index(text):
    """All tokens of `text` in jieba's search mode: words plus the dictionary sub-words of long
    words (`社会救助` also yields `社会` and `救助`), in order, duplicates removed."""
    _ensure_ready()
    seen = dict.fromkeys(_clean(jieba.cut_for_search(normalise(text))))
    return list(seen)


def whole_runs(text):
    """The runs of letters, digits and CJK characters of `text`, normalised but not segmented.

    Indexed beside the words of a name, they let a substring search find any part of the name,
    across the boundaries jieba cut it at: `颐乐居` and `乐居` are in no word of
    `杭州市西湖区颐乐居家养老服务中心` (颐乐|居家|养老…), but they are in its run."""
    return _TOKEN_RE.findall(normalise(text))


def index_text(*texts, whole=()):
    """Segmented, space-separated form of the given texts, for a full-text index; the texts in
    `whole` (names) are added as unsegmented runs too (see `whole_runs`)."""
    tokens = []
    for text in texts:
        if text:
            tokens.extend(tokens_for_index(str(text)))
    for text in whole:
        if text:
            tokens.extend(whole_runs(str(text)))
    return " ".join(dict.fromkeys(tokens))


def bigrams(run):
    """Overlapping pairs of characters of a run: `颐乐居` -> [`颐乐`, `乐居`]."""
    return [run[i : i + 2] for i in range(len(run) - 1)]


def title_grams(text):
    """The character bigrams of every run of two or more CJK characters of `text`, in order,
    space-separated: indexed for site search so that a phrase of a query's bigrams finds any run of
    two or more characters of a title, wherever jieba cut the title."""
    return " ".join(gram for run in _CJK_RUN_RE.findall(normalise(text)) for gram in bigrams(run))


@lru_cache(maxsize=2048)
def _query_terms(query):
    _ensure_ready()
    terms = []
    for chunk in _TOKEN_RE.findall(normalise(query)):
        candidates = list(_clean(jieba.cut_for_search(chunk)))
        # Keep the finest tokens only: a compound whose parts were also produced is dropped, so a
        # query for `社会救助` asks for `社会` AND `救助`, which the index has whatever context the
        # words stood in.
        leaves = [token for token in candidates if not any(other != token and other in token for other in candidates)]
        terms.extend(leaves)
    return tuple(dict.fromkeys(terms))


def query_terms(query):
    """The terms a query must match (all of them), segmented the same way as the index."""
    return list(_query_terms(query or ""))


def search_query(query):
    """The query string to hand to a full-text backend: the terms separated by spaces."""
    return " ".join(query_terms(query))


def site_query(query):
    """The site-search query (a modelsearch query object, or None without terms): every chunk of
    the query (the parts between spaces and punctuation) must match, either as its words in the
    segmented text (every term, in any order) or, for a chunk of two or more CJK characters, as a
    run of a title (the phrase of its bigrams in `title_grams`).

    A third alternative, the chunk as one token, matches nothing the others do not (a title's runs
    are indexed whole in the backends' title field, and are runs of its bigrams or its words): it
    ranks a page whose title is the query, or a whole part of it between punctuation, before pages
    that only mention it (a project before its notices, whose texts repeat the project's title)."""
    from wagtail.search.query import And, Or, Phrase, PlainText

    parts = []
    for chunk in _TOKEN_RE.findall(normalise(query or "")):
        alternatives = []
        terms = list(_query_terms(chunk))
        if terms:
            alternatives.append(PlainText(" ".join(terms), operator="and"))
        if _CJK_RUN_RE.fullmatch(chunk):
            alternatives.append(Phrase(" ".join(bigrams(chunk))))
        if alternatives and terms != [chunk]:
            alternatives.append(PlainText(chunk))
        if alternatives:
            parts.append(alternatives[0] if len(alternatives) == 1 else Or(alternatives))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else And(parts)


def has_cjk(text):
    return bool(_CJK_RE.search(text or ""))


def highlight_terms(query):
    """Terms worth highlighting in results, longest first so that nested terms highlight whole."""
    terms = set(query_terms(query))
    for chunk in _TOKEN_RE.findall(normalise(query or "")):
        terms.add(chunk)
    return sorted((t for t in terms if t), key=len, reverse=True)
