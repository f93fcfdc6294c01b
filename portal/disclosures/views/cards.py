"""The result cards of the notice listing, built in Python (as a template with an include each,
the 20 cards cost a good part of the page) and cached one by one (page_fragments, also used for
the rows of the evaluation index): a card is keyed on the notice, the search terms, the day (its
stage and deadline line), the language and the content generation, so that it is purged with
every publish or content save."""

from django.core.cache import cache
from django.template.defaultfilters import date as date_filter
from django.utils.functional import SimpleLazyObject
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import get_language, gettext

from portal.core.money import format_amount
from portal.core.page_cache import fragment_seconds
from portal.core.templatetags.portal_tags import highlight

from .fragments import cached_fragment, fragment_key

# The card's markup, with the whitespace the template version had (so the page is unchanged).
CARD = (
    '<li class="notice-item">\n'
    '  <h3 class="notice-title"><a href="{url}">{title}</a></h3>\n'
    '  <p class="notice-meta">\n'
    '    <span class="tag tag-{kind}">{kind_label}</span>\n'
    "    <span>{purchaser}</span>\n"
    "    {region}\n"
    "    <span>{method}</span>\n"
    "    <span>{budget_label} {budget} {yuan}</span>\n"
    "    {published}\n"
    "    {late}\n"
    "  </p>\n"
    "  {deadline}\n"
    "  {supplier}\n"
    "</li>\n"
)


_CHOICE_LABELS = {}


def _choice_label(kind, value, label):
    """str(label) of a constant choice label, translated once per process and language."""
    key = (get_language(), kind, value)
    text = _CHOICE_LABELS.get(key)
    if text is None:
        text = _CHOICE_LABELS[key] = str(label())
    return text


def card_labels():
    """The constant words of a card, translated once per page."""
    return {
        "budget": gettext("预算"),
        "yuan": gettext("元"),
        "publicity_end": gettext("公示截止"),
        "bid_deadline": gettext("投标（响应）截止"),
        "supplier": gettext("供应商"),
        "late": gettext("逾期发布 %(n)s 个工作日"),
    }


def render_card(notice, request, terms, today, labels):
    """The card of `notice` (from the listing queryset: project and region joined), its title
    highlighted with the search `terms`; the stage is the annotated `stage_now` if the query has
    it, else the project's stage as of `today`. `labels` are card_labels()."""
    project = notice.project
    region = format_html("<span>{}</span>", notice.region.name) if notice.region else ""
    published = ""
    if notice.published_on:
        day = date_filter(notice.published_on, "Y-m-d")
        published = format_html('<time datetime="{}">{}</time>', day, day)
    late = ""
    if notice.late_working_days:
        late = format_html(
            '<strong class="late-badge">{}</strong>', mark_safe(labels["late"] % {"n": notice.late_working_days})
        )
    deadline = ""
    stage = notice.stage_now if hasattr(notice, "stage_now") else project.stage(today)
    if stage == "open" and notice.kind != "intention" and project.bid_deadline:
        when = template_localtime(project.bid_deadline)
        label = labels["publicity_end"] if notice.kind == "single_source" else labels["bid_deadline"]
        deadline = format_html(
            '\n    <p class="notice-deadline">{}：<time datetime="{}">{}</time></p>\n  ',
            label,
            date_filter(when, "c"),
            date_filter(when, "Y-m-d H:i"),
        )
    supplier = ""
    if notice.supplier_name:
        amount = ""
        if notice.amount:
            amount = format_html("，{} {}", format_amount(notice.amount), labels["yuan"])
        supplier = format_html(
            '<p class="notice-supplier">{}：{}{}</p>', labels["supplier"], notice.supplier_name, amount
        )
    return format_html(
        CARD,
        url=notice.get_url(request=request),
        title=highlight(notice.title, terms),
        kind=notice.kind,
        kind_label=_choice_label("kind", (notice.kind, project.method), lambda: notice.kind_label),
        purchaser=project.purchaser,
        region=region,
        method=_choice_label("method", project.method, project.get_method_display),
        budget_label=labels["budget"],
        budget=format_amount(project.budget),
        yuan=labels["yuan"],
        published=published,
        late=late,
        deadline=deadline,
        supplier=supplier,
    )


def page_cards(queryset, page_obj, request, terms, today, ids_key=None):
    """(cards, notices) of the listing page `page_obj` of `queryset`, see page_fragments."""
    labels = card_labels()
    return page_fragments(
        "notice-card",
        queryset,
        page_obj,
        lambda notice: render_card(notice, request, terms, today, labels),
        tuple(terms),
        ids_key=ids_key,
    )


def page_fragments(name, queryset, page_obj, render, *parts, ids_key=None):
    """(fragments, objects) of the page `page_obj` of `queryset`: render(object) for each object of
    the page in order, and the objects (evaluated only when read, if every fragment came from the
    cache). With fragment caching on, the page's ids are read first and only the objects without a
    cached fragment (keyed on `name`, the object's pk and `parts`) are loaded and rendered. The ids
    are cached too when `ids_key` says what the queryset depends on (the listing's filters)."""
    seconds = fragment_seconds()
    if seconds <= 0:
        objects = list(page_obj.object_list)
        return [render(obj) for obj in objects], objects
    start = (page_obj.number - 1) * page_obj.paginator.per_page

    def page_ids():
        return list(queryset.values_list("pk", flat=True)[start : start + page_obj.paginator.per_page])

    if ids_key is None:
        pks = page_ids()
    else:
        pks = cached_fragment(f"{name}-ids", (ids_key, start, page_obj.paginator.per_page), page_ids)
    keys = {pk: fragment_key(name, pk, *parts) for pk in pks}
    fragments = cache.get_many(list(keys.values()))
    missing = [pk for pk in pks if keys[pk] not in fragments]
    if missing:
        fresh = {keys[obj.pk]: render(obj) for obj in queryset.order_by().filter(pk__in=missing)}
        cache.set_many(fresh, seconds)
        fragments.update(fresh)
    objects = SimpleLazyObject(lambda: list(page_obj.object_list))
    return [fragments[keys[pk]] for pk in pks if keys[pk] in fragments], objects
