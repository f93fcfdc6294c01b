"""The public directory (/providers/) and provider profiles (/providers/<credit code>/)."""

from urllib.parse import urlencode

from django.core.exceptions import BadRequest
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from portal.core import caching
from portal.core.templatetags.portal_tags import highlight
from portal.providers.search import NO_GRADE, get_engine
from portal.reference import codes
from portal.reference import credit_code as cc
from portal.reference.models import Region, ServiceItem

from ..filters import GRADE_CHOICES, ProviderFilterSet
from ..models import Grade, Provider, ProviderStatus, ProviderType
from ..profile_sections import profile_sections
from ..services import provider_for_code

FILTER_KEYS = ("q", "region", "service", "type", "status", "grade", "sort", "per_page")


def _page_number(request):
    raw = request.GET.get("page", "1")
    try:
        number = int(raw)
    except (TypeError, ValueError):
        raise BadRequest(_("页码必须是正整数。"))
    if number < 1:
        raise BadRequest(_("页码必须是正整数。"))
    return number


def current_filters(request):
    """The directory's query parameters without the page number (for links and exports)."""
    return {key: request.GET[key] for key in FILTER_KEYS if request.GET.get(key)}


def _url_with(filters, **changes):
    data = {**filters}
    for key, value in changes.items():
        if value in (None, ""):
            data.pop(key, None)
        else:
            data[key] = value
    return "?" + urlencode(data) if data else "?"


def _facet(filters, key, selected, values, counts):
    """Facet entries: label, count, link toggling the value, selected flag."""
    entries = []
    for value, label in values:
        value = str(value)
        is_selected = selected == value
        entries.append(
            {
                "value": value,
                "label": str(label),
                "count": counts.get(value, 0),
                "selected": is_selected,
                "url": _url_with(filters, **{key: None if is_selected else value}),
            }
        )
    return entries


def cached_directory_part(request, kind, result, parts, render):
    """`render()` (a rendered part of the directory page, or parts of its context), kept in the
    fragment cache under the content generation, the language and the query parameters: the
    directory's parts depend on nothing else (the engine's answer is a function of the parameters
    and the content). A stand-in (degraded) answer is not cached."""
    if result.degraded:
        return render()
    depends = (result.engine, sorted(current_filters(request).items()), parts, get_language())
    return caching.remember(f"providers:{kind}", depends, render)


def build_facets(request, params, result):
    filters = current_filters(request)
    # Cities, and the counties of the selected city, in one query.
    county_prefix = codes.city_prefix(params.region_code) or None
    wanted = Q(level=Region.Level.CITY)
    if county_prefix and result.facets.get("county") is not None:
        wanted |= Q(level=Region.Level.COUNTY, code__startswith=county_prefix)
    regions = list(Region.objects.filter(wanted).order_by("code"))
    cities = [r for r in regions if r.level == Region.Level.CITY]
    facets = [
        {
            "key": "region",
            "title": _("地区"),
            "entries": _facet(
                filters,
                "region",
                codes.city_code(params.region_code),
                [(c.code, c.name) for c in cities],
                result.facet_counts("city"),
            ),
        }
    ]
    if result.facets.get("county") is not None and codes.city_prefix(params.region_code):
        city_prefix = codes.city_prefix(params.region_code)
        counties = [r for r in regions if r.level == Region.Level.COUNTY and r.code.startswith(city_prefix)]
        facets.append(
            {
                "key": "region",
                "title": _("县（市、区）"),
                "entries": _facet(
                    filters,
                    "region",
                    params.region_code if codes.level(params.region_code) == codes.COUNTY else "",
                    [(c.code, c.name) for c in counties],
                    result.facet_counts("county"),
                ),
            }
        )
        # Deselecting a county goes back to its city, not to all regions.
        for entry in facets[-1]["entries"]:
            if entry["selected"]:
                entry["url"] = _url_with(filters, region=codes.city_code(params.region_code))
    facets += [
        {
            "key": "service",
            "title": _("服务项目"),
            "entries": _facet(
                filters,
                "service",
                str(params.service_item or ""),
                [(s.pk, s.name) for s in ServiceItem.objects.all()],
                result.facet_counts("service"),
            ),
        },
        {
            "key": "type",
            "title": _("主体类型"),
            "entries": _facet(
                filters, "type", params.provider_type, ProviderType.choices, result.facet_counts("provider_type")
            ),
        },
        {
            "key": "status",
            "title": _("状态"),
            "entries": _facet(filters, "status", params.status, ProviderStatus.choices, result.facet_counts("status")),
        },
        {
            "key": "grade",
            "title": _("最近评价等次"),
            "entries": _facet(filters, "grade", params.grade, GRADE_CHOICES, result.facet_counts("grade")),
        },
    ]
    return facets


def result_rows(result):
    """(provider, highlights, row) per result: `row` holds the card's display values, computed
    once per request (choice labels translated once, not once per card and field)."""
    types = {value: str(label) for value, label in ProviderType.choices}
    statuses = {value: str(label) for value, label in ProviderStatus.choices}
    grades = {value: str(label) for value, label in Grade.choices}
    terms = result.terms
    rows = []
    for provider in result.providers:
        services = [highlight(item.name, terms) for item in provider.service_items.all()]
        row = {
            "provider_type": types.get(provider.provider_type, provider.provider_type),
            "status": statuses.get(provider.status, provider.status),
            "grade": grades.get(provider.latest_grade, provider.latest_grade),
            "region": provider.region.full_name,
            # Each part is escaped by `highlight`.
            "services": mark_safe("、".join(services)),  # noqa: S308
        }
        rows.append((provider, result.highlights.get(provider.pk, {}), row))
    return rows


def directory(request):
    filterset = ProviderFilterSet.bind(request.GET, Provider.objects.all(), request)
    number = _page_number(request)
    engine = get_engine()
    params = filterset.to_params(page=number)
    result = engine.search(params)
    pages = max((result.total + params.per_page - 1) // params.per_page, 1)
    if number > pages:
        params = filterset.to_params(page=pages)
        result = engine.search(params)
    page_obj = Paginator(range(result.total), params.per_page).get_page(params.page)
    filters = current_filters(request)
    query_string = urlencode(filters)
    region = filterset.form.cleaned_data.get("region")
    hidden_filters = {k: v for k, v in filters.items() if k not in ("q", "sort", "per_page")}
    clear_url = reverse("providers:directory")

    def body():
        facets = build_facets(request, params, result)
        context = {
            "form": filterset.form,
            "result": result,
            "rows": result_rows(result),
            "params": params,
            "page_obj": page_obj,
            "query_string": query_string,
            "export_query": query_string,
            "facets": facets,
            "hidden_filters": hidden_filters,
            "clear_url": clear_url,
        }
        return facets, render_to_string("providers/includes/directory_body.html", context)

    # The page body (search form, results, facet sidebar) is a function of the parameters alone.
    facets, content_html = cached_directory_part(
        request, "body", result, (params.q, params.region_code, params.page), body
    )
    response = render(
        request,
        "providers/directory.html",
        {
            "filterset": filterset,
            "form": filterset.form,
            "result": result,
            "params": params,
            "page_obj": page_obj,
            "query_string": query_string,
            "facets": facets,
            "content_html": content_html,
            "selected_region": region,
            "hidden_filters": hidden_filters,
            "clear_url": clear_url,
            "noindex": filterset.is_filtered or number > 1 or bool(filters),
            "crumbs": [(_("承接主体名录"), None)],
            "NO_GRADE": NO_GRADE,
        },
    )
    if result.degraded:
        # A stand-in answer from the database engine: not kept by the page cache or browsers.
        patch_cache_control(response, no_store=True)
    return response


def detail(request, credit_code):
    code = cc.normalise(credit_code)
    provider = provider_for_code(code, select_related=["region__parent__parent", "attestation_document"])
    if provider is None:
        raise Http404
    changes = list(provider.status_changes.select_related("decision_document").order_by("-effective_from", "-id"))
    return render(
        request,
        "providers/detail.html",
        {
            "provider": provider,
            "code_info": provider.code_info,
            "service_items": list(provider.service_items.all()),
            "service_regions": list(provider.service_regions.select_related("parent__parent").order_by("code")),
            "status_changes": changes,
            "current_decision": next((c for c in changes if c.status == provider.status), None),
            "financial_reports": list(provider.financial_reports.select_related("document")),
            "sections": profile_sections(request, provider),
            "crumbs": [
                (_("承接主体名录"), reverse("providers:directory")),
                (provider.name, None),
            ],
        },
    )
