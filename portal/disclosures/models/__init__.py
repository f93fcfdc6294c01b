from .calendar import CalendarDay, CalendarYear
from .evaluation import EvaluationResultPage, EvaluationScheme
from .notices import AcceptanceResult, NoticeDocument, NoticeKind, NoticePage
from .procurement import Method, NoticeIndexPage, ProcurementProjectPage, Stage
from .reference import Region, ServiceItem

__all__ = [
    "AcceptanceResult",
    "CalendarDay",
    "CalendarYear",
    "EvaluationResultPage",
    "EvaluationScheme",
    "Method",
    "NoticeDocument",
    "NoticeIndexPage",
    "NoticeKind",
    "NoticePage",
    "ProcurementProjectPage",
    "Region",
    "ServiceItem",
    "Stage",
]
