"""Handling views in the Wagtail admin: the case page (personal data, logged on every view), status
actions, assignment, internal notes, summary review and publication, and attachment download."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from portal.reference.workdays import calendar

from ..models import Attachment, Finding, Status
from ..models.files import sniffed_type
from ..services import handling
from ..services.subjects import provider_for_code
from ..services.visibility import assignable_handlers, case_permission_policy

VIEWSET_NAME = "oversight_case"


def case_url(case):
    return reverse(f"{VIEWSET_NAME}:edit", args=[case.pk])


def _visible_case(request, pk, perm="view"):
    """The case `pk` if the user may `perm` ("view" or "change") it: the model permission, and the
    case in the user's region scope (404 otherwise, as if it did not exist)."""
    if not case_permission_policy.user_has_permission(request.user, perm):
        raise PermissionDenied
    cases = case_permission_policy.instances_user_has_permission_for(request.user, perm)
    return get_object_or_404(cases.select_related("region", "handling_body", "handler", "subject_page"), pk=pk)


class StatusForm(forms.Form):
    to_status = forms.ChoiceField(label=_("操作"))
    public_note = forms.CharField(
        label=_("进展说明（对投诉人公开）"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    answer = forms.CharField(
        label=_("公开答复（一次性完整答复，投诉人可查询；勿含个人信息）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    reason = forms.CharField(
        label=_("理由（不予受理或转办时必填）"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    transferred_to = forms.CharField(label=_("转办单位"), required=False, max_length=200)
    finding = forms.ChoiceField(
        label=_("核查结论（答复时填写；违规转包属实将启动承接主体退出机制）"),
        required=False,
        choices=[("", "—"), *Finding.choices],
    )
    provider_credit_code = forms.CharField(
        label=_("经核查的被反映机构统一社会信用代码（投诉人未提供时填写）"), required=False, max_length=18
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = [(s, Status(s).label) for s in handling.allowed_transitions(case)]

    def clean_provider_credit_code(self):
        return self.cleaned_data["provider_credit_code"].strip().upper()


class HandlerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        full = obj.get_full_name()
        return f"{full}（{obj.get_username()}）" if full else obj.get_username()


class AssignForm(forms.Form):
    handler = HandlerChoiceField(label=_("办理人员"), queryset=get_user_model().objects.none(), required=False)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = assignable_handlers(case)
        self.fields["handler"].initial = case.handler_id


class NoteForm(forms.Form):
    text = forms.CharField(label=_("内部备注（仅办理人员可见）"), widget=forms.Textarea(attrs={"rows": 3}))


class SummaryForm(forms.Form):
    subject = forms.CharField(label=_("公开的反映对象"), max_length=200)
    summary = forms.CharField(
        label=_("脱敏摘要（已按规则自动脱敏，请逐字审核后发布）"), widget=forms.Textarea(attrs={"rows": 6})
    )


@method_decorator(never_cache, name="dispatch")
class CaseDetailView(WagtailAdminTemplateMixin, TemplateView):
    """A case with the complainant's personal data: every view is written to the audit log."""

    template_name = "oversight/admin/case.html"
    header_icon = "warning"

    def get(self, request, pk):
        self.case = _visible_case(request, pk)
        handling.log_personal_data_view(self.case, request.user, what="case")
        return super().get(request, pk=pk)

    def get_page_title(self):
        return f"{self.case.reference} · {self.case.get_kind_display()}"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(f"{VIEWSET_NAME}:index"), "label": _("投诉与媒体问询")},
            {"url": "", "label": self.case.reference},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case = self.case
        can_change = self.request.user.has_perm("oversight.change_case")
        today = timezone.localdate()
        suggestion = case.suggested_redaction(case.description)
        context.update(
            case=case,
            can_change=can_change,
            overdue=case.is_overdue(today),
            waited=case.working_days_waited(calendar(), today),
            attachments=list(case.attachments.all()),
            history=list(case.history.select_related("by")),
            notes=list(case.notes.select_related("author")),
            provider=provider_for_code(case.provider_credit_code),
            status_form=(getattr(self, "bound_status_form", None) or StatusForm(case=case)) if can_change else None,
            assign_form=AssignForm(case=case) if can_change else None,
            note_form=NoteForm() if can_change else None,
            summary_form=(
                getattr(self, "bound_summary_form", None)
                or SummaryForm(
                    initial={
                        "subject": case.public_subject or case.suggested_redaction(case.subject_text).text,
                        "summary": case.redacted_summary or suggestion.text,
                    }
                )
            )
            if can_change and case.consent_publish
            else None,
            redaction_counts=suggestion.summary(),
            history_url=reverse(f"{VIEWSET_NAME}:history", args=[case.pk]),
        )
        return context


def _errors(request, exc):
    for message in exc.messages if isinstance(exc, ValidationError) else [str(exc)]:
        messages.error(request, message)


@require_POST
def change_status(request, pk):
    case = _visible_case(request, pk, "change")
    form = StatusForm(request.POST, case=case)
    if form.is_valid():
        try:
            handling.change_status(
                case,
                form.cleaned_data["to_status"],
                request.user,
                **{
                    k: form.cleaned_data[k]
                    for k in ("public_note", "answer", "reason", "transferred_to", "finding", "provider_credit_code")
                },
            )
        except ValidationError as exc:
            _attach_errors(form, exc)
        else:
            messages.success(request, _("状态已更新。"))
            return redirect(case_url(case))
    # Re-render the case with the bound form: the handler's typed answer is kept, errors by the fields.
    messages.error(request, _("未能更新状态，请按提示修改。"))
    return _rerender(request, pk, bound_status_form=form)


def _rerender(request, pk, **bound_forms):
    """The case page again with the form as submitted (typed text kept, errors by the fields)."""
    view = CaseDetailView()
    view.setup(request, pk=pk)
    for name, form in bound_forms.items():
        setattr(view, name, form)
    response = view.get(request, pk)
    response.status_code = 400
    return response


def _attach_errors(form, exc):
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@require_POST
def assign(request, pk):
    case = _visible_case(request, pk, "change")
    form = AssignForm(request.POST, case=case)
    if form.is_valid():
        try:
            handling.assign(case, form.cleaned_data["handler"], request.user)
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("首问责任人已指定。"))
    else:
        messages.error(request, _("请选择本地区办理机构的人员。"))
    return redirect(case_url(case))


@require_POST
def add_note(request, pk):
    case = _visible_case(request, pk, "change")
    form = NoteForm(request.POST)
    if form.is_valid():
        handling.add_note(case, form.cleaned_data["text"], request.user)
        messages.success(request, _("备注已保存。"))
    else:
        messages.error(request, _("备注不能为空。"))
    return redirect(case_url(case))


@require_POST
def publish(request, pk):
    case = _visible_case(request, pk, "change")
    if request.POST.get("unpublish"):
        handling.unpublish(case, request.user)
        messages.success(request, _("已撤下公示。"))
        return redirect(case_url(case))
    form = SummaryForm(request.POST)
    if form.is_valid():
        try:
            handling.publish_summary(
                case, form.cleaned_data["summary"], request.user, subject=form.cleaned_data["subject"]
            )
        except ValidationError as exc:
            _attach_errors(form, exc)
        else:
            messages.success(request, _("已在投诉办理公示栏发布。"))
            return redirect(case_url(case))
    messages.error(request, _("未能发布，请按提示修改。"))
    return _rerender(request, pk, bound_summary_form=form)


@never_cache
def attachment(request, pk, attachment_pk):
    """Serve an attachment to a handler who may see the case; logged as a view of personal data."""
    case = _visible_case(request, pk)
    item = get_object_or_404(Attachment, pk=attachment_pk, case=case)
    try:
        handle = item.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    handling.log_personal_data_view(case, request.user, what=f"attachment:{item.pk}")
    # Served as what its bytes are, under a name with that type's extension: never the sender's
    # extension (a PNG named photo.html, a file named gnp.exe).
    content_type = sniffed_type(handle.read(262))
    handle.seek(0)
    response = FileResponse(
        handle, content_type=content_type, as_attachment=True, filename=item.safe_name(content_type)
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
