from .application import (
    ApplicationDocument,
    ApplicationEvent,
    ApplicationStatus,
    ProviderApplication,
)
from .choices import Grade, ProviderStatus, ProviderType
from .eligibility import EligibilityCriterion, Requirement
from .exits import ExitDecision, ExitDecisionTask
from .index_backlog import PendingIndexUpdate
from .provider import Provider, ProviderFinancialReport
from .status import ProviderStatusChange, provider_in_good_standing

__all__ = [
    "ApplicationDocument",
    "ApplicationEvent",
    "ApplicationStatus",
    "EligibilityCriterion",
    "ExitDecision",
    "ExitDecisionTask",
    "Grade",
    "PendingIndexUpdate",
    "Provider",
    "ProviderApplication",
    "ProviderFinancialReport",
    "ProviderStatus",
    "ProviderStatusChange",
    "ProviderType",
    "Requirement",
    "provider_in_good_standing",
]
