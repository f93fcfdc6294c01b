from .audit import CaseLogEntry
from .bodies import HandlingBody, OversightSettings
from .cases import (
    CONFIRMED_FINDINGS,
    DONE_STATUSES,
    OPEN_STATUSES,
    Case,
    Category,
    Finding,
    InternalNote,
    Kind,
    ReferenceCounter,
    Status,
    StatusChange,
    SubjectType,
)
from .files import Attachment
from .outbox import OutboxMessage

__all__ = [
    "CONFIRMED_FINDINGS",
    "DONE_STATUSES",
    "OPEN_STATUSES",
    "Attachment",
    "Case",
    "CaseLogEntry",
    "Category",
    "Finding",
    "HandlingBody",
    "InternalNote",
    "Kind",
    "OutboxMessage",
    "OversightSettings",
    "ReferenceCounter",
    "Status",
    "StatusChange",
    "SubjectType",
]
