"""Importing providers in bulk: every row is validated first and every problem reported with its row
number; only when no row is invalid is anything written, in one transaction, with bulk operations.
Existing providers (same credit code) are updated."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import connection, transaction
from django.utils import timezone

from portal.core import caching
from portal.reference import codes
from portal.reference import credit_code as cc
from portal.reference.models import Region, ServiceItem
from portal.search.segment import tokens_for_index, whole_runs

from ..models import Provider, ProviderType
from ..models.choices import type_from_credit_code
from .columns import COLUMN_KEYS, EXPORT_ONLY_KEYS, FALSE_VALUES, LIST_SEPARATORS, REQUIRED_KEYS, TRUE_VALUES

BATCH = 1000
TYPE_BY_LABEL = {str(label): value for value, label in ProviderType.choices} | {v: v for v in ProviderType.values}
UPDATE_FIELDS = [
    "name",
    "provider_type",
    "registration_authority",
    "registered_on",
    "address",
    "region",
    "description",
    "staff_count",
    "social_worker_count",
    "facilities",
    "governance_attested",
    "finance_attested",
    "contact_phone",
    "contact_email",
    "website",
    "verified",
    "verified_on",
    "search_text",
    "updated_at",
]


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def __str__(self):
        where = f"第 {self.row} 行" + (f"，{self.column} 列" if self.column else "")
        return f"{where}：{self.message}"


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    errors: list = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self):
        return not self.errors


def _split(value):
    for sep in LIST_SEPARATORS[1:]:
        value = value.replace(sep, LIST_SEPARATORS[0])
    return [part.strip() for part in value.split(LIST_SEPARATORS[0]) if part.strip()]


class ProviderImporter:
    """Validate and write rows of {column: text}."""

    def __init__(self):
        self.regions = {r.code: r for r in Region.objects.filter(level__lte=Region.Level.COUNTY)}
        self.region_names = {code: self._full_name(r) for code, r in self.regions.items()}
        self.items = {i.name: i for i in ServiceItem.objects.all()}
        self._email = EmailValidator()
        self._url = URLValidator(schemes=["http", "https"])
        self._token_cache = {}

    def _full_name(self, region):
        names = []
        node = region
        while node is not None and node.level > Region.Level.PROVINCE:
            names.append(node.name)
            node = self.regions.get(codes.city_code(node.code)) if node.level == Region.Level.COUNTY else None
        return "".join(reversed(names))

    # -- validation -------------------------------------------------------------------------
    def check_header(self, header):
        errors = []
        missing = [key for key in REQUIRED_KEYS if key not in header]
        if missing:
            errors.append(RowError(1, "", "缺少必填列：" + "、".join(missing)))
        unknown = [key for key in header if key and key not in COLUMN_KEYS]
        if unknown:
            errors.append(RowError(1, "", "无法识别的列：" + "、".join(unknown) + "（列名见导入模板）"))
        if len(set(header)) != len(header):
            errors.append(RowError(1, "", "列名重复。"))
        return errors

    def clean_row(self, number, data, errors):
        def err(column, message):
            errors.append(RowError(number, column, message))

        row = {}
        for key in REQUIRED_KEYS:
            if not data.get(key, "").strip():
                err(key, "必填项为空。")
        name = data.get("name", "").strip()
        if len(name) > 120:
            err("name", "机构名称超过120字。")
        row["name"] = name
        code = cc.normalise(data.get("credit_code", ""))
        if code:
            for message in cc.validation_errors(code):
                err("credit_code", message)
        row["credit_code"] = code
        region_code = data.get("region_code", "").strip()
        region = self.regions.get(region_code)
        if region_code and (region is None or region.level == Region.Level.PROVINCE):
            err("region_code", f"地区代码“{region_code}”不存在或不是市、县级代码。")
        row["region"] = region
        items = []
        for item_name in _split(data.get("service_items", "")):
            item = self.items.get(item_name)
            if item is None:
                err("service_items", f"服务项目“{item_name}”不在服务目录中。")
            else:
                items.append(item)
        row["service_items"] = list(dict.fromkeys(items))
        service_regions = []
        for code_ in _split(data.get("service_region_codes", "")):
            if code_ not in self.regions:
                err("service_region_codes", f"服务地区代码“{code_}”不存在。")
            else:
                service_regions.append(self.regions[code_])
        row["service_regions"] = service_regions or ([region] if region else [])
        type_text = data.get("provider_type", "").strip()
        if type_text:
            if type_text not in TYPE_BY_LABEL:
                err("provider_type", f"主体类型“{type_text}”无效，应为：{'、'.join(map(str, ProviderType.labels))}。")
            row["provider_type"] = TYPE_BY_LABEL.get(type_text, ProviderType.OTHER)
        else:
            row["provider_type"] = type_from_credit_code(code)
        for key in ("registered_on", "verified_on"):
            text = data.get(key, "").strip()
            row[key] = None
            if text:
                try:
                    row[key] = datetime.date.fromisoformat(text)
                except ValueError:
                    err(key, f"日期“{text}”格式应为 YYYY-MM-DD。")
        for key in ("staff_count", "social_worker_count"):
            text = data.get(key, "").strip() or "0"
            try:
                value = int(text)
                if value < 0:
                    raise ValueError
                row[key] = value
            except ValueError:
                err(key, f"“{text}”不是非负整数。")
                row[key] = 0
        for key in ("governance_attested", "finance_attested", "verified"):
            text = data.get(key, "").strip().lower()
            if text in TRUE_VALUES:
                row[key] = True
            elif text in FALSE_VALUES:
                row[key] = False
            else:
                err(key, f"“{text}”应为“是”或“否”。")
        for key, limit in (("registration_authority", 120), ("address", 200), ("contact_phone", 40)):
            row[key] = data.get(key, "").strip()
            if len(row[key]) > limit:
                err(key, f"超过{limit}字。")
        for key in ("description", "facilities"):
            row[key] = data.get(key, "").strip()
        row["contact_email"] = data.get("contact_email", "").strip()
        if row["contact_email"]:
            try:
                self._email(row["contact_email"])
            except ValidationError:
                err("contact_email", f"邮箱“{row['contact_email']}”格式不正确。")
        row["website"] = data.get("website", "").strip()
        if row["website"]:
            try:
                self._url(row["website"])
            except ValidationError:
                err("website", f"网址“{row['website']}”格式不正确。")
        return row

    def validate(self, header, raw_rows, progress=None):
        errors = self.check_header(header)
        if errors:
            return [], errors
        cleaned = []
        seen = {}
        rows = progress(raw_rows, total=len(raw_rows), desc="校验") if progress else raw_rows
        for number, data, extra in rows:
            if extra:
                errors.append(RowError(number, "", "该行的单元格多于表头列数。"))
            row = self.clean_row(number, {k: v for k, v in data.items() if k not in EXPORT_ONLY_KEYS}, errors)
            code = row["credit_code"]
            if code and code in seen:
                errors.append(RowError(number, "credit_code", f"与第 {seen[code]} 行的统一社会信用代码重复。"))
            seen.setdefault(code, number)
            cleaned.append(row)
        return cleaned, errors

    # -- writing ----------------------------------------------------------------------------
    def _existing(self, codes):
        existing = {}
        codes = list(codes)
        for start in range(0, len(codes), BATCH):
            for provider in Provider.objects.filter(credit_code__in=codes[start : start + BATCH]):
                existing[provider.credit_code] = provider
        return existing

    def _apply(self, provider, row, now):
        for key in (
            "name",
            "provider_type",
            "registration_authority",
            "registered_on",
            "address",
            "region",
            "description",
            "staff_count",
            "social_worker_count",
            "facilities",
            "governance_attested",
            "finance_attested",
            "contact_phone",
            "contact_email",
            "website",
            "verified",
            "verified_on",
        ):
            setattr(provider, key, row[key])
        # Same result as index_text(name, items, description, region, whole=[name]) (see
        # Provider.build_search_text), with each distinct text segmented once (service items,
        # regions and many descriptions repeat across rows).
        tokens = []
        for text in (
            row["name"],
            " ".join(i.name for i in row["service_items"]),
            row["description"],
            self.region_names.get(row["region"].code, ""),
        ):
            if text:
                if text not in self._token_cache:
                    self._token_cache[text] = tokens_for_index(text)
                tokens.extend(self._token_cache[text])
        tokens.extend(whole_runs(row["name"]))
        provider.search_text = " ".join(dict.fromkeys(tokens))
        provider.updated_at = now

    def write(self, rows, progress=None):
        """Create or update providers for clean rows; returns (created, updated)."""
        now = timezone.now()
        existing = self._existing(row["credit_code"] for row in rows)
        new, changed = [], []
        iterator = progress(rows, total=len(rows), desc="写入") if progress else rows
        for row in iterator:
            provider = existing.get(row["credit_code"])
            if provider is None:
                provider = Provider(credit_code=row["credit_code"], created_at=now)
                new.append(provider)
            else:
                changed.append(provider)
            self._apply(provider, row, now)
        with transaction.atomic():
            Provider.objects.bulk_create(new, batch_size=BATCH)
            self._bulk_update(changed)
            ids = {p.credit_code: p.pk for p in self._existing(row["credit_code"] for row in rows).values()}
            self._replace_m2m(rows, ids)
            # Bulk writes send no save signals: purge the cached pages and fragments (the public
            # directory) once the import is committed.
            transaction.on_commit(caching.purge)
        return len(new), len(changed)

    @staticmethod
    def _bulk_update(providers):
        """One parameterised UPDATE run with executemany: Django's bulk_update builds a CASE
        expression per field and row, which takes minutes for 10,000 rows."""
        if not providers:
            return
        fields = [Provider._meta.get_field(name) for name in UPDATE_FIELDS]
        quote = connection.ops.quote_name
        assignments = ", ".join(f"{quote(f.column)} = %s" for f in fields)
        sql = f"UPDATE {quote(Provider._meta.db_table)} SET {assignments} WHERE {quote('id')} = %s"
        params = [[f.get_db_prep_save(getattr(p, f.attname), connection) for f in fields] + [p.pk] for p in providers]
        with connection.cursor() as cursor:
            for start in range(0, len(params), BATCH):
                cursor.executemany(sql, params[start : start + BATCH])

    def _replace_m2m(self, rows, ids):
        items_through = Provider.service_items.through
        regions_through = Provider.service_regions.through
        pks = list(ids.values())
        for start in range(0, len(pks), BATCH):
            chunk = pks[start : start + BATCH]
            items_through.objects.filter(provider_id__in=chunk).delete()
            regions_through.objects.filter(provider_id__in=chunk).delete()
        item_links, region_links = [], []
        for row in rows:
            pk = ids[row["credit_code"]]
            item_links += [items_through(provider_id=pk, serviceitem_id=i.pk) for i in row["service_items"]]
            region_links += [regions_through(provider_id=pk, region_id=r.pk) for r in row["service_regions"]]
        items_through.objects.bulk_create(item_links, batch_size=BATCH)
        regions_through.objects.bulk_create(region_links, batch_size=BATCH)

    def run(self, header, raw_rows, dry_run=False, progress=None):
        report = ImportReport(rows=len(raw_rows), dry_run=dry_run)
        rows, report.errors = self.validate(header, raw_rows, progress=progress)
        if report.errors:
            return report
        existing = self._existing(row["credit_code"] for row in rows)
        report.updated = len(existing)
        report.created = len(rows) - report.updated
        if not dry_run:
            report.created, report.updated = self.write(rows, progress=progress)
        return report
