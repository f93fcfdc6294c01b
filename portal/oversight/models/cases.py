"""Oversight cases (complaints and media inquiries), their status history, notes and counters."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..emails import InternationalEmailModelField


class Kind(models.TextChoices):
    COMPLAINT = "complaint", _("投诉与建议")
    MEDIA = "media", _("媒体问询")


class Category(models.TextChoices):
    QUALITY = "quality", _("服务质量")
    SUBCONTRACTING = "subcontracting", _("违规转包")
    FAKE_QUALIFICATION = "fake_qualification", _("资格造假")
    PROCUREMENT = "procurement", _("采购违规")
    CONDUCT = "conduct", _("工作作风")
    OTHER = "other", _("其他")
    CHALLENGE = "challenge", _("供应商质疑")


class SubjectType(models.TextChoices):
    PROVIDER = "provider", _("服务机构（承接主体）")
    PROCUREMENT = "procurement", _("采购项目或公告")
    REGION = "region", _("地区或部门")
    OTHER = "other", _("其他")


class Status(models.TextChoices):
    RECEIVED = "received", _("已接收")
    ACCEPTED = "accepted", _("已受理")
    IN_PROGRESS = "in_progress", _("办理中")
    ANSWERED = "answered", _("已答复")
    CLOSED = "closed", _("已办结")
    TRANSFERRED = "transferred", _("已转办")
    NOT_ACCEPTED = "not_accepted", _("不予受理")


class Finding(models.TextChoices):
    """What checking the facts established; recorded with the answer."""

    SUBSTANTIATED = "substantiated", _("属实")
    PARTLY = "partly", _("部分属实")
    UNSUBSTANTIATED = "unsubstantiated", _("不属实")


# Findings that confirm (at least part of) what was reported.
CONFIRMED_FINDINGS = (Finding.SUBSTANTIATED, Finding.PARTLY)

# Statuses in which the answer clock is still running.
OPEN_STATUSES = (Status.RECEIVED, Status.ACCEPTED, Status.IN_PROGRESS)
# Statuses that end the clock (the case got its answer or left the channel).
DONE_STATUSES = (Status.ANSWERED, Status.CLOSED, Status.TRANSFERRED, Status.NOT_ACCEPTED)


class CaseQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.open().filter(due_date__lt=today)

    def published(self):
        return self.filter(consent_publish=True, published_at__isnull=False, summary_reviewed_at__isnull=False)

    def by_urgency(self):
        """Open cases first, earliest due date first; then the rest, newest first."""
        return self.annotate(
            urgency_group=models.Case(
                models.When(status__in=OPEN_STATUSES, then=models.Value(0)),
                default=models.Value(1),
                output_field=models.IntegerField(),
            )
        ).order_by("urgency_group", "due_date", "-received_at")


class Case(models.Model):
    """One complaint or media inquiry: what it is about, who sent it (private), where it is routed,
    its clock, its public answer and, if the sender consented, its reviewed redacted summary."""

    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices, default=Kind.COMPLAINT, db_index=True)
    reference = models.CharField(_("受理编号"), max_length=20, unique=True)
    access_code_hash = models.CharField(_("查询码摘要"), max_length=64, editable=False)
    category = models.CharField(_("问题类别"), max_length=24, choices=Category.choices, db_index=True)

    subject_type = models.CharField(_("反映对象类型"), max_length=16, choices=SubjectType.choices)
    region = models.ForeignKey(
        "reference.Region", verbose_name=_("所在地区"), on_delete=models.PROTECT, related_name="oversight_cases"
    )
    subject_text = models.CharField(_("反映对象"), max_length=200)
    subject_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("相关公告或项目页面"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    provider_credit_code = models.CharField(_("机构统一社会信用代码"), max_length=18, blank=True)
    description = models.TextField(_("具体情况"))

    # Personal data: never shown on public pages, the register, statistics, CSV or the API.
    anonymous = models.BooleanField(_("匿名"), default=False)
    contact_name = models.CharField(_("姓名"), max_length=50, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    contact_email = InternationalEmailModelField(_("电子邮箱"), blank=True)
    media_outlet = models.CharField(_("媒体名称"), max_length=100, blank=True)
    consent_publish = models.BooleanField(_("同意公开脱敏摘要"), default=False)

    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.RECEIVED, db_index=True)
    handling_body = models.ForeignKey(
        "oversight.HandlingBody", verbose_name=_("办理机构"), null=True, on_delete=models.PROTECT, related_name="cases"
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("首问责任人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="oversight_cases",
    )
    received_at = models.DateTimeField(_("接收时间"), default=timezone.now, db_index=True)
    due_date = models.DateField(_("答复期限"), db_index=True)
    due_days = models.PositiveSmallIntegerField(_("时限（工作日）"))
    due_official = models.BooleanField(_("期限按官方节假日安排计算"), default=True)
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    public_answer = models.TextField(_("公开答复"), blank=True)
    finding = models.CharField(_("核查结论"), max_length=16, choices=Finding.choices, blank=True, db_index=True)
    not_accepted_reason = models.TextField(_("不予受理理由"), blank=True)
    transferred_to = models.CharField(_("转办单位"), max_length=200, blank=True)
    transfer_reason = models.TextField(_("转办理由"), blank=True)

    public_subject = models.CharField(_("公开的反映对象"), max_length=200, blank=True)
    redacted_summary = models.TextField(_("脱敏摘要"), blank=True)
    summary_reviewed_at = models.DateTimeField(_("摘要审核时间"), null=True, blank=True)
    summary_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("摘要审核人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(_("公开时间"), null=True, blank=True, db_index=True)
    search_text = models.TextField(_("分词检索文本"), blank=True, editable=False)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("监督案件")
        verbose_name_plural = _("投诉与媒体问询")
        permissions = [("view_all_cases", _("查看全省监督案件"))]
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self):
        return self.reference

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    def is_overdue(self, today=None):
        return self.is_open and self.due_date < (today or timezone.localdate())

    @property
    def received_date(self):
        return timezone.localdate(self.received_at)

    @property
    def answered_date(self):
        return timezone.localdate(self.answered_at) if self.answered_at else None

    def working_days_waited(self, cal, today=None):
        """Working days from receipt to the answer (or to today while the case is open)."""
        end = self.answered_date or (
            timezone.localdate(self.closed_at) if self.closed_at and not self.is_open else None
        )
        return cal.working_days_between(self.received_date, end or today or timezone.localdate())

    def answered_on_time(self):
        return self.answered_at is not None and self.answered_date <= self.due_date

    def personal_values(self):
        """The sender's own name, phone and e-mail: never on a public page, whatever the text."""
        return (self.contact_name, self.contact_phone, self.contact_email)

    def personal_data(self):
        """{(kind, value)}: the sender's own details and every personal value (name, phone,
        e-mail, ID number, address) in the narrative and the subject as sent."""
        from ..redaction import personal_values

        known = [("name", self.contact_name), self.contact_phone, ("email", self.contact_email)]
        return personal_values([self.description, self.subject_text], known=known)

    def suggested_redaction(self, text):
        """`text` with the case's personal data removed (the sender's own details first)."""
        from ..redaction import redact

        return redact(text, known=self.personal_data())

    def public_answer_redacted(self):
        """The answer as the public register shows it: personal data removed, including the
        sender's own details and any personal value of the narrative, however written."""
        return self.suggested_redaction(self.public_answer).text

    def publication_errors(self, summary, subject):
        """{field: message} for a summary or public subject that still carries personal data of
        the case (compared after normalising width, case, invisible characters and separators)."""
        from ..redaction import KIND_LABELS, leaked_personal_data

        values = self.personal_data()
        errors = {}
        for name, text in (("summary", summary), ("subject", subject)):
            leaked = leaked_personal_data(text or "", values)
            if leaked:
                items = "、".join(f"{KIND_LABELS.get(kind, kind)}“{value}”" for kind, value in leaked)
                errors[name] = _("仍含投诉人的个人信息：%(items)s。请删除或改写后再发布。") % {"items": items}
        return errors

    def clean(self):
        super().clean()
        if self.published_at:
            errors = self.publication_errors(self.redacted_summary, self.public_subject)
            if errors:
                raise ValidationError(errors)

    def contact_summary(self):
        if self.anonymous:
            return _("匿名")
        return " / ".join(p for p in (self.contact_name, self.contact_phone, self.contact_email) if p)


class StatusChange(models.Model):
    """One entry of a case's append-only status history; the public note is shown when tracking."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(_("原状态"), max_length=16, choices=Status.choices, blank=True)
    to_status = models.CharField(_("新状态"), max_length=16, choices=Status.choices)
    at = models.DateTimeField(_("时间"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, blank=True, on_delete=models.SET_NULL
    )
    public_note = models.TextField(_("说明"), blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("状态记录")
        verbose_name_plural = _("状态记录")

    def __str__(self):
        return f"{self.case_id}: {self.from_status} -> {self.to_status}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.pop("force_insert", False):
            raise ValueError("Status history is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Status history is append-only.")


class InternalNote(models.Model):
    """A handler's internal working note on a case; never shown to the public."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(_("内部备注"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("内部备注")
        verbose_name_plural = _("内部备注")

    def __str__(self):
        return f"{self.case_id}: {self.text[:20]}"


class ReferenceCounter(models.Model):
    """Last reference number issued per prefix and year (TS-2026-000123), locked while issuing."""

    prefix = models.CharField(max_length=4)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="oversight_refcounter_unique")]

    def __str__(self):
        return f"{self.prefix}-{self.year}: {self.last}"
