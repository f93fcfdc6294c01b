"""Signal wiring of disclosures, connected by DisclosuresConfig.ready(): a project's lifecycle follows
its notices (portal/disclosures/lifecycle.py)."""

from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished

from . import lifecycle
from .models import NoticePage, ProcurementProjectPage


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
