"""The working-day calendar: official holidays and make-up working days (调休), per year."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarYear(models.Model):
    """Whether official State Council data is loaded for a year. Deadlines that fall in a year
    without official data are flagged, never silently guessed."""

    year = models.PositiveSmallIntegerField(_("年份"), unique=True)
    official = models.BooleanField(_("已载入官方安排"), default=False)
    source = models.CharField(_("来源"), max_length=200, blank=True)
    note = models.TextField(_("备注"), blank=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("节假日年度")
        verbose_name_plural = _("节假日年度")
        # The table keeps the name it had in the disclosures app (moved without copying data).
        db_table = "disclosures_calendaryear"

    def __str__(self):
        return f"{self.year}"


class CalendarDay(models.Model):
    """A day that differs from the Monday-to-Friday rule: a statutory holiday (休) or a make-up
    working day on a weekend (班). Days not listed follow the weekday rule."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("法定节假日（休息）")
        WORKDAY = "workday", _("调休上班")

    class Source(models.TextChoices):
        OFFICIAL = "chinesecalendar", _("国务院办公厅通知（chinesecalendar）")
        MANUAL = "manual", _("管理员录入")

    date = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("节日"), max_length=32, blank=True)
    source = models.CharField(_("来源"), max_length=32, choices=Source.choices, default=Source.MANUAL)

    class Meta:
        ordering = ["date"]
        verbose_name = _("节假日与调休")
        verbose_name_plural = _("节假日与调休")
        # The table keeps the name it had in the disclosures app (moved without copying data).
        db_table = "disclosures_calendarday"

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()} {self.name}".strip()

    @property
    def is_workday(self):
        return self.kind == self.Kind.WORKDAY

    def clean(self):
        if self.date is None:
            return
        weekend = self.date.weekday() >= 5
        if self.kind == self.Kind.WORKDAY and not weekend:
            raise ValidationError({"kind": _("调休上班日只能是周六或周日。")})
