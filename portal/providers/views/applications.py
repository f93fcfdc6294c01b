"""The public application form and the tracking page for applicants."""

from django.core.cache import cache
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..forms import DOCUMENT_FIELDS, ApplicationForm, TrackForm
from ..models import ProviderApplication
from ..services import submit_application
from .regions import with_region_names

SESSION_KEY = "provider_application_receipt"
IDENTITY_FIELDS = [
    "name",
    "credit_code",
    "provider_type",
    "registration_authority",
    "registered_on",
    "address",
    "region",
]
CAPACITY_FIELDS = [
    "service_items",
    "description",
    "staff_count",
    "social_worker_count",
    "facilities",
    "governance_attested",
    "finance_attested",
]
CONTACT_FIELDS = ["contact_name", "contact_phone", "contact_email", "public_phone"]
MAX_FAILED_LOOKUPS = 10
LOOKUP_WINDOW_SECONDS = 3600


def _crumbs(title):
    return [(_("承接主体名录"), reverse("providers:directory")), (title, None)]


@require_http_methods(["GET", "POST"])
def apply(request):
    form = with_region_names(ApplicationForm(request.POST or None, request.FILES or None))
    if request.method == "POST" and form.is_valid():
        application, access_code = submit_application(form)
        request.session[SESSION_KEY] = {"reference": application.reference, "access_code": access_code}
        return redirect("providers:application_submitted")
    return render(
        request,
        "providers/apply.html",
        {
            "form": form,
            "fieldsets": [
                (_("机构信息"), [form[name] for name in IDENTITY_FIELDS]),
                (_("服务能力"), [form[name] for name in CAPACITY_FIELDS]),
                (_("证明材料"), [form[name] for name, _kind, _req in DOCUMENT_FIELDS]),
                (_("联系方式"), [form[name] for name in CONTACT_FIELDS]),
            ],
            "check_code_url": reverse("api:providers_check_code"),
            "crumbs": _crumbs(_("申请入库")),
        },
    )


def submitted(request):
    receipt = request.session.pop(SESSION_KEY, None)
    if receipt is None:
        return redirect("providers:application_track")
    return render(request, "providers/application_submitted.html", {**receipt, "crumbs": _crumbs(_("申请已提交"))})


@require_http_methods(["GET", "POST"])
def track(request):
    form = TrackForm(request.POST or None)
    application = None
    if request.method == "POST" and form.is_valid():
        reference = form.cleaned_data["reference"]
        key = f"provider-application-lookups:{reference}"
        failures = cache.get(key, 0)
        if failures >= MAX_FAILED_LOOKUPS:
            form.add_error(None, _("查询失败次数过多，请一小时后再试。"))
        else:
            candidate = ProviderApplication.objects.filter(reference=reference).first()
            if candidate is not None and candidate.check_access_code(form.cleaned_data["access_code"]):
                application = candidate
                cache.delete(key)
            else:
                cache.set(key, failures + 1, LOOKUP_WINDOW_SECONDS)
                form.add_error(None, _("申请编号或查询码不正确。"))
    return render(
        request,
        "providers/application_track.html",
        {
            "form": form,
            "application": application,
            "events": list(application.events.all()) if application else [],
            "noindex": True,
            "crumbs": _crumbs(_("查询申请进度")),
        },
    )
