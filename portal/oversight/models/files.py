"""Complaint attachments, stored outside MEDIA_ROOT and served only through a permission check."""

import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.functional import LazyObject
from django.utils.translation import gettext_lazy as _


class PrivateFileSystemStorage(FileSystemStorage):
    """A FileSystemStorage whose files have no URL: they are served only by a checked view."""

    def url(self, name):
        raise ValueError("Private files have no public URL.")


class PrivateStorage(LazyObject):
    """PrivateFileSystemStorage at settings.PRIVATE_MEDIA_ROOT (never under MEDIA_ROOT)."""

    def _setup(self):
        self._wrapped = PrivateFileSystemStorage(location=str(settings.PRIVATE_MEDIA_ROOT))


private_storage = PrivateStorage()


def get_private_storage():
    """Callable storage for the FileField, so migrations do not depend on the settings."""
    return private_storage


def attachment_path(instance, filename):
    # The stored name is random: the original name is kept only in the database.
    ext = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}.get(instance.content_type, "bin")
    return f"oversight/{uuid.uuid4().hex}.{ext}"


class Attachment(models.Model):
    """A file sent with a case (PDF, JPEG or PNG, checked by content)."""

    case = models.ForeignKey("oversight.Case", on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("文件"), upload_to=attachment_path, storage=get_private_storage, max_length=200)
    original_name = models.CharField(_("原文件名"), max_length=200)
    content_type = models.CharField(_("类型"), max_length=40)
    size = models.PositiveIntegerField(_("大小（字节）"))
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["id"]
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    def __str__(self):
        return self.original_name
