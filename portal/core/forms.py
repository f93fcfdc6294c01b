"""Form pieces shared by the public forms and filters.

`DateInput`: the one widget for date fields. Browsers accept only ISO 8601 (YYYY-MM-DD) as the value
of <input type="date"> (HTML's "valid date string"); Django's DateInput renders the active
locale's first input format instead, which for zh-hans is "%Y/%m/%d", so a prefilled or re-rendered
date showed as an empty field and the form then failed with "这个字段是必填项". The value submitted by
the browser is ISO as well, which every locale's DATE_INPUT_FORMATS accepts.
"""

from django import forms

ISO_DATE = "%Y-%m-%d"


class DateInput(forms.DateInput):
    """<input type="date"> with an ISO value whatever the language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=ISO_DATE)
