"""Submission, receipt (page and PDF) and tracking."""

from django.shortcuts import redirect, render
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from wagtail.models import Site

from portal.core import caching
from portal.core.abuse import body_limit
from portal.core.pdf import pdf_response, render_pdf
from portal.core.public_url import public_base_url, public_url
from portal.reference.workdays import calendar

from ..abuse import LIMITS, over_limit
from ..forms import MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, CaseForm, MediaForm, TrackForm
from ..models import Case, SubjectType
from ..services.submission import check_access_code, hash_access_code, submit_case

RECEIPT_SESSION_KEY = "oversight_receipt"
# The access code is shown on the receipt page once, right after submission; the PDF receipt (and
# the e-mail) carry it. The PDF can be downloaded for this long, then the session forgets the
# submission: a shared computer does not show the code to the next person.
RECEIPT_CODE_SECONDS = 30 * 60
# Whole-request ceiling: the attachments plus room for the text fields.
MAX_REQUEST_BYTES = MAX_ATTACHMENTS * MAX_ATTACHMENT_BYTES + 1024 * 1024


def _crumbs(title):
    from django.urls import reverse

    return [(_("投诉监督"), reverse("oversight:complaint_new")), (title, None)]


def _initial_from_query(request):
    """Prefill from a link on a notice or project page (?page=<id>) or a provider (?provider=<code>)."""
    initial = {}
    page_id = request.GET.get("page", "")
    if page_id.isdigit():
        from wagtail.models import Page

        page = Page.objects.live().public().filter(pk=int(page_id)).first()
        if page is not None:
            initial.update(subject_url=page.url, subject_text=page.title, subject_type=SubjectType.PROCUREMENT)
    code = request.GET.get("provider", "").strip().upper()[:18]
    if code:
        initial.update(provider_credit_code=code, subject_type=SubjectType.PROVIDER)
    return initial


# A body over the cap is refused before it is read, and the refusal counts toward the submission
# limit (portal.core.middleware.RequestBodyLimitMiddleware).
too_large = body_limit(MAX_REQUEST_BYTES, LIMITS["submit"], _l("提交内容过大：附件最多5个，每个不超过10MB。"))


@too_large
@never_cache
@require_http_methods(["GET", "POST"])
def complaint_new(request):
    return _submission(request, CaseForm, _("在线投诉与建议"))


@too_large
@never_cache
@require_http_methods(["GET", "POST"])
def media_new(request):
    return _submission(request, MediaForm, _("媒体问询"))


# The form's fields in the order of its two fieldsets (a form has only some of them).
FIELD_GROUPS = {
    "problem": ("media_outlet", "category", "subject_type", "region", "subject_text", "provider_credit_code",
                "subject_url", "description", "attachments"),
    "contact": ("anonymous", "contact_name", "contact_phone", "contact_email", "consent_publish"),
}  # fmt: skip


def _field_groups(form, cacheable=False):
    """{group: rendered fields}. The fields of a form as first opened (unbound, prefilled only from
    the link followed) are the same for every visitor with that prefill, so their markup is cached
    per content generation (the region list is content); the CAPTCHA and CSRF token are not in it."""
    template = get_template("oversight/includes/fields.html")
    seconds = caching.fragment_seconds() if cacheable and not form.is_bound else 0
    groups = {}
    for group, names in FIELD_GROUPS.items():
        fields = [form[name] for name in names if name in form.fields]
        depends = (form.kind, group, get_language(), [(f.name, f.initial) for f in fields])
        groups[group] = caching.remember(
            "oversight:fields", depends, lambda fields=fields: template.render({"fields": fields}), seconds=seconds
        )
    return groups


def _submission(request, form_class, title):
    site = Site.find_for_request(request)
    context = {"title": title, "crumbs": _crumbs(title), "kind": form_class.kind, "max_files": MAX_ATTACHMENTS}
    if request.method == "GET":
        form = form_class(site=site, initial=_initial_from_query(request))
        context.update(form=form, field_groups=_field_groups(form, cacheable=True))
        return render(request, "oversight/submit.html", context)
    if over_limit(request, "submit"):
        # Keep what was typed (as initial values: no validation errors), with a new question.
        kept = {k: v for k, v in request.POST.dict().items() if not k.startswith(("captcha_", "website", "csrf"))}
        form = form_class(initial=kept, site=site)
        context.update(form=form, field_groups=_field_groups(form), rate_limited=True)
        return render(request, "oversight/submit.html", context, status=429)
    form = form_class(request.POST, request.FILES, site=site)
    if not form.is_valid():
        files_sent = bool(request.FILES.getlist("attachments"))
        form.refresh_captcha()
        context.update(form=form, field_groups=_field_groups(form), files_dropped=files_sent)
        return render(request, "oversight/submit.html", context, status=400)
    base_url = public_base_url()  # the tracking link in the e-mail: the public address
    case, code = submit_case(
        form.case_data(), form.cleaned_data["attachments"], kind=form_class.kind, base_url=base_url
    )
    request.session[RECEIPT_SESSION_KEY] = {
        "case": case.pk,
        "code": code,
        "until": timezone.now().timestamp() + RECEIPT_CODE_SECONDS,
        "shown": False,
    }
    request.session.cycle_key()
    return redirect("oversight:receipt")


def _receipt_case(request):
    """(case, access code, receipt data) of the submission in this session while its receipt may
    still be downloaded; otherwise (None, None, None), and the session forgets it."""
    data = request.session.get(RECEIPT_SESSION_KEY) or {}
    case = Case.objects.select_related("handling_body", "region").filter(pk=data.get("case")).first()
    expired = not isinstance(data.get("until"), int | float) or timezone.now().timestamp() > data["until"]
    if case is None or expired or not check_access_code(case, data.get("code", "")):
        request.session.pop(RECEIPT_SESSION_KEY, None)
        return None, None, None
    return case, data["code"], data


@never_cache
def receipt(request):
    case, code, data = _receipt_case(request)
    if case is None:
        return redirect("oversight:track")
    first_view = not data.get("shown")
    if first_view:
        request.session[RECEIPT_SESSION_KEY] = {**data, "shown": True}
    context = {
        "case": case,
        # Shown once: reloading the page (or the next person at a shared computer) does not show it.
        "access_code": code if first_view else None,
        "code_minutes": RECEIPT_CODE_SECONDS // 60,
        "title": _("受理回执"),
        "crumbs": _crumbs(_("受理回执")),
        "noindex": True,
    }
    return render(request, "oversight/receipt.html", context)


@never_cache
def receipt_pdf(request):
    case, code, _data = _receipt_case(request)
    if case is None:
        return redirect("oversight:track")
    track_url = public_url(reverse("oversight:track"))  # printed: the public address
    pdf = render_pdf("oversight/pdf/receipt.html", {"case": case, "access_code": code, "track_url": track_url})
    return pdf_response(pdf, f"{case.reference}-回执.pdf")


def find_case(reference, code):
    """The case if reference and code match; otherwise None, with the same work done either way."""
    case = (
        Case.objects.select_related("handling_body", "region")
        .prefetch_related("history")
        .filter(reference=reference)
        .first()
    )
    if case is None:
        hash_access_code(reference, code)  # same work as a real check
        return None
    return case if check_access_code(case, code) else None


@body_limit(64 * 1024, LIMITS["track"])
@never_cache
@require_http_methods(["GET", "POST"])
def track(request):
    context = {"title": _("查询办理进度"), "crumbs": _crumbs(_("查询办理进度")), "noindex": True}
    if request.method == "GET":
        return render(request, "oversight/track.html", {**context, "form": TrackForm()})
    form = TrackForm(request.POST)
    context["form"] = form
    if over_limit(request, "track"):
        context["rate_limited"] = True
        return render(request, "oversight/track.html", context, status=429)
    if not form.is_valid():
        return render(request, "oversight/track.html", context, status=400)
    case = find_case(form.cleaned_data["reference"], form.cleaned_data["access_code"])
    if case is None:
        context["not_found"] = True
        return render(request, "oversight/track.html", context, status=404)
    cal = calendar()
    today = timezone.localdate()
    context.update(
        case=case,
        history=list(case.history.all()),
        waited=case.working_days_waited(cal, today),
        overdue=case.is_overdue(today),
    )
    return render(request, "oversight/track.html", context)
