"""The public deadline calculator (/disclosures/deadlines/) for providers and editors."""

from django import forms
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.core.forms import DateInput

from ..rules import RULES, compute

WEEKDAYS = [_("星期一"), _("星期二"), _("星期三"), _("星期四"), _("星期五"), _("星期六"), _("星期日")]


class CalculatorForm(forms.Form):
    rule = forms.ChoiceField(label=_("期限规则"), choices=[(code, rule.label) for code, rule in RULES.items()])
    start = forms.DateField(
        label=_("起算日期"),
        widget=DateInput,
        help_text=_("起算日当天不计入期限（民法典第二百零一条）。"),
    )


def deadline_calculator(request):
    form = CalculatorForm(request.GET or None, initial={"start": timezone.localdate()})
    result = weekday = None
    if form.is_bound and form.is_valid():
        result = compute(form.cleaned_data["rule"], form.cleaned_data["start"])
        weekday = WEEKDAYS[result.date.weekday()]
    context = {
        "form": form,
        "result": result,
        "weekday": weekday,
        "rules": RULES.values(),
        "crumbs": [(_("采购公告"), "/disclosures/notices/"), (_("办理期限计算"), None)],
    }
    return render(request, "disclosures/deadline_calculator.html", context, status=400 if form.errors else 200)
