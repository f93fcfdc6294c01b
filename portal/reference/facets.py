"""The facets that know the reference data, on the listings' facet engine (portal.core.listings):
regions (GB/T 2260 codes) and the service catalogue. Their chosen values are Region and
ServiceItem objects, as the listings' ReferenceChoiceFilters clean them."""

from django.db.models import Case, CharField, Count, F, Q, Value, When
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext as _

from portal.core.listings.facets import Facet, FacetOption

from . import codes
from .models import Region, ServiceItem


class RegionFacet(Facet):
    """By city (a city includes its counties), every city an option even without results; the
    province stands for province-wide items only. A county chosen elsewhere (a link from a region
    folder) is shown as its own option. The options cost one query. `province` False leaves the
    province out (a listing whose items all belong to a city or county).

    Unless a county is chosen, the shared grouped query groups by the results' city (their code
    cut to city level, the province's own code for province-wide items): as few groups as cities."""

    def __init__(self, name="region", label=None, field="region", province=True):
        super().__init__(name, label or _("地区"), field)
        self.province = province
        self.alias = f"{field}_city_level_code"

    @property
    def _province_chosen(self):
        return self.selected.level == Region.Level.PROVINCE

    @property
    def _by_city(self):
        return self.selected is None or self.selected.level != Region.Level.COUNTY

    def group_fields(self):
        if self._by_city:
            return [self.alias]
        return [f"{self.field}__code", f"{self.field}__level"]

    def narrow(self, queryset):
        if not self._by_city:
            return queryset
        code = f"{self.field}__code"
        city_level = Case(
            When(**{f"{self.field}__isnull": True}, then=Value(None)),
            When(**{f"{self.field}__level": Region.Level.PROVINCE}, then=F(code)),
            default=Concat(Substr(code, 1, 4), Value("00")),
            output_field=CharField(),
        )
        return queryset.annotate(**{self.alias: city_level})

    def matches(self, row):
        if self._by_city:
            return row[self.alias] == self.selected.code
        code = row[f"{self.field}__code"]
        return code is not None and codes.within(code, self.selected.code)

    def counts_from_rows(self, rows):
        counts = {}
        if self._by_city:
            for row in rows:
                key = row[self.alias]
                if key is not None:
                    counts[key] = counts.get(key, 0) + row["n"]
            return counts
        county = self.selected
        for row in rows:
            code, level = row[f"{self.field}__code"], row[f"{self.field}__level"]
            if code is None:
                continue
            key = code if level == Region.Level.PROVINCE else codes.city_code(code)
            counts[key] = counts.get(key, 0) + row["n"]
            if codes.within(code, county.code):
                counts[county.code] = counts.get(county.code, 0) + row["n"]
        return counts

    def build(self, counts):
        levels = [Region.Level.PROVINCE, Region.Level.CITY] if self.province else [Region.Level.CITY]
        wanted = Q(level__in=levels)
        if self.selected is not None:
            wanted |= Q(pk=self.selected.pk)
        regions = Region.objects.filter(wanted).select_related("parent__parent").order_by("level", "code")
        self.options = []
        for region in regions:
            if region.level == Region.Level.PROVINCE:
                label = _("%(name)s（全省）") % {"name": region.name}
            else:  # a city by its name; a chosen county with its city
                label = region.name if region.level == Region.Level.CITY else region.full_name
            chosen = self.selected is not None and region.pk == self.selected.pk
            self.options.append(FacetOption(region.code, label, counts.get(region.code, 0), chosen))

    @property
    def selected_value(self):
        return self.selected.code if self.selected is not None else ""


class LocalityFacet(Facet):
    """Drilling down by place: the cities (from the results' `city_field`), or, once a city or
    county is chosen, that city as a whole (杭州市（全市）, a link back to the whole city) followed by
    its counties, each with its count over the other filters. Counted from the shared grouped
    query: no query of its own."""

    def __init__(self, name="region", label=None, field="region", city_field="city"):
        super().__init__(name, label or _("地区"), field)
        self.city_field = city_field

    def group_fields(self):
        # Until a place is chosen the counts are per city: grouping by the cities alone keeps the
        # groups (and the grouped query) as few as the cities.
        city = [f"{self.city_field}__code", f"{self.city_field}__name"]
        return city if self.selected is None else [f"{self.field}__code", f"{self.field}__name", *city]

    def select(self, value):
        super().select(value)
        # Code prefixes of the selection and of its city, worked out once for all the groups.
        self._prefix = codes.prefix(self.selected.code) if self.selected is not None else None
        self._scope = codes.city_code(self.selected.code) if self.selected is not None else None
        self._city = self.selected.city if self.selected is not None else None
        return self

    def matches(self, row):
        code = row[f"{self.field}__code"]
        return code is not None and code.startswith(self._prefix)

    def narrow(self, queryset):
        # Only the chosen city's results are shown or counted (see counts_from_rows): the results'
        # own city (an indexed column), not a code prefix over the joined regions.
        if self._city is None:
            return queryset
        return queryset.filter(**{self.city_field: self._city})

    def counts_from_rows(self, rows):
        """{code: [label, count]}."""
        counts = {}
        scope = self._scope if self.selected is not None else None
        scope_prefix = codes.prefix(scope) if scope else None
        whole = _("%(name)s（全市）") % {"name": self._city.name} if self._city is not None else None
        for row in rows:
            if scope is None:
                code = row[f"{self.city_field}__code"]
                if code is not None:
                    counts.setdefault(code, [row[f"{self.city_field}__name"], 0])[1] += row["n"]
                continue
            code = row[f"{self.field}__code"]
            if code is None or not code.startswith(scope_prefix):
                continue
            counts.setdefault(scope, [whole, 0])[1] += row["n"]
            if code != scope:
                counts.setdefault(code, [row[f"{self.field}__name"], 0])[1] += row["n"]
        return counts

    def build(self, counts):
        chosen = self.selected.code if self.selected is not None else None
        self.options = [FacetOption(code, name, n, code == chosen) for code, (name, n) in sorted(counts.items())]
        if chosen is not None and chosen not in counts:
            self.options.append(FacetOption(chosen, self.selected.name, 0, True))

    @property
    def selected_value(self):
        return self.selected.code if self.selected is not None else ""


class ServiceItemFacet(Facet):
    """A single service item per result (a foreign key to the catalogue, `field`): the items the
    results have, in catalogue order, from the shared grouped query."""

    def __init__(self, name="item", label=None, field="service_item"):
        super().__init__(name, label or _("服务项目"), field)

    def group_fields(self):
        return [self.field, f"{self.field}__name", f"{self.field}__sort_order"]

    def matches(self, row):
        return row[self.field] == self.selected.pk

    def counts_from_rows(self, rows):
        """{(sort order, pk): [name, count]}."""
        counts = {}
        for row in rows:
            pk = row[self.field]
            if pk is not None:
                counts.setdefault((row[f"{self.field}__sort_order"], pk), [row[f"{self.field}__name"], 0])[1] += row[
                    "n"
                ]
        return counts

    def build(self, counts):
        chosen = self.selected.pk if self.selected is not None else None
        self.options = [
            FacetOption(str(pk), name, n, pk == chosen) for (_order, pk), (name, n) in sorted(counts.items())
        ]
        if chosen is not None and not any(o.selected for o in self.options):
            self.options.append(FacetOption(str(chosen), self.selected.name, 0, True))


class CatalogueFacet(Facet):
    """Service items through a many-to-many field (`field`): every catalogue item is an option,
    with the results it has, in one query from the catalogue's side."""

    scalar = False

    def __init__(self, name="service", label=None, field="service_items"):
        super().__init__(name, label or _("服务项目"), field)

    def count_and_build(self, queryset):
        relation = queryset.model._meta.get_field(self.field).related_query_name()
        members = queryset.order_by().values("pk")
        items = ServiceItem.objects.annotate(
            n=Count(relation, filter=Q(**{f"{relation}__in": members}), distinct=True)
        ).order_by("sort_order", "pk")
        chosen = self.selected.pk if self.selected is not None else None
        self.options = [FacetOption(str(item.pk), item.name, item.n, item.pk == chosen) for item in items]
