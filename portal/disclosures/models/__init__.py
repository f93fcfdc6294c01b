from .capacity import StaffingRule, TownshipCapacity
from .evaluation import EvaluationResultPage, EvaluationScheme
from .notices import AcceptanceResult, NoticeDocument, NoticeKind, NoticePage
from .procurement import Method, NoticeIndexPage, ProcurementProjectPage, Stage

__all__ = [
    "AcceptanceResult",
    "EvaluationResultPage",
    "EvaluationScheme",
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
