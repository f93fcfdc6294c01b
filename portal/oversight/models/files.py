"""Complaint attachments, stored outside MEDIA_ROOT and served only through a permission check,
under a safe name whose extension is that of the type sniffed from the bytes."""

import re
import unicodedata
import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.core.storage import private_storage


def get_private_storage():
    """Callable storage for the FileField (portal.core.storage), so migrations do not depend on the
    settings."""
    return private_storage()


# The types accepted at upload (checked by content) and the extension each is saved and served with.
EXTENSIONS = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}
UNKNOWN_TYPE = "application/octet-stream"
# Characters never kept in a served file name: path separators, characters Windows refuses, quotes.
_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')


def attachment_path(instance, filename):
    # The stored name is random: the original name is kept only in the database.
    ext = EXTENSIONS.get(instance.content_type, "bin")
    return f"oversight/{uuid.uuid4().hex}.{ext}"


def sniffed_type(head):
    """The accepted content type that `head` (the first bytes of a file) is, or UNKNOWN_TYPE."""
    import filetype

    kind = filetype.guess(head)
    return kind.mime if kind and kind.mime in EXTENSIONS else UNKNOWN_TYPE


def display_name(name):
    """A sender's file name as it may be shown: no invisible or direction-changing characters
    (photo\u202egnp.exe would read "photoexe.png"), no control characters."""
    from ..redaction import strip_invisible

    name = unicodedata.normalize("NFKC", strip_invisible(name or ""))
    return "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")


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
        return display_name(self.original_name)

    def save(self, *args, **kwargs):
        # Django's upload parser drops non-printable characters from file names; a name given any
        # other way must not carry NUL either, which PostgreSQL refuses in text.
        self.original_name = (self.original_name or "").replace("\x00", "")
        super().save(*args, **kwargs)

    def safe_name(self, content_type=None):
        """The name to download the file under: the sender's name up to its first dot (no
        extension of theirs survives: photo.html, gnp.exe, a.pdf.exe), cleaned, with the extension
        of `content_type` (the sniffed type; the type recorded at upload by default)."""
        ext = EXTENSIONS.get(content_type or self.content_type, "bin")
        base = re.split(r"[\\/]", display_name(self.original_name))[-1].lstrip(" .")
        stem = _UNSAFE_NAME.sub("_", base.split(".", 1)[0]).strip(" _")[:80]
        return f"{stem or f'附件{self.pk}'}.{ext}"
