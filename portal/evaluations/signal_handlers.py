"""Signal wiring of evaluations, connected by EvaluationsConfig.ready(): a provider's latest grade
follows its published evaluation results (registry.py)."""

from wagtail.signals import page_published, page_unpublished

from . import registry
from .models import EvaluationResultPage


def connect():
    page_published.connect(
        registry.evaluation_published, sender=EvaluationResultPage, dispatch_uid="evaluations.result_published"
    )
    page_unpublished.connect(
        registry.evaluation_unpublished, sender=EvaluationResultPage, dispatch_uid="evaluations.result_unpublished"
    )
