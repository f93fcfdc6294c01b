"""A 违规转包 complaint about a registered provider found substantiated (or partly) opens an exit
decision in the registry (portal.providers.services.open_exit_decision), once per case."""

from django.utils.translation import gettext as _

from portal.providers.services import open_exit_decision

from .models import CONFIRMED_FINDINGS, Category


def open_exit_decision_for_case(case):
    """The decision task opened (or found) for the case, or None when the complaint is not a
    confirmed subcontracting one or its provider is not in the registry."""

    if case.category != Category.SUBCONTRACTING or case.finding not in CONFIRMED_FINDINGS:
        return None
    trigger = _("违规转包投诉经核查%(finding)s（受理编号 %(reference)s）") % {
        "finding": case.get_finding_display(),
        "reference": case.reference,
    }
    return open_exit_decision(case.provider_credit_code, trigger, case_reference=case.reference, registered_only=True)


def finding_recorded_handler(sender, case, **kwargs):
    open_exit_decision_for_case(case)
