"""Signals other apps listen to: the oversight app does not import them."""

from django.dispatch import Signal

# Sent after a case's finding (核查结论) is recorded with its answer; kwargs: case, user.
# The disclosures app opens an exit decision for a confirmed 违规转包 complaint against a provider.
finding_recorded = Signal()
