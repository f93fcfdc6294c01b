"""Which cases a handler may see: those of the regions of their handling bodies and below, or all
of them with the province-wide permission oversight.view_all_cases."""

from django.db.models import Q

from portal.disclosures.models import Region

from ..models import Case, HandlingBody

VIEW_ALL = "oversight.view_all_cases"


def user_regions(user):
    return list(Region.objects.filter(handling_body__members=user))


def visible_cases(user, queryset=None):
    queryset = Case.objects.all() if queryset is None else queryset
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    if user.is_superuser or user.has_perm(VIEW_ALL):
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


def assignable_handlers(case):
    """Members of the case's handling body (and of bodies above it) who may take the case."""
    from django.contrib.auth import get_user_model

    region_ids = [r.pk for r in [*case.region.ancestors(), case.region]]
    bodies = HandlingBody.objects.filter(region_id__in=region_ids)
    return get_user_model().objects.filter(handling_bodies__in=bodies, is_active=True).distinct().order_by("username")
