"""Editors' roles, scoped by region through Wagtail's group page permissions and workflows.

Three role groups carry the admin-wide permissions (admin access, images, documents, snippets):
  省级管理员 (province administrator), 市级审核员 (city reviewer), 县级编辑 (county editor).
Each city and county also has a region group that carries page permissions on that region's folders
(RegionSectionPage) in every section:
  县级编辑·<county full name>: add and edit pages in the county folders (no publish: they submit);
  市级审核员·<city>: add, edit and publish in the city folders (which contain its counties), and the
  approval task of the city's review workflow;
  省级管理员: everything, from the root of the site.
A user is put in one role group and one region group. Everything here is idempotent.
"""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupPagePermission, Page, Workflow, WorkflowPage, WorkflowTask

from portal.reference.models import Region

PROVINCE_ADMINS = "省级管理员"
CITY_REVIEWERS = "市级审核员"
COUNTY_EDITORS = "县级编辑"
SEPARATOR = "·"

COUNTY_PAGE_PERMS = ["add_page", "change_page"]
CITY_PAGE_PERMS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
PROVINCE_PAGE_PERMS = ["add_page", "change_page", "delete_page", "publish_page", "lock_page", "unlock_page"]

# Model permissions for every editor role (images and documents they upload with their pages).
WAGTAIL_EDITOR_PERMS = [
    ("wagtailadmin", "access_admin"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]
WAGTAIL_PROVINCE_PERMS = [("wagtailimages", "delete_image"), ("wagtaildocs", "delete_document")]


def declared_permissions(role):
    """(app label, codename) of the model permissions the portal's apps grant to `role` ("editor"
    or "province"), each app declaring its own in its AppConfig's `role_permissions`."""
    pairs = []
    for config in apps.get_app_configs():
        for codename in getattr(config, "role_permissions", {}).get(role, []):
            pairs.append((config.label, codename))
    return pairs


def editor_model_perms():
    """Model permissions of every editor role."""
    return WAGTAIL_EDITOR_PERMS + declared_permissions("editor")


def province_model_perms():
    """Province administrators: everything editors have, plus the registers, settings and the
    apps' administration."""
    return editor_model_perms() + WAGTAIL_PROVINCE_PERMS + declared_permissions("province")


def _page_permission(codename):
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)


def _model_permissions(pairs):
    perms = []
    for app_label, codename in pairs:
        perm = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
        if perm is not None:
            perms.append(perm)
    return perms


def region_group_name(role, region):
    return f"{role}{SEPARATOR}{region.full_name}"


def city_reviewer_group(region):
    return Group.objects.get(name=region_group_name(CITY_REVIEWERS, region))


def county_editor_group(region):
    return Group.objects.get(name=region_group_name(COUNTY_EDITORS, region))


def _grant(group, page, codenames):
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=_page_permission(codename))


def ensure_region_folders(section):
    """Create one folder per city under `section` and one per county under each city folder.
    Returns {region code: folder page}."""

    from .models import RegionSectionPage

    folders = {f.region.code: f for f in RegionSectionPage.objects.descendant_of(section).select_related("region")}
    section = section.specific
    for city in Region.objects.cities().order_by("code"):
        if city.code not in folders:
            folder = RegionSectionPage(title=city.name, slug=city.code, region=city, show_in_menus=False)
            section.add_child(instance=folder)
            folders[city.code] = folder
        city_folder = folders[city.code]
        for county in Region.objects.counties().filter(parent=city).order_by("code"):
            if county.code not in folders:
                folder = RegionSectionPage(title=county.name, slug=county.code, region=county, show_in_menus=False)
                city_folder.add_child(instance=folder)
                folders[county.code] = folder
    return folders


def _city_workflow(city, reviewers):
    from .models import StatutoryApprovalTask

    name = f"市级审核·{city.name}"
    task, _ = StatutoryApprovalTask.objects.get_or_create(name=f"{city.name}审核")
    task.groups.set([reviewers])
    workflow, _ = Workflow.objects.get_or_create(name=name)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    # Older installations used a plain GroupApprovalTask: the workflow keeps only this task.
    WorkflowTask.objects.filter(workflow=workflow).exclude(task=task).delete()
    return workflow


@transaction.atomic
def _grant_collections(group, perms):
    """Wagtail checks image and document permissions per collection, not as model permissions:
    grant the group's image and document permissions on the root collection (and so all)."""
    from wagtail.models import Collection, GroupCollectionPermission

    root = Collection.get_first_root_node()
    media = [(app, code) for app, code in perms if app in ("wagtailimages", "wagtaildocs")]
    for permission in _model_permissions(media):
        GroupCollectionPermission.objects.get_or_create(group=group, collection=root, permission=permission)


def setup_roles(sections=None):
    """Create role and region groups, region folders in every section, page permissions and the
    city review workflows. Returns a summary dict."""

    from .models import SectionPage

    province_group, _ = Group.objects.get_or_create(name=PROVINCE_ADMINS)
    city_role, _ = Group.objects.get_or_create(name=CITY_REVIEWERS)
    county_role, _ = Group.objects.get_or_create(name=COUNTY_EDITORS)
    province_group.permissions.add(*_model_permissions(province_model_perms()))
    city_role.permissions.add(*_model_permissions(editor_model_perms()))
    county_role.permissions.add(*_model_permissions(editor_model_perms()))
    _grant_collections(province_group, province_model_perms())
    _grant_collections(city_role, editor_model_perms())
    _grant_collections(county_role, editor_model_perms())

    root = Page.get_first_root_node()
    _grant(province_group, root, PROVINCE_PAGE_PERMS)

    sections = list(sections if sections is not None else SectionPage.objects.all())
    folders_by_section = [ensure_region_folders(section) for section in sections]

    city_groups = {}
    for city in Region.objects.cities():
        group, _ = Group.objects.get_or_create(name=region_group_name(CITY_REVIEWERS, city))
        city_groups[city.code] = group
        workflow = _city_workflow(city, group)
        for folders in folders_by_section:
            folder = folders[city.code]
            _grant(group, folder, CITY_PAGE_PERMS)
            WorkflowPage.objects.update_or_create(page=folder, defaults={"workflow": workflow})

    county_count = 0
    for county in Region.objects.counties().select_related("parent"):
        group, _ = Group.objects.get_or_create(name=region_group_name(COUNTY_EDITORS, county))
        county_count += 1
        for folders in folders_by_section:
            _grant(group, folders[county.code], COUNTY_PAGE_PERMS)

    return {
        "sections": len(sections),
        "city_groups": len(city_groups),
        "county_groups": county_count,
        "folders": sum(len(f) for f in folders_by_section),
    }


def assign_user(user, role, region=None):
    """Put `user` in a role group and, for city and county roles, the region's group."""
    user.groups.add(Group.objects.get(name=role))
    if role == CITY_REVIEWERS:
        user.groups.add(city_reviewer_group(region))
    elif role == COUNTY_EDITORS:
        user.groups.add(county_editor_group(region))
    return user


def user_region_prefixes(user):
    """Code prefixes of the regions a user edits (from their region groups), or None when the user
    may act province-wide (superusers and province administrators)."""

    if user.is_superuser:
        return None
    names = set(user.groups.values_list("name", flat=True))
    if PROVINCE_ADMINS in names:
        return None
    prefixes = []
    regional = [n for n in names if SEPARATOR in n]
    if regional:
        # Group names carry the region's full name, read from its parent chain (one query).
        for region in Region.objects.filter(level__in=[2, 3]).select_related("parent__parent"):
            role = CITY_REVIEWERS if region.level == 2 else COUNTY_EDITORS
            if region_group_name(role, region) in regional:
                prefixes.append(region.code_prefix)
    return prefixes
