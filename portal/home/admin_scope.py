"""Region scope of admin records that belong to a region (township capacity): a county editor acts on
the records of the county's regions only, a city reviewer on the city's, province administrators on
all. The scope is a Wagtail permission policy (model permissions from Django's auth, then the
region), registered for the model; the viewset's object views (edit, delete, history, usage,
inspect) look their object up among the instances the policy allows, so another county's record is
"not found" (404) by direct URL, not only missing from the listing. The copy view asks the policy
for the instance itself."""

from django.db.models import Q
from django.shortcuts import get_object_or_404
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import DeleteView, EditView, HistoryView, InspectView, UsageView

from .roles import user_region_prefixes

ANY_ACTION = ["add", "change", "delete", "view"]


def within(queryset, prefixes, field="code"):
    """The rows of `queryset` whose region code (`field`) starts with one of `prefixes`."""
    condition = Q(pk__in=[])
    for prefix in prefixes:
        condition |= Q(**{f"{field}__startswith": prefix})
    return queryset.filter(condition)


class RegionPermissionPolicy(ModelPermissionPolicy):
    """Django's model permissions, limited to the instances whose region code (the lookup
    `region_code_field`) lies in the user's regions."""

    def __init__(self, model, region_code_field, auth_model=None):
        super().__init__(model, auth_model=auth_model)
        self.region_code_field = region_code_field

    def scope(self, user, queryset):
        if not user.is_active:
            return queryset.none()
        prefixes = user_region_prefixes(user)
        return queryset if prefixes is None else within(queryset, prefixes, self.region_code_field)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return self.scope(user, self.model._default_manager.all())

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.instances_user_has_any_permission_for(user, actions).filter(pk=instance.pk).exists()

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)


class ScopedObjectMixin:
    """Object lookups of a generic admin view among the instances the model's permission policy
    lets the user act on."""

    def scoped_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(self.request.user, ANY_ACTION)


class ScopedSingleObjectMixin(ScopedObjectMixin):
    """Edit and delete views find their object with get_queryset() (Django's SingleObjectMixin)."""

    def get_queryset(self):
        return self.scoped_queryset()


class ScopedBaseObjectMixin(ScopedObjectMixin):
    """History and usage views find their object with get_base_object_queryset() (their own
    get_queryset() lists log entries or references)."""

    def get_base_object_queryset(self):
        return self.scoped_queryset()


class ScopedEditView(ScopedSingleObjectMixin, EditView):
    pass


class ScopedDeleteView(ScopedSingleObjectMixin, DeleteView):
    pass


class ScopedHistoryView(ScopedBaseObjectMixin, HistoryView):
    pass


class ScopedUsageView(ScopedBaseObjectMixin, UsageView):
    pass


class ScopedInspectView(ScopedObjectMixin, InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(self.scoped_queryset(), pk=self.pk)


class RegionScopedViewSetMixin:
    """For a SnippetViewSet whose model has a RegionPermissionPolicy registered: the listing and
    every object view within the user's regions."""

    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    inspect_view_class = ScopedInspectView

    def get_queryset(self, request):
        from wagtail.permissions import policy_registry

        return policy_registry.get_by_type(self.model).instances_user_has_any_permission_for(request.user, ANY_ACTION)
