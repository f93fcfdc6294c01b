from .capacity import StaffingRule, TownshipCapacity
from .notices import AcceptanceResult, NoticeDocument, NoticeKind, NoticePage
from .procurement import Method, NoticeIndexPage, ProcurementProjectPage, Stage

__all__ = [
    "AcceptanceResult",
    "Method",
    "NoticeDocument",
    "NoticeIndexPage",
    "NoticeKind",
    "NoticePage",
    "ProcurementProjectPage",
    "Stage",
    "StaffingRule",
    "TownshipCapacity",
]
