"""One facet semantics for every public listing: disjunctive counts from grouped queries.

The count shown next to an option is the number of results that option would give together with
the listing's other selected filters: each facet is counted over every filter except its own, as
the provider registry has always done. A visitor who has chosen 西湖区 still sees how many notices
the other districts hold; choosing another option never leads to an empty page unannounced.

Cost, whatever the number of results:
- every single-valued ("scalar") facet is counted from ONE grouped query over the results filtered
  by everything except the scalar facets (GROUP BY all their fields together). Each result falls in
  exactly one group, so a facet's counts are the sums over the groups that match the selections of
  the other scalar facets, worked out in Python, and the listing's total is the sum over the groups
  that match every selection;
- every many-valued facet (a many-to-many relation) costs one grouped query of its own, over the
  results filtered by everything except itself.

A facet is a small object: `group_fields()` (the columns it groups by), `matches(row)` (whether a
group lies within its selection), `counts_from_rows(rows)` and `build(counts)` (its options). The
facets that know the reference data (regions, the service catalogue) live in
`portal.reference.facets`; the listings build on `compute()`."""

from dataclasses import dataclass

from django.db.models import Count


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool = False


class Facet:
    """One facet of a listing. `name` is its query parameter, `selected` the chosen value in the
    form the listing's filter cleaned it to (None when not chosen)."""

    scalar = True

    def __init__(self, name, label, field=None):
        self.name = name
        self.label = label
        self.field = field or name
        self.selected = None
        self.options = []

    def select(self, value):
        """Set the chosen value (already validated): an empty value chooses nothing."""
        self.selected = None if value in (None, "", [], ()) else value
        return self

    @property
    def is_selected(self):
        return self.selected is not None

    @property
    def selected_value(self):
        """The chosen value as it appears in the query string ("" when none)."""
        if self.selected is None:
            return ""
        return str(getattr(self.selected, "pk", self.selected))

    def group_fields(self):
        return [self.field]

    def narrow(self, queryset):
        """The results this facet's own counts and every other facet's can need, when this facet's
        filter is left out (by default all): a drill-down facet that shows only the places within
        the chosen city needs no group outside it, and neither do the other facets (they count
        within the chosen place)."""
        return queryset

    def key(self, row):
        return row[self.field]

    def matches(self, row):
        """Whether a group of the grouped counts lies within this facet's selection."""
        return same(self.key(row), self.selected)

    def counts_from_rows(self, rows):
        counts = {}
        for row in rows:
            key = self.key(row)
            counts[key] = counts.get(key, 0) + row["n"]
        return counts

    def build(self, counts):
        """The options from {value: count}: the values with results, in order of value."""
        self.options = [
            FacetOption(str(value), str(value), n, same(value, self.selected))
            for value, n in sorted(counts.items(), key=lambda item: str(item[0]))
            if value is not None and n
        ]

    def count_and_build(self, queryset):
        """Counted alone over `queryset` (every other filter applied), in a grouped query of its
        own: what a many-valued facet overrides."""
        self.build(self.counts_from_rows(grouped_counts(queryset, self.group_fields())))

    def entries(self):
        """The options worth a link: those with results, and the chosen one."""
        return [o for o in self.options if o.count or o.selected]


class ChoiceFacet(Facet):
    """A field with fixed choices: every choice is an option, in the choices' order."""

    def __init__(self, name, label, field=None, choices=()):
        super().__init__(name, label, field)
        self.choices = choices  # translated when built (counts are cached: mostly never)

    def build(self, counts):
        self.options = [
            FacetOption(str(value), str(text), counts.get(value, 0), same(value, self.selected))
            for value, text in self.choices
        ]


class ValueFacet(Facet):
    """A field whose options are the values the results have (years...), newest or largest first
    unless `reverse` is False; the chosen value is an option even without results. `transform` is
    a lookup applied to the field (e.g. "year" of a date)."""

    def __init__(self, name, label, field=None, transform=None, reverse=True):
        super().__init__(name, label, field)
        self.column = f"{self.field}__{transform}" if transform else self.field
        self.reverse = reverse

    def group_fields(self):
        return [self.column]

    def key(self, row):
        return row[self.column]

    def build(self, counts):
        values = {v for v in counts if v is not None}
        if self.selected is not None and not any(same(v, self.selected) for v in values):
            values.add(self.selected)
        self.options = [
            FacetOption(str(v), str(v), counts.get(v, 0), same(v, self.selected))
            for v in sorted(values, reverse=self.reverse)
        ]


class RelatedFacet(Facet):
    """A many-to-many relation (`field` is the path to the related objects, e.g.
    "project__service_items"): the related objects the results have, with their `label_field`, in
    `order` (fields of the related model), counted in one query of its own."""

    scalar = False

    def __init__(self, name, label, field, label_field="name", order=("pk",)):
        super().__init__(name, label, field)
        self.label_field = label_field
        self.order = order

    def count_and_build(self, queryset):
        rows = (
            queryset.order_by()
            .filter(**{f"{self.field}__isnull": False})
            .values_list(self.field, f"{self.field}__{self.label_field}")
            .annotate(n=Count("pk", distinct=True))
            .order_by(*(f"{self.field}__{name}" for name in self.order))
        )
        chosen = getattr(self.selected, "pk", self.selected)
        self.options = [FacetOption(str(pk), label, n, pk == chosen) for pk, label, n in rows]
        if self.selected is not None and not any(o.selected for o in self.options):
            self.options.append(FacetOption(self.selected_value, str(self.selected), 0, True))


def same(value, chosen):
    """Whether a grouped value is the chosen one: a filter may clean a value to another type than
    the column's (the text "3" of an integer choice, the Decimal of a number field)."""
    return value == chosen or (value is not None and chosen is not None and str(value) == str(chosen))


def grouped_counts(queryset, fields):
    """[{field: value, ..., "n": results}] of `queryset` grouped by `fields`."""
    return list(queryset.order_by().values(*fields).annotate(n=Count("pk", distinct=True)))


def compute(facets, filtered_except):
    """Count and build every facet; return the number of results.

    `filtered_except(names)` is the listing's queryset with every chosen filter applied except the
    filters of the facets named in `names` (the listing knows how its filters apply)."""
    scalar = [f for f in facets if f.scalar]
    many = [f for f in facets if not f.scalar]
    total = None
    if scalar:
        fields = list(dict.fromkeys(name for f in scalar for name in f.group_fields()))
        base = filtered_except({f.name for f in scalar})
        for facet in scalar:
            base = facet.narrow(base)
        rows = grouped_counts(base, fields)
        chosen = [f for f in scalar if f.is_selected]
        # Sort the groups once by the parameters whose selection they miss: a group within every
        # selection counts for every facet and the total; a group missing only the selection of
        # parameter P counts for P's facets alone (facets answering to the same parameter, a
        # registry's city and county, do not filter each other); a group missing two counts for none.
        within_all, missing_one = [], {}
        for row in rows:
            missed = {f.name for f in chosen if not f.matches(row)}
            if not missed:
                within_all.append(row)
            elif len(missed) == 1:
                missing_one.setdefault(missed.pop(), []).append(row)
        for facet in scalar:
            facet.build(facet.counts_from_rows(within_all + missing_one.get(facet.name, [])))
        total = sum(r["n"] for r in within_all)
    for facet in many:
        facet.count_and_build(filtered_except({facet.name}))
    return total
