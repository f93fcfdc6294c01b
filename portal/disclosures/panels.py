"""Editor guidance in the notice form: a link to the public deadline calculator, prefilled with the
rule of the chosen kind (and the project's method) and the dates entered, with the date it gives.
Without JavaScript the link reflects the saved values; notice-form.js keeps it in step with the
inputs as the editor types."""

import datetime as dt
import json

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from wagtail.admin.panels import HelpPanel

# kind -> (rule code, the fields whose first non-empty value is the start day; then the
# publication date, which defaults to today). The call for bids takes its rule from the method.
CALCULATOR_RULES = {
    "intention": ("intention_notice", ["published_on"]),
    "tender": (None, ["documents_from", "published_on"]),
    "prequalification": ("tender_notice_period", ["published_on"]),
    "single_source": ("single_source_publicity", ["publicity_start", "published_on"]),
    "correction": ("correction_notice", ["published_on"]),
    "result": ("result_notice", ["decision_date"]),
    "contract": ("contract_notice", ["signed_on"]),
}


def calculator_rules(project):
    """CALCULATOR_RULES with the project's bid rule filled in (kinds without a rule left out)."""
    from .models.procurement import BID_RULE

    method = project.method if project is not None else None
    rules = {}
    for kind, (code, starts) in CALCULATOR_RULES.items():
        code = code or BID_RULE.get(method)
        if code:
            rules[kind] = {"rule": code, "starts": starts}
    return rules


def calculator_link(notice, project):
    """(url, RuleResult or None) for `notice` as it stands."""
    from .rules import compute

    base = reverse("disclosures:deadline_calculator")
    spec = calculator_rules(project).get(notice.kind)
    if spec is None:
        return base, None
    start = None
    for name in spec["starts"]:
        start = getattr(notice, name, None)
        if start:
            break
    if name == "published_on" and not start:
        start = timezone.localdate()
    if isinstance(start, dt.datetime):
        start = timezone.localdate(start)
    if not start:
        return f"{base}?{urlencode({'rule': spec['rule']})}", None
    return f"{base}?{urlencode({'rule': spec['rule'], 'start': start.isoformat()})}", compute(spec["rule"], start)


class DeadlineCalculatorPanel(HelpPanel):
    def __init__(self, **kwargs):
        kwargs.setdefault("template", "disclosures/admin/deadline_calculator_panel.html")
        super().__init__(**kwargs)

    class BoundPanel(HelpPanel.BoundPanel):
        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            notice = self.instance
            project = notice.project if notice.project_id else None
            if project is None and self.form is not None and self.form.parent_page is not None:
                project = getattr(self.form.parent_page.specific, "method", None) and self.form.parent_page.specific
            url, result = calculator_link(notice, project)
            context.update(
                {
                    "calculator_url": url,
                    "calculator_base": reverse("disclosures:deadline_calculator"),
                    "calculator_result": result,
                    "calculator_rules": json.dumps(calculator_rules(project)),
                    "today": timezone.localdate().isoformat(),
                    "project": project,
                }
            )
            return context
