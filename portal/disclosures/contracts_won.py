"""The "contracts won" section of a provider's public profile: the live contract notices (and, for
awards without a contract notice yet, result notices) that name the provider's credit code."""

from django.utils.translation import gettext_lazy

from portal.providers.profile_sections import ProfileSection, register_profile_section

LIMIT = 20


def contracts_won(credit_code):
    from .models import NoticeKind, NoticePage

    notices = (
        NoticePage.objects.live()
        .public()
        .filter(supplier_credit_code=credit_code, kind__in=[NoticeKind.CONTRACT, NoticeKind.RESULT])
        .select_related("project", "region")
        .order_by("-published_on", "-pk")
    )
    rows, contracted = [], set()
    for notice in notices:
        if notice.kind == NoticeKind.CONTRACT:
            contracted.add(notice.project_id)
    for notice in notices:
        # A result notice is listed only while its project has no contract notice yet.
        if notice.kind == NoticeKind.RESULT and notice.project_id in contracted:
            continue
        rows.append(notice)
        if len(rows) == LIMIT:
            break
    return rows


def profile_context(request, provider):
    rows = contracts_won(provider.credit_code)
    if not rows:
        return None
    return {"notices": rows}


def register():
    """The contracts section of a provider's profile."""

    register_profile_section(
        ProfileSection(
            key="contracts",
            title=gettext_lazy("中标与合同"),
            order=20,
            template="disclosures/includes/profile_contracts.html",
            get_context=profile_context,
        )
    )
