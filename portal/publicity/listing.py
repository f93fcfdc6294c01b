"""Filtered, faceted and paginated listings of the publicity section (campaigns, materials,
training courses). Query parameters are the contract: audience, region, service, year, kind, mode
and page; a value that cannot be understood is a 400, never a silently empty list.

Facet counts are disjunctive: the count shown next to each option is the number of results that
option would give together with the other selected filters. The facets cost at most one grouped
query each (the unselected single-valued ones share one), whatever the number of results, and the
page of results comes with its total in one query, so a listing page runs a bounded number of
queries."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.exceptions import BadRequest
from django.db.models import Count
from django.utils.translation import gettext as _

from portal.core.pages import window_page
from portal.reference import codes
from portal.reference.models import Region, ServiceItem

PAGE_SIZE = 12


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class Facet:
    """One filter of a listing: parses its parameter, filters the queryset and counts options.

    A facet over a field with one value per item (`scalar`) is counted in a grouped query shared
    with the other scalar facets (see Listing); a many-to-many facet counts in its own query."""

    name: str
    label: str
    field: str
    selected: object = None
    options: list = field(default_factory=list)
    scalar = True

    def parse(self, raw):
        raise NotImplementedError

    def apply(self, queryset):
        raise NotImplementedError

    def group_fields(self):
        return [self.field]

    def counts_from_rows(self, rows):
        counts = {}
        for row in rows:
            key = row[self.field]
            counts[key] = counts.get(key, 0) + row["n"]
        return counts

    def matches(self, row):
        """Whether a row of the grouped counts lies within this facet's selection."""
        raise NotImplementedError

    def count(self, queryset):
        return self.counts_from_rows(grouped_counts(queryset, self.group_fields()))

    def count_and_build(self, queryset):
        self.build(self.count(queryset))

    @property
    def selected_value(self):
        return "" if self.selected is None else str(getattr(self.selected, "pk", self.selected))


def grouped_counts(queryset, fields):
    return queryset.order_by().values(*fields).annotate(n=Count("pk", distinct=True))


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

    def matches(self, row):
        return row[self.field] == self.selected

    def build(self, counts):
        self.options = [
            FacetOption(value, str(label), counts.get(value, 0), value == self.selected)
            for value, label in self.choices
        ]


class RegionFacet(Facet):
    """By city (a city includes its counties); the province stands for province-wide items only.
    A county chosen elsewhere (e.g. a link from a region folder) is shown as its own option.

    The parameter is checked for form when parsed and for existence when the options are loaded
    (one query for both), so that a selected region costs no query of its own."""

    def __init__(self, name="region", label=None, field="region"):
        super().__init__(name, label or _("地区"), field)

    def parse(self, raw):
        if not (raw.isascii() and raw.isdigit() and len(raw) == 6):
            raise BadRequest(_("无法识别的地区代码：%(value)s") % {"value": raw})
        self.selected = raw

    @property
    def selected_level(self):
        return codes.level(self.selected)

    def apply(self, queryset):
        if self.selected_level == codes.PROVINCE:
            return queryset.filter(**{f"{self.field}__code": self.selected})
        return queryset.filter(**{f"{self.field}__code__startswith": codes.prefix(self.selected)})

    def group_fields(self):
        return [f"{self.field}__code", f"{self.field}__level"]

    def matches(self, row):
        code = row[f"{self.field}__code"]
        if code is None:
            return False
        if self.selected_level == codes.PROVINCE:
            return code == self.selected
        return codes.within(code, self.selected)

    def counts_from_rows(self, rows):
        counts = {}
        for row in rows:
            code, level = row[f"{self.field}__code"], row[f"{self.field}__level"]
            if code is None:
                continue
            key = code if level == 1 else codes.city_code(code)
            counts[key] = counts.get(key, 0) + row["n"]
            if self.selected is not None and self.selected_level == codes.COUNTY and codes.within(code, self.selected):
                counts[self.selected] = counts.get(self.selected, 0) + row["n"]
        return counts

    def build(self, counts):
        from django.db.models import Q

        wanted = Q(level__lte=Region.Level.CITY)
        if self.selected is not None:
            wanted |= Q(code=self.selected, level=self.selected_level)
        regions = list(Region.objects.filter(wanted).select_related("parent__parent").order_by("level", "code"))
        if self.selected is not None and not any(r.code == self.selected for r in regions):
            raise BadRequest(_("无法识别的地区代码：%(value)s") % {"value": self.selected})
        self.options = []
        for region in regions:
            if region.level == Region.Level.PROVINCE:
                label = _("%(name)s（全省）") % {"name": region.name}
            else:  # a city by its name; a selected county with its city
                label = region.name if region.level == Region.Level.CITY else region.full_name
            selected = self.selected is not None and region.code == self.selected
            self.options.append(FacetOption(region.code, label, counts.get(region.code, 0), selected))

    @property
    def selected_value(self):
        return self.selected or ""


class ServiceFacet(Facet):
    """By catalogue item (a many-to-many field): the items and their counts in one query."""

    scalar = False

    def __init__(self, name="service", label=None, field="service_items"):
        super().__init__(name, label or _("服务项目"), field)

    def parse(self, raw):
        if not (raw.isascii() and raw.isdigit() and len(raw) <= 9):
            raise BadRequest(_("无法识别的服务项目：%(value)s") % {"value": raw})
        self.selected = int(raw)

    def apply(self, queryset):
        return queryset.filter(**{self.field: self.selected})

    def count_and_build(self, queryset):
        from django.db.models import Q

        relation = queryset.model._meta.get_field(self.field).related_query_name()
        members = queryset.order_by().values("pk")
        items = list(
            ServiceItem.objects.annotate(
                n=Count(relation, filter=Q(**{f"{relation}__in": members}), distinct=True)
            ).order_by("sort_order", "pk")
        )
        if self.selected is not None and not any(item.pk == self.selected for item in items):
            raise BadRequest(_("无法识别的服务项目：%(value)s") % {"value": self.selected})
        self.options = [FacetOption(str(item.pk), item.name, item.n, item.pk == self.selected) for item in items]


class YearFacet(Facet):
    def __init__(self, field, name="year", label=None):
        super().__init__(name, label or _("年份"), field)

    def parse(self, raw):
        if not (raw.isascii() and raw.isdigit() and len(raw) == 4 and 1990 <= int(raw) <= 2100):
            raise BadRequest(_("年份须为四位数字，例如 2026：%(value)s") % {"value": raw})
        self.selected = int(raw)

    def apply(self, queryset):
        return queryset.filter(**{f"{self.field}__year": self.selected})

    def group_fields(self):
        return [f"{self.field}__year"]

    def matches(self, row):
        return row[f"{self.field}__year"] == self.selected

    def counts_from_rows(self, rows):
        counts = {}
        for row in rows:
            key = row[f"{self.field}__year"]
            counts[key] = counts.get(key, 0) + row["n"]
        return counts

    def build(self, counts):
        years = set(counts)
        if self.selected is not None:
            years.add(self.selected)
        self.options = [
            FacetOption(str(y), str(y), counts.get(y, 0), y == self.selected)
            for y in sorted((y for y in years if y is not None), reverse=True)
        ]


class Listing:
    """Applies the request's filters to `queryset`, counts facets and paginates: a fixed number
    of queries whatever the number of items (one grouped query for all single-valued facets, one
    per many-to-many facet, and the page of items together with their total)."""

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
        if not (page.isascii() and page.isdigit() and len(page) <= 9) or int(page) < 1:
            raise BadRequest(_("页码必须是正整数。"))

        def filtered_except(skip):
            result = queryset
            for other in facets:
                if other is not skip and other.selected is not None:
                    result = other.apply(result)
            return result

        # Single-valued facets: one GROUP BY over all their fields, on the items filtered by the
        # other (many-to-many) facets only; each facet's counts are then the rows that match
        # the selections of the other single-valued facets. Each item falls in exactly one group,
        # so the sums are exact.
        scalar = [f for f in facets if f.scalar]
        if scalar:
            base = queryset
            for other in facets:
                if not other.scalar and other.selected is not None:
                    base = other.apply(base)
            fields = list(dict.fromkeys(name for f in scalar for name in f.group_fields()))
            rows = list(grouped_counts(base, fields))
            for facet in scalar:
                others = [o for o in scalar if o is not facet and o.selected is not None]
                facet.build(facet.counts_from_rows([r for r in rows if all(o.matches(r) for o in others)]))
        for facet in facets:
            if not facet.scalar:
                facet.count_and_build(filtered_except(facet))

        self.page_obj = window_page(filtered_except(None), int(page), page_size)
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
