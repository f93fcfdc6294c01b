"""Form pieces shared by the public forms and filters.

`DateInput`: the one widget for date fields. Browsers accept only ISO 8601 (YYYY-MM-DD) as the value
of <input type="date"> (HTML's "valid date string"); Django's DateInput renders the active
locale's first input format instead, which for zh-hans is "%Y/%m/%d", so a prefilled or re-rendered
date showed as an empty field and the form then failed with "这个字段是必填项". The value submitted by
the browser is ISO as well, which every locale's DATE_INPUT_FORMATS accepts.

`ChoicePromptMixin`: the empty choice of a form's selects reads 请选择 instead of Django's
"---------" (filters say 全部: django-filter's FILTERS_EMPTY_CHOICE_LABEL in the settings).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

ISO_DATE = "%Y-%m-%d"
SELECT_PROMPT = _("请选择")


class DateInput(forms.DateInput):
    """<input type="date"> with an ISO value whatever the language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=ISO_DATE)


def label_empty_choice(field, label=SELECT_PROMPT):
    """Give the empty choice of a single-choice select `label` (radio buttons and multiple choices
    have no empty choice; a select without one, such as a sort order, is left alone)."""
    if isinstance(field, forms.ModelMultipleChoiceField) or isinstance(field.widget, forms.RadioSelect):
        return
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label is not None:
            field.empty_label = label
        return
    if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.MultipleChoiceField):
        choices = list(field.choices)
        if choices and choices[0][0] in ("", None) and not isinstance(choices[0][1], (list, tuple)):
            field.choices = [("", label), *choices[1:]]


class ChoicePromptMixin:
    """Form mixin: every select's empty choice reads 请选择 (model choice fields, choices from a
    model field's `choices`, and explicit blank choices alike)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            label_empty_choice(field)
