"""Every date input renders an ISO 8601 value (YYYY-MM-DD) in Chinese, the only value a browser's
<input type="date"> accepts: Django's DateInput renders the locale's first input format, which for
zh-hans is 2026/12/03, and the browser then shows an empty field.

The forms are found, not listed: every Form and FilterSet class defined in the portal's modules,
and the admin edit forms of every page model and snippet."""

import datetime as dt
import importlib
import pkgutil
import re

import django_filters
import pytest
from django import forms
from django.apps import apps
from django.utils import translation

import portal

DAY = dt.date(2026, 12, 3)
MOMENT = dt.datetime(2026, 12, 3, 9, 30)


def _import_portal_modules():
    for module in pkgutil.walk_packages(portal.__path__, "portal."):
        if ".migrations" in module.name or module.name.startswith("portal.settings"):
            continue
        importlib.import_module(module.name)


def _subclasses(base):
    found, todo = set(), [base]
    while todo:
        for cls in todo.pop().__subclasses__():
            if cls not in found:
                found.add(cls)
                todo.append(cls)
    return found


def portal_form_fields():
    """(where, field name, form field) of every date or date-time field of the portal's forms."""
    _import_portal_modules()
    fields = []
    for form_class in _subclasses(forms.BaseForm):
        if form_class.__module__.startswith("portal."):
            for name, field in form_class.base_fields.items():
                fields.append((form_class.__qualname__, name, field))
    for filterset_class in _subclasses(django_filters.FilterSet):
        if filterset_class.__module__.startswith("portal."):
            for name, filter_ in filterset_class.base_filters.items():
                fields.append((filterset_class.__qualname__, name, filter_.field))
    return [
        (where, name, field)
        for where, name, field in fields
        if isinstance(field, forms.DateField | forms.DateTimeField)
    ]


def admin_form_fields():
    """The same for the Wagtail admin's edit forms of the portal's page models and snippets."""
    from wagtail.models import Page
    from wagtail.snippets.models import get_snippet_models

    fields = []
    for model in apps.get_models():
        if not model.__module__.startswith("portal."):
            continue
        if issubclass(model, Page):
            form_class = model.get_edit_handler().get_form_class()
        elif model in get_snippet_models():
            form_class = model.snippet_viewset.get_edit_handler().get_form_class()
        else:
            continue
        for name, field in form_class.base_fields.items():
            if isinstance(field, forms.DateField | forms.DateTimeField):
                fields.append((model.__name__, name, field))
    return fields


def rendered_value(field, name):
    value = MOMENT if isinstance(field, forms.DateTimeField) else DAY
    with translation.override("zh-hans"):
        html = field.widget.render(name, value)
    match = re.search(r'value="([^"]*)"', html)
    return html, (match[1] if match else None)


def test_the_portal_has_public_date_inputs_to_check():
    where = {w for w, _name, _field in portal_form_fields()}
    assert {"SelfCheckForm", "ApplicationForm", "CalculatorForm", "NoticeFilterSet"} <= where


@pytest.mark.parametrize("source", [portal_form_fields, admin_form_fields], ids=["public", "admin"])
@pytest.mark.django_db
def test_every_date_input_renders_an_iso_value(source):
    wrong = []
    for where, name, field in source():
        html, value = rendered_value(field, name)
        expected = "2026-12-03" if isinstance(field, forms.DateField) else "2026-12-03[T ]09:30"
        if value is None or not re.match(expected, value):
            wrong.append(f"{where}.{name}: {html}")
    assert not wrong, "date inputs rendering a non-ISO value:\n" + "\n".join(wrong)


def test_date_pickers_are_date_inputs():
    """The public date fields use the browser's date picker (type="date")."""
    not_pickers = [
        f"{where}.{name}"
        for where, name, field in portal_form_fields()
        if isinstance(field, forms.DateField) and getattr(field.widget, "input_type", None) != "date"
    ]
    assert not not_pickers, not_pickers


@pytest.mark.django_db
def test_prefilled_self_check_shows_the_registration_date(client):
    """A provider's 登记日期 from the registry is in the prefilled self-check as an ISO value."""
    from portal.providers.factories import ProviderFactory

    provider = ProviderFactory(registered_on=dt.date(2015, 6, 9))
    response = client.get("/providers/eligibility-check/", {"code": provider.credit_code})
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r'<input type="date" name="registered_on" value="2015-06-09"', html), re.findall(
        r"<input[^>]*registered_on[^>]*>", html
    )


@pytest.mark.django_db
def test_calculator_defaults_to_today_as_an_iso_date(client):
    from django.utils import timezone

    html = client.get("/disclosures/deadlines/").content.decode()
    today = timezone.localdate().isoformat()
    assert f'<input type="date" name="start" value="{today}"' in html


@pytest.mark.django_db
def test_iso_dates_from_the_browser_are_accepted(client):
    response = client.get("/disclosures/deadlines/", {"rule": "open_tender_bid", "start": "2026-12-03"})
    assert response.status_code == 200
    assert "calc-result" in response.content.decode()
    response = client.get("/disclosures/notices/", {"published_after": "2026-01-01"})
    assert response.status_code == 200
    assert 'name="published_after" value="2026-01-01"' in response.content.decode()
