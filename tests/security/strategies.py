"""Hypothesis strategies for hostile input: unicode and control characters, very long strings,
SQL and HTML fragments, numbers out of range, digits that str.isdigit() accepts but int() does not,
repeated keys and unknown parameters."""

from hypothesis import strategies as st

NASTY = [
    "",
    " ",
    "'",
    '"',
    "' OR '1'='1",
    "1; DROP TABLE wagtailcore_page; --",
    "1 UNION SELECT username, password FROM auth_user --",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "{{ 7|add:7 }}",
    "{% debug %}",
    "%",
    "%%",
    "_",
    "\\",
    "\x00",
    "a\x00b",
    "\x1b[31m",
    "\r\n",
    "\u202e\u0645",
    "\ufeff",
    "😀" * 3,
    "²",
    "³",
    "١٢",
    "１２",
    "Ⅻ",
    "9" * 5000,
    "-1",
    "0",
    "00",
    "-0",
    "1.5",
    "1e309",
    "NaN",
    "inf",
    "-inf",
    "99999999999999999999999999",
    "-99999999999999999999999999",
    "2026-02-30",
    "0000-00-00",
    "9999-12-31",
    "10000-01-01",
    "2026-13-01T25:61:00Z",
    "2026-11-02T09:30:00+99:00",
    "../../etc/passwd",
    "%2e%2e%2f",
    "null",
    "None",
    "true",
    "[]",
    "{}",
    "330106",
    "3301",
    "330106001",
    "91330106MA2XXXXX0X",
]

long_text = st.builds(lambda s, n: s * n, st.text(min_size=1, max_size=4), st.integers(min_value=100, max_value=3000))
numbers = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)
hostile = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=30),
    st.text(alphabet=st.characters(codec="utf-8", categories=["Cc", "Zs", "Nd", "No", "Lo", "So"]), max_size=20),
    numbers,
    long_text,
)


def value(valid=()):
    """A parameter value: sometimes a valid one (so that the filtering code runs), mostly hostile."""
    return st.one_of(st.sampled_from(list(valid)), hostile) if valid else hostile


def query(spec):
    """A query dict {name: [values]} from {name: valid values}: any subset of the names plus `page`
    and an unknown key, each with one to three values (repeated keys)."""
    names = list(spec) + ["page", "zzz_unknown"]

    def values_for(name):
        return st.lists(value(spec.get(name, ())), min_size=1, max_size=3)

    return st.lists(st.sampled_from(names), unique=True, max_size=len(names)).flatmap(
        lambda keys: st.fixed_dictionaries({k: values_for(k) for k in keys})
    )
