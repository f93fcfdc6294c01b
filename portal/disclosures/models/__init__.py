from .calendar import CalendarDay, CalendarYear
from .reference import Region, ServiceItem

__all__ = ["CalendarDay", "CalendarYear", "Region", "ServiceItem"]
