"""Public forms: complaint, media inquiry and tracking, with attachments checked by content, an
accessible CAPTCHA and a honeypot field."""

import io
import re
from urllib.parse import urlparse

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from portal.core.captcha import CaptchaMixin
from portal.reference.models import Region

from .emails import InternationalEmailField
from .models import Category, Kind, SubjectType
from .models.files import sniffed_type

MAX_ATTACHMENTS = 5
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
ALLOWED_TYPES = {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG"}
CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

mobile_or_phone = RegexValidator(
    r"^(?:\+?86[\s\-]?)?(?:1[3-9]\d{9}|0\d{2,3}[\s\-]?\d{7,8}|\d{7,8}|12345)$",
    _("请填写有效的手机号码或带区号的固定电话。"),
)


def credit_code_valid(code):
    """GB 32100-2015 check character of a unified social credit code."""
    if len(code) != 18 or any(c not in CREDIT_CODE_ALPHABET for c in code):
        return False
    total = sum(CREDIT_CODE_ALPHABET.index(c) * w for c, w in zip(code[:17], CREDIT_CODE_WEIGHTS, strict=True))
    check = (31 - total % 31) % 31
    return CREDIT_CODE_ALPHABET[check] == code[17]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one <input type=file multiple>."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


def sniff(upload):
    """The content type of an upload judged by its bytes (not its name), or raise ValidationError."""
    head = upload.read(262)
    upload.seek(0)
    mime = sniffed_type(head)
    if mime not in ALLOWED_TYPES:
        raise ValidationError(_("“%(name)s”不是 PDF、JPEG 或 PNG 文件。"), params={"name": upload.name})
    try:
        if mime == "application/pdf":
            from pypdf import PdfReader

            if len(PdfReader(upload, strict=False).pages) < 1:
                raise ValueError("no pages")
        else:
            from PIL import Image

            with Image.open(io.BytesIO(upload.read())) as image:
                image.verify()
                if Image.MIME.get(image.format) != mime:
                    raise ValueError("format mismatch")
    except ValidationError:
        raise
    except Exception as exc:
        raise ValidationError(_("“%(name)s”已损坏或无法打开。"), params={"name": upload.name}) from exc
    finally:
        upload.seek(0)
    return mime


def region_choices():
    regions = list(Region.objects.filter(level__lte=3).order_by("code").values_list("pk", "name", "level", "parent_id"))
    names = {pk: name for pk, name, _level, _parent in regions}
    choices = [("", _("请选择地区"))]
    for pk, name, level, parent in regions:
        label = name if level <= 2 else f"{names.get(parent, '')}{name}"
        choices.append((str(pk), label))
    return choices


class CaseForm(CaptchaMixin):
    """What a member of the public (or a supplier) sends: subject, description, files, contact."""

    kind = Kind.COMPLAINT

    category = forms.ChoiceField(label=_("问题类别"), choices=[("", _("请选择"))] + list(Category.choices))
    subject_type = forms.ChoiceField(
        label=_("反映对象类型"), choices=SubjectType.choices, widget=forms.RadioSelect, initial=SubjectType.PROVIDER
    )
    region = forms.TypedChoiceField(label=_("所在地区"), coerce=int, help_text=_("问题发生地所在的市或县（市、区）。"))
    subject_text = forms.CharField(label=_("反映对象"), max_length=200, help_text=_("机构名称、项目名称或部门名称。"))
    provider_credit_code = forms.CharField(
        label=_("机构统一社会信用代码（选填）"),
        required=False,
        max_length=18,
        help_text=_("18位，可在机构名录中查到。"),
    )
    subject_url = forms.CharField(
        label=_("相关公告或项目网址（选填）"),
        required=False,
        max_length=300,
        help_text=_("本网站上公告或项目页面的地址。"),
    )
    description = forms.CharField(
        label=_("具体情况"),
        min_length=10,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("请写明时间、地点、经过和您的诉求，最多5000字。"),
    )
    attachments = MultipleFileField(
        label=_("附件（选填）"),
        required=False,
        help_text=_("最多5个文件，PDF、JPG 或 PNG 格式，每个不超过10MB。"),
    )
    anonymous = forms.BooleanField(label=_("匿名反映（匿名将无法接收邮件通知和回访）"), required=False)
    contact_name = forms.CharField(label=_("姓名"), required=False, max_length=50)
    contact_phone = forms.CharField(label=_("联系电话"), required=False, max_length=30, validators=[mobile_or_phone])
    contact_email = InternationalEmailField(
        label=_("电子邮箱"), required=False, help_text=_("填写后将收到受理回执和办理进展邮件。")
    )
    consent_publish = forms.BooleanField(
        label=_("同意在投诉公示栏公开经脱敏处理的摘要（不含姓名、电话、证件号码和详细地址）"), required=False
    )

    field_order = [
        "category", "subject_type", "region", "subject_text", "provider_credit_code", "subject_url",
        "description", "attachments", "anonymous", "contact_name", "contact_phone", "contact_email",
        "consent_publish", "captcha_answer", "captcha_token", "website",
    ]  # fmt: skip

    def __init__(self, *args, site=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.site = site
        self.fields["region"].choices = region_choices()
        for field in self.fields.values():
            verb = "选择" if isinstance(field, forms.ChoiceField) else "填写"
            field.error_messages["required"] = _("请%(verb)s“%(label)s”。") % {"verb": verb, "label": field.label}
        self.fields["captcha_answer"].error_messages["required"] = _("请回答验证问题。")
        self.fields["description"].error_messages["min_length"] = _("请至少写10个字，说明时间、地点、经过和诉求。")

    def clean_region(self):
        pk = self.cleaned_data["region"]
        region = Region.objects.filter(pk=pk, level__lte=3).first()
        if region is None:
            raise ValidationError(_("请选择地区。"))
        return region

    def clean_provider_credit_code(self):
        code = self.cleaned_data["provider_credit_code"].strip().upper()
        if code and not credit_code_valid(code):
            raise ValidationError(_("统一社会信用代码应为18位且校验位正确。"))
        return code

    def clean_subject_url(self):
        value = self.cleaned_data["subject_url"].strip()
        if not value:
            return None
        page = resolve_page(value, self.site)
        if page is None:
            raise ValidationError(_("没有找到这个页面，请复制本网站上公告或项目页面的地址。"))
        return page

    def clean_attachments(self):
        files = self.cleaned_data["attachments"]
        if len(files) > MAX_ATTACHMENTS:
            raise ValidationError(_("最多上传5个附件。"))
        for upload in files:
            if upload.size > MAX_ATTACHMENT_BYTES:
                raise ValidationError(_("“%(name)s”超过10MB。"), params={"name": upload.name})
            upload.portal_content_type = sniff(upload)
        return files

    def clean(self):
        cleaned = super().clean()
        category = cleaned.get("category")
        if cleaned.get("anonymous"):
            if category == Category.CHALLENGE:
                self.add_error("anonymous", _("供应商质疑须实名提出。"))
        else:
            if not cleaned.get("contact_name"):
                self.add_error("contact_name", _("请填写姓名，或选择匿名反映。"))
            if not cleaned.get("contact_phone") and not cleaned.get("contact_email"):
                self.add_error("contact_phone", _("请至少填写联系电话或电子邮箱中的一项。"))
        if category == Category.CHALLENGE and cleaned.get("subject_type") != SubjectType.PROCUREMENT:
            self.add_error("subject_type", _("供应商质疑的对象应为采购项目或公告。"))
        return cleaned

    def case_data(self):
        data = dict(self.cleaned_data)
        data["subject_page"] = data.pop("subject_url", None)
        return data


class MediaForm(CaseForm):
    """A journalist's inquiry: the outlet and a reachable e-mail address are required."""

    kind = Kind.MEDIA

    media_outlet = forms.CharField(label=_("媒体名称"), max_length=100)

    field_order = ["media_outlet", *CaseForm.field_order]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [c for c in self.fields["category"].choices if c[0] != Category.CHALLENGE]
        self.fields["description"].label = _("采访或问询内容")
        self.fields["contact_email"].required = True
        self.fields["contact_name"].label = _("记者姓名")
        del self.fields["anonymous"]


class TrackForm(forms.Form):
    """Reference number plus access code."""

    reference = forms.CharField(
        label=_("受理编号"),
        max_length=20,
        help_text=_("例如 TS-2026-000123"),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    access_code = forms.CharField(
        label=_("查询码"),
        max_length=20,
        help_text=_("回执上的10位查询码"),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def clean_reference(self):
        return re.sub(r"\s+", "", self.cleaned_data["reference"]).upper()


def resolve_page(value, site=None):
    """A live public Wagtail page from a URL or path on this site, or None."""
    from wagtail.models import Page, Site

    path = urlparse(value).path or "/"
    site = site or Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return None
    if not path.endswith("/"):
        path += "/"
    url_path = site.root_page.url_path + path.lstrip("/")
    return Page.objects.live().public().filter(url_path=url_path).first()
