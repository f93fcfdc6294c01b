"""Region choices of the public forms, labelled without a query per option."""

from django import forms

from portal.reference.models import Region


def with_region_names(form):
    """Give the form's region choice fields a queryset that loads each county's city and province
    with it: the option labels use Region.full_name, which walks up the parents (one query per
    county otherwise, about 90 per field)."""
    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField) and field.queryset.model is Region:
            field.queryset = field.queryset.select_related("parent__parent")
    return form
