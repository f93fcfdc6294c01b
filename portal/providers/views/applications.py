"""The public application form and the tracking page for applicants.

Both are protected like the complaint channel (portal.core.abuse, portal.core.captcha): the form
has the CAPTCHA question and the honeypot field, a per-address limit on applications sent
(PROVIDER_RATES["apply"], 5 an hour) and a cap on the request body checked before it is read.

Tracking: the rules, all counted atomically in the shared abuse-protection cache before the access
code is checked (so that parallel requests cannot all slip through):
  1. per address: 10 lookups in 15 minutes, whatever the application (PROVIDER_RATES["track"]);
  2. per address and application: 5 lookups of one application in an hour;
  3. per application, from all addresses: after 20 lookups in 15 minutes the application is
     checked at most once a minute (a short back-off, whoever asks first), except for the first
     lookup of an address in the hour, which is always checked.
A stranger's wrong codes therefore never lock the real applicant out: their own address is not
counted against them, and their first lookup in an hour is answered even while the application is
under attack."""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import get_usage

from portal.core.abuse import Limit, abuse_cache, body_limit, client_ip

from ..forms import DOCUMENT_FIELDS, ApplicationForm, TrackForm
from ..forms.uploads import MAX_TOTAL_BYTES
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
# The documents plus room for the text fields.
MAX_REQUEST_BYTES = MAX_TOTAL_BYTES + 1024 * 1024

APPLY = Limit("providers.apply", "PROVIDER_RATES", "apply", "5/h")
TRACK = Limit("providers.track", "PROVIDER_RATES", "track", "10/15m")
TRACK_ADDRESS_APPLICATION = Limit("providers.track.address", "PROVIDER_RATES", "track_application", "5/h")
TRACK_APPLICATION = Limit("providers.track.application", "PROVIDER_RATES", "track_all", "20/15m")
BACKOFF_SECONDS = 60


def _crumbs(title):
    return [(_("承接主体名录"), reverse("providers:directory")), (title, None)]


def _kept(post):
    """What was typed, as initial values of a new form (no errors shown), without the CAPTCHA."""
    kept = {}
    for name, values in post.lists():
        if name.startswith(("captcha_", "website", "csrf")):
            continue
        kept[name] = values if name == "service_items" else values[-1]
    return kept


@body_limit(MAX_REQUEST_BYTES, APPLY, _l("提交内容过大：所附材料合计不超过 30 MB，请压缩后再上传。"))
@never_cache
@require_http_methods(["GET", "POST"])
def apply(request):
    status, rate_limited = 200, False
    if request.method == "POST" and APPLY.exceeded(request):
        form = ApplicationForm(initial=_kept(request.POST))
        status, rate_limited = 429, True
    else:
        form = ApplicationForm(request.POST or None, request.FILES or None)
        if request.method == "POST":
            if form.is_valid():
                application, access_code = submit_application(form)
                request.session[SESSION_KEY] = {"reference": application.reference, "access_code": access_code}
                return redirect("providers:application_submitted")
            form.refresh_captcha()
    form = with_region_names(form)
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
            "rate_limited": rate_limited,
            "check_code_url": reverse("api:providers_check_code"),
            "crumbs": _crumbs(_("申请入库")),
        },
        status=status,
    )


def submitted(request):
    receipt = request.session.pop(SESSION_KEY, None)
    if receipt is None:
        return redirect("providers:application_track")
    return render(request, "providers/application_submitted.html", {**receipt, "crumbs": _crumbs(_("申请已提交"))})


def _lookup_refusal(request, reference):
    """Why this lookup of `reference` is not checked (rules 2 and 3 of the module), or None. Every
    call counts the lookup."""
    address = client_ip(request)
    per_address = get_usage(
        request,
        group=TRACK_ADDRESS_APPLICATION.group,
        key=lambda _group, _request: f"{address}:{reference}",
        rate=TRACK_ADDRESS_APPLICATION.rate,
        increment=True,
    )
    if per_address is None:  # RATELIMIT_ENABLE off
        return None
    if per_address["should_limit"]:
        return _("从您的网络地址查询这个申请编号的次数过多，请一小时后再试。")
    first_here = per_address["count"] == 1
    if (
        TRACK_APPLICATION.exceeded(request, key=lambda _group, _request: reference)
        and not first_here
        and not abuse_cache().add(f"providers.track.backoff:{reference}", 1, BACKOFF_SECONDS)
    ):
        return _("这个申请编号近期查询失败较多，请1分钟后再试。")
    return None


@body_limit(64 * 1024, TRACK)
@never_cache
@require_http_methods(["GET", "POST"])
def track(request):
    form = TrackForm(request.POST or None)
    application, status = None, 200
    if request.method == "POST":
        if TRACK.exceeded(request):
            form.add_error(None, _("查询过于频繁，请15分钟后再试。"))
            status = 429
        elif form.is_valid():
            reference = form.cleaned_data["reference"]
            refusal = _lookup_refusal(request, reference)
            if refusal:
                form.add_error(None, refusal)
                status = 429
            else:
                candidate = ProviderApplication.objects.filter(reference=reference).first()
                if candidate is not None and candidate.check_access_code(form.cleaned_data["access_code"]):
                    application = candidate
                else:
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
        status=status,
    )
