"""The eligibility self-check questionnaire."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from portal.core.forms import SELECT_PROMPT, ChoicePromptMixin, DateInput
from portal.reference import credit_code as cc
from portal.reference.models import ServiceItem

from ..models import ProviderType
from .application import RegionField, region_choices_queryset

YES_NO = [("yes", _l("是")), ("no", _l("否"))]


def yes_no(label, help_text=""):
    return forms.ChoiceField(label=label, choices=YES_NO, widget=forms.RadioSelect, help_text=help_text)


class PrefillForm(forms.Form):
    required_css_class = "required"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    code = forms.CharField(label=_l("统一社会信用代码"), max_length=25, required=True)

    def clean_code(self):
        code = cc.normalise(self.cleaned_data["code"])
        errors = cc.validation_errors(code)
        if errors:
            raise forms.ValidationError(errors)
        return code


class SelfCheckForm(ChoicePromptMixin, forms.Form):
    required_css_class = "required"
    credit_code = forms.CharField(label=_l("统一社会信用代码（选填）"), max_length=25, required=False)
    provider_type = forms.ChoiceField(label=_l("主体类型"), choices=[("", SELECT_PROMPT), *ProviderType.choices])
    registered_on = forms.DateField(label=_l("登记日期"), widget=DateInput)
    region = RegionField(label=_l("登记地或服务场所所在地"), queryset=region_choices_queryset(), to_field_name="code")
    target_region = RegionField(
        label=_l("拟承接服务的地区"),
        queryset=region_choices_queryset(),
        to_field_name="code",
        help_text=_l("决定适用哪些本地附加条件。"),
    )
    service_items = forms.ModelMultipleChoiceField(
        label=_l("拟承接的服务项目"),
        queryset=ServiceItem.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_l("决定适用哪一类服务的本地附加条件。"),
    )
    staff_count = forms.IntegerField(label=_l("从业人员数"), min_value=0, max_value=1_000_000)
    social_worker_count = forms.IntegerField(label=_l("持证社工数"), min_value=0, max_value=1_000_000)
    civil_liability = yes_no(_l("能否独立承担民事责任"))
    facilities = yes_no(_l("是否具备提供服务所必需的设施"))
    governance = yes_no(_l("是否具有健全的内部治理结构"))
    finance = yes_no(_l("是否具有健全的财务会计和资产管理制度"))
    financial_report = yes_no(_l("是否已报送上一年度财务报告"))
    restricted = yes_no(
        _l("目前是否处于被暂停承接或已退出的处理期内"), help_text=_l("已在名录中的机构以名录记载为准。")
    )

    def __init__(self, *args, notice_scope=None, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.notice_scope = notice_scope
        if notice_scope is not None:
            # The notice fixes the region and the service items.
            del self.fields["target_region"]
            del self.fields["service_items"]

    def clean_credit_code(self):
        code = cc.normalise(self.cleaned_data.get("credit_code"))
        if not code:
            return ""
        errors = cc.validation_errors(code)
        if errors:
            raise forms.ValidationError(errors)
        return code

    def scope(self):
        if self.notice_scope is not None:
            return self.notice_scope
        return self.cleaned_data["target_region"], list(self.cleaned_data["service_items"])

    @staticmethod
    def initial_from_provider(provider, on_date):
        """Answers prefilled from the registry (the applicant can still change them)."""
        from ..models import ProviderStatus
        from ..models.status import status_on

        status, _decision = status_on(provider, on_date)
        reported = provider.financial_reports.filter(year=on_date.year - 1).exists()

        def yn(value):
            return "yes" if value else "no"

        return {
            "credit_code": provider.credit_code,
            "provider_type": provider.provider_type,
            "registered_on": provider.registered_on,
            "region": provider.region.code,
            "target_region": provider.region.code,
            "service_items": [s.pk for s in provider.service_items.all()],
            "staff_count": provider.staff_count,
            "social_worker_count": provider.social_worker_count,
            "civil_liability": "yes",
            "facilities": yn(bool(provider.facilities)),
            "governance": yn(provider.governance_attested),
            "finance": yn(provider.finance_attested),
            "financial_report": yn(reported),
            "restricted": yn(status != ProviderStatus.ACTIVE),
        }


def message_not_listed(code):
    return _("名录中没有统一社会信用代码为 %(code)s 的机构，请直接填写下列问题。") % {"code": code}
