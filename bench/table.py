"""The benchmark table (terminal and Markdown) and the targets of issue 9 each row is checked against:
anonymous pages at least 50 % of the bare view's throughput from the page cache and 10 % uncached,
cached p95 under 100 ms, search p95 under 150 ms, at most 15 SQL queries per public page, no errors.
"cached?" is yes (page cache), no (page cache off, cached fragments on as deployed) or cold (every
cache off: reported for information, checked only for queries and errors)."""

CACHED_RATIO = 0.50
UNCACHED_RATIO = 0.10
CACHED_P95_MS = 100.0
SEARCH_P95_MS = 150.0
MAX_QUERIES = 15

COLUMNS = ["scenario", "cached?", "req/s", "p50 ms", "p95 ms", "p99 ms", "vs bare", "queries", "errors", "misses"]


def ratio(row):
    return row["rps"] / row["bare_rps"] if row.get("bare_rps") else None


def misses(row):
    """The targets this row misses, e.g. ["ratio 4.1% < 10%", "p95 180 ms ≥ 150"]."""
    kind, cached = row["kind"], row["cached"]
    found = []
    if kind == "bare":
        return found
    r = ratio(row)
    if kind in {"page", "pdf", "search"}:
        if cached == "yes" and r is not None and r < CACHED_RATIO:
            found.append(f"ratio {r:.1%} < {CACHED_RATIO:.0%}")
        if cached == "no" and r is not None and r < UNCACHED_RATIO:
            found.append(f"ratio {r:.1%} < {UNCACHED_RATIO:.0%}")
        if cached == "yes" and row["p95_ms"] >= CACHED_P95_MS:
            found.append(f"p95 {row['p95_ms']:.0f} ms ≥ {CACHED_P95_MS:.0f}")
        if cached == "no cache":
            found.append("page cache inactive")
    if kind == "search" and row["p95_ms"] >= SEARCH_P95_MS:
        found.append(f"search p95 {row['p95_ms']:.0f} ms ≥ {SEARCH_P95_MS:.0f}")
    if kind != "complaint" and row.get("queries") is not None and row["queries"] > MAX_QUERIES:
        found.append(f"{row['queries']} queries > {MAX_QUERIES}")
    if row["errors"]:
        found.append(f"{row['errors']} errors")
    if row.get("note", "").startswith("fallback"):
        found.append(row["note"])
    return found


def cells(row):
    r = ratio(row)
    return [
        row["scenario"] + (" *" if row["kind"] == "complaint" else ""),
        row["cached"],
        f"{row['rps']:.1f}",
        f"{row['p50_ms']:.1f}",
        f"{row['p95_ms']:.1f}",
        f"{row['p99_ms']:.1f}",
        "-" if r is None or row["kind"] == "bare" else f"{r:.1%}",
        "-" if row.get("queries") is None else str(row["queries"]),
        str(row["errors"]),
        "; ".join(misses(row)) or ("-" if row["kind"] == "bare" else "ok"),
    ]


def header(meta):
    return (
        f"{meta['connections']} connections, {meta['seconds']} s per scenario, gunicorn {meta['workers']} workers "
        f"(sync), production settings, PostgreSQL; {meta['when']}; load average before "
        f"{meta['load_before']}, after {meta['load_after']}; run took {meta['elapsed_s']} s"
    )


FOOTNOTE = (
    "* complaint submission: {clients} client threads, one submission = GET form + POST (CSRF token, "
    "CAPTCHA answered) + GET receipt, each from its own loopback address (production rate limits "
    "unchanged); req/s = acknowledged submissions per second; queries = GET form + POST. "
    "Ratios compare with the mean of the two bare-view runs (first and last) on the same server."
)


def render_table(rows, meta):
    table = [COLUMNS] + [cells(row) for row in rows]
    widths = [max(len(line[i]) for line in table) for i in range(len(COLUMNS))]
    lines = [header(meta), ""]
    for n, line in enumerate(table):
        lines.append("  ".join(c.ljust(w) if i in (0, 1, 9) else c.rjust(w) for i, (c, w) in
                               enumerate(zip(line, widths, strict=True))))  # fmt: skip
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    lines += ["", FOOTNOTE.format(clients=meta["complaint_clients"])]
    return "\n".join(lines)


def render_markdown(rows, meta, queries):
    lines = ["# Benchmark: last run", "", header(meta), "", "| " + " | ".join(COLUMNS) + " |"]
    lines.append("|" + "|".join("---" for _ in COLUMNS) + "|")
    for row in rows:
        lines.append("| " + " | ".join(c.replace("|", "/") for c in cells(row)) + " |")
    lines += [
        "",
        FOOTNOTE.format(clients=meta["complaint_clients"]),
        "",
        "Paths and SQL queries (page cache and cached fragments off):",
        "",
    ]
    for path, info in queries.items():
        detail = f" ({info['detail']})" if info.get("detail") else ""
        lines.append(f"- `{path}`: {info['queries']} queries, status {info['status']}{detail}")
    outcomes = [row for row in rows if row.get("outcomes")]
    for row in outcomes:
        lines.append(f"- complaint outcomes on {row['server']}: {row['outcomes']}")
    return "\n".join(lines) + "\n"
