"""The FilterSet base of the public listings (django-filter): one way to read a listing's query
string, one error path, and filtering "with every filter but these" for the disjunctive facets."""

import copy

import django_filters
from django.core.exceptions import BadRequest
from django.http import QueryDict
from django.utils.translation import gettext as _

from portal.core import caching


class ListingFilterSet(django_filters.FilterSet):
    """A listing's query-string contract.

    - `bind(params, queryset, request)` is the one entry point: it validates the parameters and
      raises BadRequest (the portal's 400 page, or the API's 400 answer) with every field's errors
      when they cannot be understood, never an empty or unfiltered list;
    - `filter_except(queryset, names)` applies every chosen filter except the named ones (the
      facets count over the other filters);
    - the form class is built once per FilterSet class (django-filter rebuilds it on each request;
      its fields do not depend on the request, and every form instance copies them anyway), and the
      filters are copied shallowly (they keep no per-request state; django-filter's deep copy also
      copies every choice list and queryset), which is most of the cost of validating a query string.
    """

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        if queryset is None:
            queryset = self._meta.model._default_manager.all()
        self.is_bound = data is not None
        self.data = data or QueryDict()
        self.queryset = queryset
        self.request = request
        self.form_prefix = prefix
        self.filters = {name: copy.copy(filter_) for name, filter_ in self.base_filters.items()}
        for filter_ in self.filters.values():
            filter_.model = queryset.model
            filter_.parent = self
            if filter_.method is not None:
                filter_.method = filter_.method  # bind the copy's FilterMethod to the copy

    def get_form_class(self):
        cls = type(self)
        form_class = cls.__dict__.get("_form_class_once")
        if form_class is None:
            form_class = super().get_form_class()
            cls._form_class_once = form_class
        return form_class

    @classmethod
    def bind(cls, params, queryset=None, request=None):
        """The FilterSet bound to `params`; BadRequest when they cannot be understood."""
        filterset = cls(params, queryset=queryset, request=request)
        if not filterset.is_valid():
            raise BadRequest(filterset.error_message())
        return filterset

    def error_message(self):
        """Every invalid parameter by its label, with what is wrong with it."""
        parts = []
        for field, errors in self.errors.items():
            label = self.form.fields[field].label if field in self.form.fields else field
            parts.append(f"{label}：{'，'.join(str(e) for e in errors)}")
        return _("查询参数有误：%(errors)s") % {"errors": "；".join(parts)}

    def filter_except(self, queryset, names=()):
        """`queryset` with every chosen filter applied except those named in `names`."""
        for name, value in self.form.cleaned_data.items():
            if name not in names:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def params(self):
        """The listing's own parameters of the bound query string, without empty ones (the
        filter query: pagination and unknown parameters are left out)."""
        params = self.data.copy()
        for key in list(params):
            if key not in self.base_filters or not params.get(key):
                params.pop(key)
        return params


class OptionsIterator(django_filters.fields.ModelChoiceIterator):
    """The options of a ReferenceChoiceField read by its `options` function ([(value, label)] from
    one query of values): drawing a select of every city and county then builds no model
    instances."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if self.field.null_label is not None:
            yield (self.field.null_value, self.field.null_label)
        yield from self.field.options(self.queryset)

    def __len__(self):
        extra = (self.field.empty_label is not None) + (self.field.null_label is not None)
        return len(self.field.options(self.queryset)) + extra

    def __bool__(self):
        return self.field.empty_label is not None or self.queryset.exists()


class ReferenceChoiceField(django_filters.fields.ModelChoiceField):
    """A model choice (region, service item) whose lookups are kept in the fragment cache
    (portal.core.caching, purged with the content) per value, instead of one query per request;
    `index_key` names the choice list. A value that is not a choice is looked up (and rejected)
    every time; with fragment caching off (tests) every value is looked up.

    `options(queryset)`, when given, lists the select's [(value, label)] (the value as the
    field's `to_field_name` reads it) without building model instances."""

    def __init__(self, *args, index_key, options=None, **kwargs):
        self.index_key = index_key
        self.options = options
        if options is not None:
            self.iterator = OptionsIterator
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if value in self.empty_values or isinstance(value, self.queryset.model) or caching.fragment_seconds() <= 0:
            return super().to_python(value)
        key = str(value)[:64]
        found = caching.remember(
            f"listings:choice:{self.index_key}",
            (key,),
            lambda: (
                self.queryset.filter(**{self.to_field_name or "pk": key}).first()
                if (self.to_field_name or key.isdigit())
                else None
            ),
        )
        return found if found is not None else super().to_python(value)


class ReferenceChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = ReferenceChoiceField
