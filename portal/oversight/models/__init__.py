from .bodies import HandlingBody, OversightSettings
from .cases import (
    DONE_STATUSES,
    OPEN_STATUSES,
    Case,
    Category,
    InternalNote,
    Kind,
    ReferenceCounter,
    Status,
    StatusChange,
    SubjectType,
)
from .files import Attachment, private_storage
from .outbox import OutboxMessage

__all__ = [
    "DONE_STATUSES",
    "OPEN_STATUSES",
    "Attachment",
    "Case",
    "Category",
    "HandlingBody",
    "InternalNote",
    "Kind",
    "OutboxMessage",
    "OversightSettings",
    "ReferenceCounter",
    "Status",
    "StatusChange",
    "SubjectType",
    "private_storage",
]
