"""Benchmark: registry search at scale on both engines.

Generates PROVIDERS providers with bulk_create (skipped when the database already holds that many),
indexes them into the search cluster (timed, through `rebuild`: new index, bulk helper, alias
swap), then measures query latency (p50/p95 of `engine.search()`: one page with total, facet counts
and highlights, providers loaded from the database) for keyword, filter-only and keyword+filter
queries on the database engine and the cluster engine, and prints a table.

    DATABASE_URL=postgres://portal:portal@127.0.0.1:5432/portal_searchbench \\
        .venv/bin/python bench/search_registry.py [--providers 100000] [--repeat 3]

Needs a search node (`make search-node`; --search-url, default http://127.0.0.1:9200). Without
DATABASE_URL a temporary SQLite database is used. The benchmark index is deleted at the end.
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORDS = ["阳光", "同心", "康宁", "仁爱", "善行", "启明", "安康", "和睦", "暖心", "新航", "颐养", "乐龄"]
KINDS = ["社会工作服务中心", "养老服务中心", "助残服务社", "康复服务中心", "心理咨询服务中心", "信息科技有限公司"]
DESCRIPTIONS = [
    "为特困老人提供上门照料护理和心理疏导。",
    "残疾人康复训练与社会融入服务。",
    "提供家庭经济状况核对系统和绩效评价服务。",
    "社区照料服务与资源链接，陪伴困难群众就医。",
    "开展社会救助经办人员业务培训和政策宣传。",
    "关注罕见病对象，提供跟踪随访和能力提升服务。",
]
KEYWORDS = ["照料护理", "阳光", "康复", "心理疏导", "社会工作服务中心", "西湖区", "老", "助残服务社"]


def percentile(values, pct):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def generate(total, rng):
    """bulk_create providers until there are `total` (search text as Provider.build_search_text)."""
    from portal.providers.factories import CODE_PREFIX
    from portal.providers.models import Grade, Provider, ProviderStatus, ProviderType
    from portal.reference import credit_code as cc
    from portal.reference.models import Region, ServiceItem
    from portal.search.segment import tokens_for_index

    existing = Provider.objects.count()
    if existing >= total:
        return 0
    counties = list(Region.objects.counties().select_related("parent"))
    items = list(ServiceItem.objects.all())
    codes = set(Provider.objects.values_list("credit_code", flat=True))
    cached_tokens = lru_cache(maxsize=None)(tokens_for_index)
    types = list(ProviderType.values)
    grades = [*Grade.values, None, None]
    statuses = [ProviderStatus.ACTIVE] * 8 + [ProviderStatus.SUSPENDED, ProviderStatus.EXITED]
    batch, links = [], []
    through = Provider.service_items.through
    created = 0

    def flush():
        Provider.objects.bulk_create(batch, batch_size=2000)
        ids = dict(
            Provider.objects.filter(credit_code__in=[p.credit_code for p in batch]).values_list("credit_code", "pk")
        )
        through.objects.bulk_create(
            [through(provider_id=ids[code], serviceitem_id=item) for code, item in links], batch_size=5000
        )
        batch.clear()
        links.clear()

    n = existing
    while n < total:
        county = rng.choice(counties)
        provider_type = rng.choice(types)
        authority, org_type = CODE_PREFIX[ProviderType(provider_type)]
        code = cc.generate(authority, org_type, county.code, rng=rng)
        if code in codes:
            continue
        codes.add(code)
        chosen = rng.sample(items, rng.randint(0, 3))
        name = f"{county.name}{rng.choice(WORDS)}{rng.choice(KINDS)}{n}"
        description = rng.choice(DESCRIPTIONS)
        region_name = county.full_name
        tokens = list(cached_tokens(name))
        if chosen:
            tokens += cached_tokens(" ".join(i.name for i in chosen))
        tokens += [*cached_tokens(description), *cached_tokens(region_name)]
        grade = rng.choice(grades)
        batch.append(
            Provider(
                name=name,
                credit_code=code,
                provider_type=provider_type,
                region=county,
                description=description,
                registered_on=None
                if n % 13 == 0
                else datetime.date(2005, 1, 1) + datetime.timedelta(days=rng.randrange(7000)),
                status=rng.choice(statuses),
                latest_grade=grade,
                latest_grade_date=datetime.date(2025, 6, 1) if grade else None,
                search_text=" ".join(dict.fromkeys(tokens)),
            )
        )
        links += [(code, item.pk) for item in chosen]
        n += 1
        created += 1
        if len(batch) >= 5000:
            flush()
    if batch:
        flush()
    return created


def query_sets(rng):
    from portal.providers.models import ProviderStatus, ProviderType
    from portal.providers.search import RegistryParams
    from portal.reference.models import Region

    cities = list(Region.objects.cities().values_list("code", flat=True))
    counties = list(Region.objects.counties().values_list("code", flat=True))

    def filters():
        choice = rng.randrange(4)
        if choice == 0:
            return {"region_code": rng.choice(cities), "status": ProviderStatus.ACTIVE}
        if choice == 1:
            return {"region_code": rng.choice(counties), "service_item": rng.randint(1, 16)}
        if choice == 2:
            return {"provider_type": rng.choice(ProviderType.values), "grade": "excellent"}
        return {"service_item": rng.randint(9, 16), "region_code": rng.choice(cities), "sort": "grade"}

    keyword = [RegistryParams(q=q) for q in KEYWORDS]
    filter_only = [RegistryParams(**filters()) for _ in range(len(KEYWORDS))]
    combined = [RegistryParams(q=q, **filters()) for q in KEYWORDS]
    return {"keyword": keyword, "filter-only": filter_only, "keyword+filters": combined}


def measure(engine, params_list, repeat):
    engine.search(params_list[0])  # warm-up
    timings, degraded = [], 0
    for _ in range(repeat):
        for params in params_list:
            started = time.perf_counter()
            result = engine.search(params)
            timings.append((time.perf_counter() - started) * 1000)
            degraded += result.degraded
    return timings, degraded


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--providers", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of every query set per engine")
    parser.add_argument("--search-url", default=os.environ.get("SEARCH_URL") or "http://127.0.0.1:9200")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="bench-search-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp / 'bench.sqlite3'}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    os.environ["PORTAL_VAR_DIR"] = str(tmp)
    os.environ["SEARCH_ENGINE"] = "opensearch"
    os.environ["SEARCH_URL"] = args.search_url
    os.environ["SEARCH_INDEX_PREFIX"] = f"bench_{uuid.uuid4().hex[:10]}"

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from portal.providers.models import Provider
    from portal.providers.search import documents, sync
    from portal.providers.search.cluster import ClusterEngine
    from portal.providers.search.database import DatabaseEngine
    from portal.search.cluster import get_client

    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}; cluster: {args.search_url}")
    call_command("migrate", verbosity=0)
    call_command("load_reference", verbosity=0)
    rng = random.Random(2026)
    started = time.perf_counter()
    created = generate(args.providers, rng)
    total = Provider.objects.count()
    print(f"providers: {total} ({created} generated in {time.perf_counter() - started:.1f} s)")

    client = get_client(timeout=30)
    alias = documents.alias_name()
    try:
        started = time.perf_counter()
        name, indexed, _old = sync.rebuild(client=client, alias=alias, chunk_size=2000)
        index_seconds = time.perf_counter() - started
        size = documents.body(client.indices.stats(index=name))["indices"][name]["total"]["store"]["size_in_bytes"]
        print(
            f"index: {indexed} documents into {name} in {index_seconds:.1f} s "
            f"({indexed / index_seconds:.0f} docs/s, {size / 1e6:.0f} MB)"
        )

        engines = {"database": DatabaseEngine(), "cluster": ClusterEngine()}
        sets = query_sets(rng)
        mismatches = 0
        for params_list in sets.values():
            for params in params_list:
                a, b = engines["database"].search(params), engines["cluster"].search(params)
                mismatches += (a.total, [p.pk for p in a.providers]) != (b.total, [p.pk for p in b.providers])
        rows = []
        for kind, params_list in sets.items():
            for label, engine in engines.items():
                timings, degraded = measure(engine, params_list, args.repeat)
                rows.append(
                    (
                        kind,
                        label,
                        len(timings),
                        percentile(timings, 50),
                        percentile(timings, 95),
                        statistics.mean(timings),
                        degraded,
                    )
                )
    finally:
        # The benchmark's indexes (registry, and site search's if pages were indexed on the way).
        prefix = documents.index_prefix() + "_"
        for index in documents.body(client.indices.get(index=prefix + "*", expand_wildcards="all")):
            client.indices.delete(index=index)

    print()
    print(f"{'queries':<16} {'engine':<9} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'mean ms':>8} {'degraded':>8}")
    for kind, label, n, p50, p95, mean, degraded in rows:
        print(f"{kind:<16} {label:<9} {n:>4} {p50:>8.1f} {p95:>8.1f} {mean:>8.1f} {degraded:>8}")
    print(f"\nresult pages differing between the engines: {mismatches} of {sum(len(v) for v in sets.values())}")


if __name__ == "__main__":
    main()
