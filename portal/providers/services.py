"""Service functions other parts of the portal use: the provider with a credit code, review
decisions on applications, opening an exit decision, and (re-exported) the provider standing check."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ApplicationEvent, ApplicationStatus, ExitDecisionTask, Provider, ProviderApplication
from .models.status import provider_in_good_standing

__all__ = [
    "decide_application",
    "open_exit_decision",
    "provider_for_code",
    "provider_in_good_standing",
    "submit_application",
]


def provider_for_code(code, *, select_related=(), queryset=None):
    """The registered provider with this unified social credit code (统一社会信用代码), or None (also
    for an empty code). The code is matched as given. `select_related` follows relations in the same
    query; `queryset` looks in a narrower or annotated set of providers instead of all of them."""
    if not code:
        return None
    providers = Provider.objects.all() if queryset is None else queryset
    if select_related:
        providers = providers.select_related(*select_related)
    return providers.filter(credit_code=code).first()


def open_exit_decision(
    credit_code, trigger, *, evaluation=None, case_reference="", provider_name="", registered_only=False
):
    """Open a pending exit decision (退出决定) on a provider's standing, once per triggering
    evaluation result or per complaint case (`evaluation` or `case_reference` is the key); returns
    the task (the existing one when it was opened before), or None when `registered_only` and no
    provider has the code. A registered provider's own code and name are recorded; otherwise
    `credit_code` and `provider_name` as given."""
    if registered_only:
        provider = provider_for_code(credit_code)
        if provider is None:
            return None
        credit_code, provider_name = provider.credit_code, provider.name
    if evaluation is not None:
        key = {"evaluation": evaluation}
    elif case_reference:
        key = {"case_reference": case_reference}
    else:
        raise ValueError("An exit decision is opened for an evaluation result or a complaint case.")
    task, _created = ExitDecisionTask.objects.get_or_create(
        **key, defaults={"provider_credit_code": credit_code, "provider_name": provider_name, "trigger": trigger}
    )
    return task


def submit_application(form):
    """Save a valid ApplicationForm; returns (application, access code shown once)."""
    access_code = ProviderApplication.new_access_code()
    with transaction.atomic():
        application = form.save(commit=False)
        application.reference = ProviderApplication.new_reference()
        while ProviderApplication.objects.filter(reference=application.reference).exists():
            application.reference = ProviderApplication.new_reference()
        application.set_access_code(access_code)
        application.save()
        form.save_m2m()
        form.save_documents(application)
        ApplicationEvent.objects.create(application=application, status=ApplicationStatus.SUBMITTED)
    return application, access_code


def _provider_from_application(application):
    provider = provider_for_code(application.credit_code) or Provider(credit_code=application.credit_code)
    provider.name = application.name
    provider.provider_type = application.provider_type
    provider.registration_authority = application.registration_authority
    provider.registered_on = application.registered_on
    provider.address = application.address
    provider.region = application.region
    provider.description = application.description
    provider.staff_count = application.staff_count
    provider.social_worker_count = application.social_worker_count
    provider.facilities = application.facilities
    provider.governance_attested = application.governance_attested
    provider.finance_attested = application.finance_attested
    if application.public_phone:
        provider.contact_phone = application.public_phone
    provider.verified = True
    provider.verified_on = timezone.localdate()
    provider.save()
    provider.service_items.set(application.service_items.all())
    if not provider.service_regions.exists():
        provider.service_regions.add(application.region)
    return provider


def decide_application(application, new_status, note="", user=None):
    """Move an application to `new_status` (one of its allowed transitions). Returning or rejecting
    needs reasons; approving creates or updates the provider record."""
    new_status = ApplicationStatus(new_status)
    if new_status not in application.allowed_transitions():
        raise ValidationError(
            _("申请当前为“%(from)s”，不能改为“%(to)s”。")
            % {"from": application.get_status_display(), "to": new_status.label}
        )
    if new_status in (ApplicationStatus.RETURNED, ApplicationStatus.REJECTED) and not note.strip():
        raise ValidationError(_("退回或不予通过时必须写明理由。"))
    with transaction.atomic():
        if new_status == ApplicationStatus.APPROVED:
            application.provider = _provider_from_application(application)
        application.status = new_status
        if new_status != ApplicationStatus.UNDER_REVIEW:
            application.decided_at = timezone.now()
        if note:
            application.review_note = note
        application.save()
        ApplicationEvent.objects.create(application=application, status=new_status, note=note, actor=user)
    return application
