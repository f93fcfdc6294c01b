"""The result cards of the notice listing (templates/disclosures/includes/notice_card.html), cached
one by one (page_fragments, also used for the rows of the evaluation index): a card is keyed on the
notice, the search terms, the day (its stage and deadline line), the language and the content
generation, so that it is purged with every publish or content save. Only the cards missing from
the cache are rendered."""

from django.template.loader import get_template
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext

from portal.core import caching

from .fragments import cached_fragment, depends


def card_renderer(request, terms, today):
    """A function rendering the card of a notice from the listing queryset (project and region
    joined), its title highlighted with the search `terms`; the stage is the annotated `stage_now`
    if the query has it, else the project's stage as of `today`."""
    template = get_template("disclosures/includes/notice_card.html")
    labels = {
        "budget": gettext("预算"),
        "publicity_end": gettext("公示截止"),
        "bid_deadline": gettext("投标（响应）截止"),
        "supplier": gettext("供应商"),
    }
    late = gettext("逾期发布 %(n)s 个工作日")

    def render(notice):
        project = notice.project
        stage = notice.stage_now if hasattr(notice, "stage_now") else project.stage(today)
        open_call = stage == "open" and notice.kind != "intention" and project.bid_deadline
        context = {
            "notice": notice,
            "project": project,
            "url": notice.get_url(request=request),
            "terms": terms,
            "deadline": project.bid_deadline if open_call else None,
            "labels": labels,
            "late": late % {"n": notice.late_working_days} if notice.late_working_days else "",
        }
        return template.render(context)

    return render


def page_cards(queryset, page_obj, request, terms, today, ids_key=None):
    """(cards, notices) of the listing page `page_obj` of `queryset`, see page_fragments."""
    return page_fragments(
        "notice-card", queryset, page_obj, card_renderer(request, terms, today), tuple(terms), ids_key=ids_key
    )


def page_fragments(name, queryset, page_obj, render, *parts, ids_key=None):
    """(fragments, objects) of the page `page_obj` of `queryset`: render(object) for each object of
    the page in order, and the objects (evaluated only when read, if every fragment came from the
    cache). With fragment caching on, the page's ids are read first and only the objects without a
    cached fragment (keyed on `name`, the object's pk and `parts`) are loaded and rendered. The ids
    are cached too when `ids_key` says what the queryset depends on (the listing's filters)."""
    if caching.fragment_seconds() <= 0:
        objects = list(page_obj.object_list)
        return [render(obj) for obj in objects], objects
    start = (page_obj.number - 1) * page_obj.paginator.per_page

    def page_ids():
        return list(queryset.values_list("pk", flat=True)[start : start + page_obj.paginator.per_page])

    if ids_key is None:
        pks = page_ids()
    else:
        pks = cached_fragment(f"{name}-ids", (ids_key, start, page_obj.paginator.per_page), page_ids)
    rendered = caching.remember_many(
        f"disclosures:{name}",
        pks,
        lambda missing: {obj.pk: render(obj) for obj in queryset.order_by().filter(pk__in=missing)},
        parts=depends(parts),
    )
    objects = SimpleLazyObject(lambda: list(page_obj.object_list))
    return [rendered[pk] for pk in pks if pk in rendered], objects
