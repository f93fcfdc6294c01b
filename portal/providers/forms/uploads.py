"""Validation of uploaded application documents by their content, not their name."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_TOTAL_BYTES = 30 * 1024 * 1024
SIGNATURES = [
    (b"%PDF-", "application/pdf", {".pdf"}),
    (b"\xff\xd8\xff", "image/jpeg", {".jpg", ".jpeg"}),
    (b"\x89PNG\r\n\x1a\n", "image/png", {".png"}),
]


def sniff_content_type(upload):
    """The content type from the file's first bytes (PDF, JPEG or PNG), or None."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for signature, content_type, _extensions in SIGNATURES:
        if head.startswith(signature):
            return content_type
    return None


def validate_document(upload):
    """Return the content type of an acceptable upload, or raise ValidationError in Chinese."""
    if upload.size > MAX_FILE_BYTES:
        raise ValidationError(
            _("文件“%(name)s”超过 %(mb)d MB。") % {"name": upload.name, "mb": MAX_FILE_BYTES // (1024 * 1024)}
        )
    if upload.size == 0:
        raise ValidationError(_("文件“%(name)s”是空文件。") % {"name": upload.name})
    content_type = sniff_content_type(upload)
    if content_type is None:
        raise ValidationError(_("文件“%(name)s”不是 PDF、JPEG 或 PNG 文件。") % {"name": upload.name})
    extension = "." + upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    allowed = next(ext for _sig, ctype, ext in SIGNATURES if ctype == content_type)
    if extension not in allowed:
        raise ValidationError(
            _("文件“%(name)s”的扩展名与内容不符（内容为 %(type)s）。") % {"name": upload.name, "type": content_type}
        )
    if content_type.startswith("image/"):
        from PIL import Image

        try:
            with Image.open(upload) as image:
                image.verify()
        except Exception:
            raise ValidationError(_("图片“%(name)s”已损坏，无法打开。") % {"name": upload.name})
        finally:
            upload.seek(0)
    return content_type
