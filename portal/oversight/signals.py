"""Signals of the oversight app."""

from django.dispatch import Signal

# Sent after a case's finding (核查结论) is recorded with its answer; kwargs: case, user.
# portal.oversight.exits opens an exit decision for a confirmed 违规转包 complaint against a provider.
finding_recorded = Signal()
