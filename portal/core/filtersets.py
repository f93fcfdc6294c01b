"""Shared pieces of the listings' django-filter FilterSets."""


class FormClassOnceMixin:
    """Builds a FilterSet's form class once per FilterSet class instead of on every request
    (django-filter rebuilds it each time): its fields do not depend on the request, and every
    form instance copies them anyway."""

    def get_form_class(self):
        cls = type(self)
        form_class = cls.__dict__.get("_form_class_once")
        if form_class is None:
            form_class = super().get_form_class()
            cls._form_class_once = form_class
        return form_class
