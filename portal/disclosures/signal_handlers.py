"""Signal wiring of disclosures, connected by DisclosuresConfig.ready(): a project's lifecycle follows
its notices (portal/disclosures/lifecycle.py), a provider's latest grade follows its published
evaluations (portal/disclosures/evaluations/registry.py)."""

from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished

from . import lifecycle
from .evaluations import registry
from .models import EvaluationResultPage, NoticePage, ProcurementProjectPage


def connect():
    page_published.connect(lifecycle.notice_changed, sender=NoticePage, dispatch_uid="disclosures.notice_published")
    page_unpublished.connect(lifecycle.notice_changed, sender=NoticePage, dispatch_uid="disclosures.notice_unpublished")
    post_delete.connect(lifecycle.notice_deleted, sender=NoticePage, dispatch_uid="disclosures.notice_deleted")
    page_published.connect(
        lifecycle.project_published, sender=ProcurementProjectPage, dispatch_uid="disclosures.project_published"
    )
    page_unpublished.connect(
        lifecycle.project_unpublished, sender=ProcurementProjectPage, dispatch_uid="disclosures.project_unpublished"
    )
    page_published.connect(
        registry.evaluation_published, sender=EvaluationResultPage, dispatch_uid="disclosures_evaluation_published"
    )
    page_unpublished.connect(
        registry.evaluation_unpublished, sender=EvaluationResultPage, dispatch_uid="disclosures_evaluation_unpublished"
    )
