"""Keeps each project's lifecycle state in step with its published notices."""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from .models import NoticePage, ProcurementProjectPage


def _refresh(instance):
    from .home import invalidate

    invalidate()
    project = instance.project
    if project is not None:
        project.refresh_lifecycle()


@receiver(page_published, sender=NoticePage)
@receiver(page_unpublished, sender=NoticePage)
def notice_changed(sender, instance, **kwargs):
    _refresh(instance)


@receiver(post_delete, sender=NoticePage)
def notice_deleted(sender, instance, **kwargs):
    if instance.project_id:
        project = ProcurementProjectPage.objects.filter(pk=instance.project_id).first()
        if project is not None:
            project.refresh_lifecycle()


@receiver(page_published, sender=ProcurementProjectPage)
def project_published(sender, instance, **kwargs):
    """A republished project (new title, region or items) re-indexes its notices' listing fields."""
    from .home import invalidate

    invalidate()
    for notice in NoticePage.objects.filter(project=instance):
        notice.project = instance
        fields = notice.listing_fields()
        NoticePage.objects.filter(pk=notice.pk).update(**fields)
