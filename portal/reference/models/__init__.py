from .calendar import CalendarDay, CalendarYear
from .regions import Region, RegionQuerySet, ServiceItem

__all__ = ["CalendarDay", "CalendarYear", "Region", "RegionQuerySet", "ServiceItem"]
