"""Evaluation results carried into the provider registry: the provider's latest grade follows the
published results, its profile shows the evaluation history and trend, and result notices show the
winner's past grades. The registry is reached through apps.get_model, so no migration depends on it."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.core.charts import Series, bar_chart
from portal.providers.models import Grade, Provider
from portal.providers.profile_sections import ProfileSection, register_profile_section
from portal.providers.services import open_exit_decision, provider_for_code

HISTORY_LIMIT = 20


def provider_model():
    return Provider


def results_for(credit_code):
    """Live evaluation results of a provider, newest first."""
    from portal.evaluations.models import EvaluationResultPage

    return (
        EvaluationResultPage.objects.live()
        .public()
        .filter(provider_credit_code=credit_code)
        .select_related("city", "service_item", "project")
        .order_by("-evaluated_on", "-pk")
    )


def refresh_latest_grade(credit_code):
    """Set the provider's latest_grade/latest_grade_date from its newest live result (or clear them
    when no result is live any more). Returns the provider, or None if it is not registered."""
    if not credit_code:
        return None

    provider = provider_for_code(credit_code)
    if provider is None:
        return None
    latest = results_for(credit_code).exclude(grade="").values_list("grade", "evaluated_on").first()
    grade, day = latest if latest else (None, None)
    provider_model().objects.filter(pk=provider.pk).update(latest_grade=grade, latest_grade_date=day)
    provider.latest_grade, provider.latest_grade_date = grade, day
    return provider


def open_exit_decision_for(result):
    """Open an exit decision (once per result) for a published 不合格 result; returns it or None."""

    if result.grade != Grade.FAIL:
        return None
    trigger = _("%(year)s年度绩效评价不合格（综合得分 %(score)s）") % {
        "year": result.year,
        "score": result.composite_score,
    }
    return open_exit_decision(
        result.provider_credit_code, trigger, evaluation=result, provider_name=result.provider_name
    )


def evaluation_published(sender, instance, **kwargs):
    refresh_latest_grade(instance.provider_credit_code)
    open_exit_decision_for(instance)


def evaluation_unpublished(sender, instance, **kwargs):
    refresh_latest_grade(instance.provider_credit_code)


def profile_context(request, provider):
    """The profile section: history table and a trend chart (None when never evaluated)."""
    results = list(results_for(provider.credit_code)[:HISTORY_LIMIT])
    if not results:
        return None
    trend = sorted(results, key=lambda r: (r.evaluated_on, r.pk))
    chart = bar_chart(
        _("历次绩效评价综合得分"),
        [f"{r.year} {r.service_item.name if r.service_item_id else ''}" for r in trend],
        [Series(_("综合得分"), [float(r.composite_score or 0) for r in trend])],
        description="；".join(f"{r.year}年{r.get_grade_display()} {r.composite_score:g}" for r in trend),
        unit=_("分"),
    )
    return {"results": results, "chart": chart}


def past_grades(credit_code, before=None):
    """The supplier's published results, newest first (for result notices)."""
    if not credit_code:
        return []
    queryset = results_for(credit_code)
    if before is not None:
        queryset = queryset.filter(evaluated_on__lte=before)
    return list(queryset[:HISTORY_LIMIT])


def register():
    """The evaluations section of a provider's profile."""

    register_profile_section(
        ProfileSection(
            key="evaluations",
            title=gettext_lazy("绩效评价记录"),
            order=30,
            template="evaluations/includes/profile_evaluations.html",
            get_context=profile_context,
        )
    )
