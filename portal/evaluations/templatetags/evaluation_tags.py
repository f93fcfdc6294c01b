"""{% past_grades notice %}: the winner's published evaluation results on a result notice."""

from django import template

from portal.core.pages import exclude_restricted
from portal.evaluations.registry import past_grades as _past_grades

register = template.Library()


@register.inclusion_tag("evaluations/includes/past_grades.html")
def past_grades(notice):
    return {"grades": _past_grades(notice.supplier_credit_code)}


@register.simple_tag
def project_evaluations(project):
    """The live evaluation results under a project, newest first."""

    from portal.evaluations.models import EvaluationResultPage

    return list(
        exclude_restricted(EvaluationResultPage.objects.live())
        .filter(project=project)
        .select_related("service_item")
        .order_by("-evaluated_on", "-pk")
    )
