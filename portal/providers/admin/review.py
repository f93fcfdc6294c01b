"""Reviewing provider applications in the admin: the edit form of an application is the review
form (decision + reasons), and documents are downloaded through a permission-checked view."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import Panel

from ..models import ApplicationDocument, ApplicationStatus, ProviderApplication
from ..services import decide_application


class ReviewForm(WagtailAdminModelForm):
    decision = forms.ChoiceField(label=_("审核决定"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = self.instance.allowed_transitions() if self.instance.pk else []
        self.fields["decision"].choices = [("", _("（暂不改变状态）"))] + [(s.value, s.label) for s in allowed]
        if "review_note" in self.fields:
            self.fields["review_note"].help_text = _("退回补正或不予通过时必须写明理由；申请人查询进度时可见。")

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        note = (cleaned.get("review_note") or "").strip()
        if decision in (ApplicationStatus.RETURNED, ApplicationStatus.REJECTED) and not note:
            self.add_error("review_note", _("退回或不予通过时必须写明理由。"))
        return cleaned

    def save(self, commit=True):
        decision = self.cleaned_data.get("decision")
        note = (self.cleaned_data.get("review_note") or "").strip()
        if decision:
            return decide_application(self.instance, decision, note=note, user=self.for_user)
        ProviderApplication.objects.filter(pk=self.instance.pk).update(review_note=note)
        self.instance.review_note = note
        return self.instance


class ApplicationDetailsPanel(Panel):
    """Documents (download links) and history of an application."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "providers/admin/application_details_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["application"] = self.instance
            context["documents"] = list(self.instance.documents.all()) if self.instance.pk else []
            context["events"] = list(self.instance.events.select_related("actor")) if self.instance.pk else []
            return context


def download_document(request, pk):
    document = get_object_or_404(ApplicationDocument.objects.select_related("application"), pk=pk)
    user = request.user
    if not (user.is_superuser or user.has_perm("providers.change_providerapplication")):
        raise PermissionDenied
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
