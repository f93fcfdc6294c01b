"""Selects offer 全部 (filters) or 请选择 (forms) as their empty choice, never Django's "---------"."""

import re

import django_filters
import pytest
from django import forms

from .test_date_inputs import _import_portal_modules, _subclasses

DASHES = "---------"


def _empty_choice_label(field):
    """The label of the select's empty choice, or None if it has none (a sort order, radios)."""
    if isinstance(field.widget, forms.RadioSelect) or isinstance(field, forms.MultipleChoiceField):
        return None
    if isinstance(field, forms.ModelChoiceField):
        return None if field.empty_label is None else str(field.empty_label)
    if isinstance(field, forms.ChoiceField):
        choices = list(field.choices)
        return str(choices[0][1]) if choices and choices[0][0] in ("", None) else None
    return None


def _forms_and_filtersets():
    _import_portal_modules()
    found = []
    for form_class in _subclasses(forms.BaseForm):
        if form_class.__module__.startswith("portal.") and not form_class.__module__.endswith("wagtail_hooks"):
            try:
                form = form_class()
            except (TypeError, ValueError):
                continue  # needs arguments, or an abstract base (a ModelForm without a model)
            found.append(("form", form_class.__qualname__, form.fields))
    for filterset_class in _subclasses(django_filters.FilterSet):
        if filterset_class.__module__.startswith("portal.") and filterset_class._meta.model is not None:
            # (a FilterSet without a model is an abstract base: ListingFilterSet, PublicityFilterSet)
            found.append(("filter", filterset_class.__qualname__, filterset_class().form.fields))
    return found


@pytest.mark.django_db
def test_empty_choices_say_all_in_filters_and_please_choose_in_forms():
    wrong = []
    checked = 0
    for kind, where, fields in _forms_and_filtersets():
        for name, field in fields.items():
            label = _empty_choice_label(field)
            if label is None:
                continue
            checked += 1
            ok = label == "全部" if kind == "filter" else label.startswith("请选择")
            if not ok:
                wrong.append(f"{kind} {where}.{name}: {label!r}")
    assert checked >= 8, checked
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize(
    "path,first_option",
    [
        ("/disclosures/notices/", "全部"),
        ("/disclosures/evaluations/", "全部"),
        ("/providers/eligibility-check/", "请选择"),
        ("/providers/apply/", "请选择"),
        ("/oversight/complaints/new/", "请选择"),
    ],
)
@pytest.mark.django_db
def test_public_pages_show_no_dashes_in_selects(client, path, first_option):
    html = client.get(path).content.decode()
    assert DASHES not in html
    selects = re.findall(r"<select[^>]*>\s*<option[^>]*>([^<]*)</option>", html)
    assert selects, f"no select on {path}"
    assert any(label.startswith(first_option) for label in selects), selects
