"""Which cases a handler may see: those of the regions of their handling bodies and below, or all
of them with the province-wide permission oversight.view_all_cases.

`case_permission_policy` (registered with Wagtail for Case in wagtail_hooks) is the same scope as a
Wagtail permission policy: model permissions (view_case / change_case) narrowed to those cases, for
every admin view built on it (queue, case page, history, audit log)."""

from django.contrib.auth import get_permission_codename
from django.db.models import Q
from wagtail.permission_policies import ModelPermissionPolicy

from portal.reference.models import Region

from ..models import Case, HandlingBody

VIEW_ALL = "oversight.view_all_cases"


def user_regions(user):
    return list(Region.objects.filter(handling_body__members=user))


def sees_all_cases(user):
    return user.is_authenticated and user.is_active and (user.is_superuser or user.has_perm(VIEW_ALL))


def visible_cases(user, queryset=None):
    queryset = Case.objects.all() if queryset is None else queryset
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    if sees_all_cases(user):
        return queryset
    regions = user_regions(user)
    if not regions:
        return queryset.none()
    condition = Q()
    for region in regions:
        condition |= Q(region__code__startswith=region.code_prefix)
    return queryset.filter(condition)


def can_see(user, case):
    return visible_cases(user, Case.objects.filter(pk=case.pk)).exists()


class CasePermissionPolicy(ModelPermissionPolicy):
    """Model permissions on cases, each instance only within the user's region scope. "view" is
    granted by view_case or change_case (a handler who may change a case may read it)."""

    def permission_name(self, action):
        """ "app_label.codename" of the model permission for `action`, as user.has_perm wants it."""
        return f"{self.app_label}.{get_permission_codename(action, self.auth_model._meta)}"

    def user_has_permission(self, user, action):
        if action == "view":
            return user.has_perm(self.permission_name("view")) or user.has_perm(self.permission_name("change"))
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and can_see(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return Case.objects.none()
        return visible_cases(user)


case_permission_policy = CasePermissionPolicy(Case)


def assignable_handlers(case):
    """Members of the case's handling body (and of bodies above it) who may take the case."""
    from django.contrib.auth import get_user_model

    region_ids = [r.pk for r in [*case.region.ancestors(), case.region]]
    bodies = HandlingBody.objects.filter(region_id__in=region_ids)
    return get_user_model().objects.filter(handling_bodies__in=bodies, is_active=True).distinct().order_by("username")
