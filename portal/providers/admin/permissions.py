"""Permission policies that keep records append-only in the admin."""

from wagtail.permission_policies import ModelPermissionPolicy


class RestrictedActionsPolicy(ModelPermissionPolicy):
    """The model's normal permissions, minus actions nobody may take (e.g. editing a published
    status decision, or creating an application on the applicant's behalf)."""

    def __init__(self, model, forbidden=(), **kwargs):
        super().__init__(model, **kwargs)
        self.forbidden = set(forbidden)

    def user_has_permission(self, user, action):
        if action in self.forbidden:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        allowed = [a for a in actions if a not in self.forbidden]
        if not allowed:
            return super().users_with_any_permission([]).none()
        return super().users_with_any_permission(allowed)
