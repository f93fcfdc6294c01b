"""The public application form (listing request) and the tracking form."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from portal.core.captcha import CaptchaMixin
from portal.core.forms import ChoicePromptMixin, DateInput
from portal.reference import credit_code as cc
from portal.reference.models import Region, ServiceItem

from ..models import ApplicationDocument, ApplicationStatus, ProviderApplication
from ..services import provider_for_code
from .uploads import MAX_TOTAL_BYTES, validate_document

DOCUMENT_FIELDS = [
    ("doc_registration", ApplicationDocument.Kind.REGISTRATION, True),
    ("doc_governance", ApplicationDocument.Kind.GOVERNANCE, False),
    ("doc_finance", ApplicationDocument.Kind.FINANCE, False),
    ("doc_financial_report", ApplicationDocument.Kind.FINANCIAL_REPORT, False),
    ("doc_other", ApplicationDocument.Kind.OTHER, False),
]
UPLOAD_HELP = _l("PDF、JPEG 或 PNG，单个文件不超过 10 MB，合计不超过 30 MB。材料仅供审核使用，不公开。")


class RegionField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name if obj.level > Region.Level.CITY else obj.name


def region_choices_queryset():
    return Region.objects.filter(level__in=[Region.Level.CITY, Region.Level.COUNTY]).select_related("parent")


class ApplicationForm(ChoicePromptMixin, CaptchaMixin, forms.ModelForm):
    """The application, with the complaint channel's CAPTCHA question and honeypot field."""

    required_css_class = "required"
    region = RegionField(label=_l("所在地区"), queryset=region_choices_queryset(), to_field_name="code")
    service_items = forms.ModelMultipleChoiceField(
        label=_l("服务项目"), queryset=ServiceItem.objects.all(), widget=forms.CheckboxSelectMultiple
    )
    registered_on = forms.DateField(label=_l("登记日期"), widget=DateInput)
    confirm = forms.BooleanField(label=_l("我确认所填信息和所附材料真实、准确、完整。"))

    class Meta:
        model = ProviderApplication
        fields = [
            "name",
            "credit_code",
            "provider_type",
            "registration_authority",
            "registered_on",
            "address",
            "region",
            "service_items",
            "description",
            "staff_count",
            "social_worker_count",
            "facilities",
            "governance_attested",
            "finance_attested",
            "contact_name",
            "contact_phone",
            "contact_email",
            "public_phone",
        ]
        widgets = {
            "credit_code": forms.TextInput(
                attrs={"autocomplete": "off", "spellcheck": "false", "maxlength": 25, "class": "credit-code-input"}
            ),
            "description": forms.Textarea(attrs={"rows": 4}),
            "facilities": forms.Textarea(attrs={"rows": 3}),
            "contact_phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "public_phone": forms.TextInput(attrs={"type": "tel"}),
        }
        help_texts = {
            "credit_code": _l("18位，见登记证书或营业执照。"),
            "contact_name": _l("仅供审核联系，不公开。"),
            "contact_phone": _l("仅供审核联系，不公开。"),
            "public_phone": _l("入库后在名录中公开，可留空。"),
        }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.existing_provider = None
        self.fields["credit_code"].max_length = 25
        for name, kind, required in DOCUMENT_FIELDS:
            self.fields[name] = forms.FileField(
                label=ApplicationDocument.Kind(kind).label,
                required=required,
                help_text=UPLOAD_HELP,
                widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
            )

    def clean_credit_code(self):
        code = cc.normalise(self.cleaned_data.get("credit_code"))
        errors = cc.validation_errors(code)
        if errors:
            raise forms.ValidationError(errors)
        existing = provider_for_code(code)
        if existing is not None:
            self.existing_provider = existing
            raise forms.ValidationError(
                _("该统一社会信用代码已在名录中（%(name)s），无需重复申请。") % {"name": existing.name}
            )
        if ProviderApplication.objects.filter(
            credit_code=code, status__in=[ApplicationStatus.SUBMITTED, ApplicationStatus.UNDER_REVIEW]
        ).exists():
            raise forms.ValidationError(_("该统一社会信用代码已有正在办理的申请，请凭申请编号查询进度。"))
        return code

    def clean(self):
        cleaned = super().clean()
        total = 0
        self.document_types = {}
        for name, _kind, _required in DOCUMENT_FIELDS:
            upload = cleaned.get(name)
            if not upload:
                continue
            try:
                self.document_types[name] = validate_document(upload)
            except forms.ValidationError as exc:
                self.add_error(name, exc)
                continue
            total += upload.size
        if total > MAX_TOTAL_BYTES:
            raise forms.ValidationError(_("所附材料合计超过 30 MB，请压缩后再上传。"))
        return cleaned

    def save_documents(self, application):
        for name, kind, _required in DOCUMENT_FIELDS:
            upload = self.cleaned_data.get(name)
            if upload:
                ApplicationDocument.objects.create(
                    application=application,
                    kind=kind,
                    file=upload,
                    original_name=upload.name[:200],
                    content_type=self.document_types[name],
                    size=upload.size,
                )


class TrackForm(forms.Form):
    required_css_class = "required"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    reference = forms.CharField(label=_l("申请编号"), max_length=20)
    access_code = forms.CharField(label=_l("查询码"), max_length=20, widget=forms.PasswordInput(render_value=True))

    def clean_reference(self):
        return self.cleaned_data["reference"].strip().upper()
