"""The handlers' group (投诉办理员): admin access and the case permissions. Regional scope comes
from membership of a handling body; province-wide scope from oversight.view_all_cases (to be granted
to the 省级管理员 group)."""

from django.contrib.auth.models import Group, Permission

HANDLERS = "投诉办理员"
HANDLER_PERMS = [
    ("wagtailadmin", "access_admin"),
    ("oversight", "view_case"),
    ("oversight", "change_case"),
    ("oversight", "view_handlingbody"),
]
PROVINCE_PERMS = [
    ("oversight", "view_all_cases"),
    ("oversight", "add_handlingbody"),
    ("oversight", "change_handlingbody"),
    ("oversight", "view_outboxmessage"),
    ("oversight", "change_oversightsettings"),
]


def _perms(pairs):
    return [
        p
        for app_label, codename in pairs
        if (p := Permission.objects.filter(content_type__app_label=app_label, codename=codename).first())
    ]


def handler_group():
    group, _ = Group.objects.get_or_create(name=HANDLERS)
    group.permissions.add(*_perms(HANDLER_PERMS))
    return group


def province_permissions():
    """Permissions a province-wide oversight administrator needs (for the 省级管理员 group)."""
    return _perms(PROVINCE_PERMS)
