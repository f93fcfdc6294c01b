"""Published eligibility criteria and the self-check (/providers/eligibility-check/)."""

from django.core.exceptions import BadRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from portal.core.pdf import pdf_response, render_pdf
from portal.reference.models import Region

from ..forms import PrefillForm, SelfCheckForm
from ..forms.selfcheck import message_not_listed
from ..models import EligibilityCriterion, ProviderType
from ..selfcheck import Answers, run_self_check
from ..services import provider_for_code
from .regions import with_region_names


def criteria(request):
    """Criteria in force today (general, then local by region), and earlier or later versions."""
    today = timezone.localdate()
    region_code = request.GET.get("region", "")
    qs = EligibilityCriterion.objects.select_related("region__parent").order_by("sort_order", "code", "-version")
    region = None
    if region_code:
        region = Region.objects.filter(code=region_code, level__lte=Region.Level.COUNTY).first()
        if region is None:
            raise BadRequest(_("地区代码“%(code)s”不存在。") % {"code": region_code})
        codes = [r.code for r in region.ancestors()] + [region.code]
        qs = qs.filter(region__isnull=True) | qs.filter(region__code__in=codes)
    rows = list(qs)
    in_force = [c for c in rows if c.effective_from <= today and (c.effective_to is None or c.effective_to >= today)]
    others = [c for c in rows if c not in in_force]
    local_regions = (
        Region.objects.filter(pk__in=EligibilityCriterion.objects.filter(region__isnull=False).values("region"))
        .select_related("parent")
        .order_by("code")
    )
    return render(
        request,
        "providers/criteria.html",
        {
            "general": [c for c in in_force if c.is_general],
            "local": [c for c in in_force if not c.is_general],
            "others": others,
            "region": region,
            "local_regions": local_regions,
            "today": today,
            "noindex": bool(region_code),
            "crumbs": [
                (_("承接主体名录"), reverse("providers:directory")),
                (_("资格条件"), None),
            ],
        },
    )


def notice_scope(request):
    """(notice page, (region, service items)) for ?notice=<page id>, or (None, None)."""
    raw = request.GET.get("notice")
    if raw in (None, ""):
        return None, None
    try:
        page_id = int(raw)
    except ValueError:
        raise BadRequest(_("公告编号必须是数字。"))
    page = Page.objects.live().filter(pk=page_id).specific().first()
    if page is None:
        raise BadRequest(_("没有找到编号为 %(id)s 的已发布公告。") % {"id": page_id})
    scope = getattr(page, "eligibility_scope", None)
    if not callable(scope):
        raise BadRequest(_("页面“%(title)s”不是采购公告，不能据此进行资格自查。") % {"title": page.title})
    region, items = scope()
    return page, (region, list(items))


def _answers(form, provider):
    data = form.cleaned_data
    return Answers(
        provider_type=data["provider_type"],
        registered_on=data["registered_on"],
        region=data["region"],
        staff_count=data["staff_count"],
        social_worker_count=data["social_worker_count"],
        civil_liability=data["civil_liability"] == "yes",
        facilities=data["facilities"] == "yes",
        governance=data["governance"] == "yes",
        finance=data["finance"] == "yes",
        financial_report=data["financial_report"] == "yes",
        declared_restricted=data["restricted"] == "yes",
        provider=provider,
    )


def eligibility_check(request):
    today = timezone.localdate()
    notice, scope = notice_scope(request)
    prefill_form = PrefillForm(request.GET if "code" in request.GET else None)
    prefilled_from = None
    info_message = None
    form_kwargs = {"notice_scope": scope}
    if request.GET.get("check"):
        form = SelfCheckForm(request.GET, **form_kwargs)
    else:
        initial = {}
        if prefill_form.is_bound and prefill_form.is_valid():
            code = prefill_form.cleaned_data["code"]
            prefilled_from = provider_for_code(code, select_related=["region"])
            if prefilled_from is not None:
                initial = SelfCheckForm.initial_from_provider(prefilled_from, today)
            else:
                info_message = message_not_listed(code)
                initial = {"credit_code": code}
        form = SelfCheckForm(initial=initial, **form_kwargs)
    with_region_names(form)

    result = None
    provider = None
    if form.is_bound and form.is_valid():
        code = form.cleaned_data.get("credit_code")
        provider = provider_for_code(code)
        region, items = form.scope()
        result = run_self_check(_answers(form, provider), region=region, service_items=items, on_date=today)

    context = {
        "form": form,
        "prefill_form": prefill_form,
        "prefilled_from": prefilled_from,
        "info_message": info_message,
        "notice": notice,
        "scope": scope,
        "result": result,
        "provider": provider,
        "noindex": bool(request.GET),
        "crumbs": [
            (_("承接主体名录"), reverse("providers:directory")),
            (_("资格自查"), None),
        ],
    }
    if result is not None:
        query = request.GET.copy()
        query.pop("format", None)
        query["format"] = "pdf"
        context["pdf_url"] = "?" + query.urlencode()
        if request.GET.get("format") == "pdf":
            pdf_context = {
                **context,
                "answers": form.cleaned_data,
                "provider_type_label": ProviderType(form.cleaned_data["provider_type"]).label,
            }
            pdf = render_pdf("providers/selfcheck_pdf.html", pdf_context)
            return pdf_response(pdf, f"资格自查结果-{today:%Y%m%d}.pdf")
    elif request.GET.get("format") == "pdf":
        raise BadRequest(_("请先完整填写自查问题，再下载结果。"))
    return render(request, "providers/eligibility_check.html", context)
