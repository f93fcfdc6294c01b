"""Filtered, faceted and paginated listings of the publicity section (campaigns, materials,
training courses). Query parameters are the contract: audience, region, service, year, kind, mode
and page; a value that cannot be understood is a 400, never a silently empty list.

Facet counts are disjunctive: the count shown next to each option is the number of results that
option would give together with the other selected filters. Every facet costs one grouped query,
whatever the number of results, so a listing page runs a bounded number of queries."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.exceptions import BadRequest
from django.core.paginator import Paginator
from django.db.models import Count
from django.utils.translation import gettext as _

PAGE_SIZE = 12


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class Facet:
    """One filter of a listing: parses its parameter, filters the queryset and counts options."""

    name: str
    label: str
    field: str
    selected: object = None
    options: list = field(default_factory=list)

    def parse(self, raw):
        raise NotImplementedError

    def apply(self, queryset):
        raise NotImplementedError

    def count(self, queryset):
        rows = queryset.order_by().values(self.field).annotate(n=Count("pk", distinct=True))
        return {row[self.field]: row["n"] for row in rows}

    @property
    def selected_value(self):
        return "" if self.selected is None else str(getattr(self.selected, "pk", self.selected))


class ChoiceFacet(Facet):
    def __init__(self, name, label, field, choices):
        super().__init__(name, label, field)
        self.choices = list(choices)

    def parse(self, raw):
        if raw not in dict(self.choices):
            raise BadRequest(_("无法识别的筛选条件“%(label)s”：%(value)s") % {"label": self.label, "value": raw})
        self.selected = raw

    def apply(self, queryset):
        return queryset.filter(**{self.field: self.selected})

    def build(self, counts):
        self.options = [
            FacetOption(value, str(label), counts.get(value, 0), value == self.selected)
            for value, label in self.choices
        ]


class RegionFacet(Facet):
    """By city (a city includes its counties); the province stands for province-wide items only.
    A county chosen elsewhere (e.g. a link from a region folder) is shown as its own option."""

    def __init__(self, name="region", label=None, field="region"):
        super().__init__(name, label or _("地区"), field)

    def parse(self, raw):
        from portal.disclosures.models import Region

        region = Region.objects.filter(code=raw, level__lte=Region.Level.COUNTY).first() if raw.isdigit() else None
        if region is None:
            raise BadRequest(_("无法识别的地区代码：%(value)s") % {"value": raw})
        self.selected = region

    def apply(self, queryset):
        from portal.disclosures.models import Region

        if self.selected.level == Region.Level.PROVINCE:
            return queryset.filter(**{self.field: self.selected})
        return queryset.filter(**{f"{self.field}__code__startswith": self.selected.code_prefix})

    def count(self, queryset):
        rows = queryset.order_by().values(f"{self.field}__code", f"{self.field}__level").annotate(n=Count("pk"))
        counts = {}
        for row in rows:
            code, level = row[f"{self.field}__code"], row[f"{self.field}__level"]
            if code is None:
                continue
            key = code if level == 1 else code[:4] + "00"
            counts[key] = counts.get(key, 0) + row["n"]
            if self.selected is not None and self.selected.level == 3 and code.startswith(self.selected.code_prefix):
                counts[self.selected.code] = counts.get(self.selected.code, 0) + row["n"]
        return counts

    def build(self, counts):
        from portal.disclosures.models import Region

        regions = list(Region.objects.filter(level__lte=Region.Level.CITY).order_by("level", "code"))
        if self.selected is not None and self.selected.level == Region.Level.COUNTY:
            regions.append(self.selected)
        self.options = []
        for region in regions:
            if region.level == Region.Level.PROVINCE:
                label = _("%(name)s（全省）") % {"name": region.name}
            else:  # a city by its name; a selected county with its city (one extra lookup)
                label = region.name if region.level == Region.Level.CITY else region.full_name
            selected = self.selected is not None and region.pk == self.selected.pk
            self.options.append(FacetOption(region.code, label, counts.get(region.code, 0), selected))

    @property
    def selected_value(self):
        return self.selected.code if self.selected is not None else ""


class ServiceFacet(Facet):
    def __init__(self, name="service", label=None, field="service_items"):
        super().__init__(name, label or _("服务项目"), field)

    def parse(self, raw):
        from portal.disclosures.models import ServiceItem

        item = ServiceItem.objects.filter(pk=int(raw)).first() if raw.isdigit() and len(raw) <= 9 else None
        if item is None:
            raise BadRequest(_("无法识别的服务项目：%(value)s") % {"value": raw})
        self.selected = item

    def apply(self, queryset):
        return queryset.filter(**{self.field: self.selected})

    def build(self, counts):
        from portal.disclosures.models import ServiceItem

        self.options = [
            FacetOption(str(item.pk), item.name, counts.get(item.pk, 0), item == self.selected)
            for item in ServiceItem.objects.all()
        ]


class YearFacet(Facet):
    def __init__(self, field, name="year", label=None):
        super().__init__(name, label or _("年份"), field)

    def parse(self, raw):
        if not (raw.isdigit() and len(raw) == 4 and 1990 <= int(raw) <= 2100):
            raise BadRequest(_("年份须为四位数字，例如 2026：%(value)s") % {"value": raw})
        self.selected = int(raw)

    def apply(self, queryset):
        return queryset.filter(**{f"{self.field}__year": self.selected})

    def count(self, queryset):
        rows = queryset.order_by().values(f"{self.field}__year").annotate(n=Count("pk", distinct=True))
        return {row[f"{self.field}__year"]: row["n"] for row in rows}

    def build(self, counts):
        years = set(counts)
        if self.selected is not None:
            years.add(self.selected)
        self.options = [
            FacetOption(str(y), str(y), counts.get(y, 0), y == self.selected)
            for y in sorted((y for y in years if y is not None), reverse=True)
        ]


class Listing:
    """Applies the request's filters to `queryset`, counts facets and paginates."""

    def __init__(self, request, queryset, facets, page_size=PAGE_SIZE):
        self.request = request
        self.facets = facets
        params = request.GET
        by_name = {f.name: f for f in facets}
        self.active = {}
        for name, facet in by_name.items():
            raw = params.get(name, "").strip()
            if raw:
                facet.parse(raw)
                self.active[name] = raw
        page = params.get("page", "1").strip() or "1"
        if not page.isdigit() or int(page) < 1:
            raise BadRequest(_("页码必须是正整数。"))

        for facet in facets:
            others = queryset
            for other in facets:
                if other is not facet and other.selected is not None:
                    others = other.apply(others)
            facet.build(facet.count(others))

        filtered = queryset
        for facet in facets:
            if facet.selected is not None:
                filtered = facet.apply(filtered)
        self.page_obj = Paginator(filtered, page_size).get_page(int(page))
        self.is_filtered = bool(self.active) or "page" in params

    @property
    def query_string(self):
        return urlencode(self.active)

    def context(self):
        return {
            "facets": self.facets,
            "page_obj": self.page_obj,
            "query_string": self.query_string,
            "is_filtered": bool(self.active),
            "noindex": self.is_filtered,
            "result_count": self.page_obj.paginator.count,
        }
