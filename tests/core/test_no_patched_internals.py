"""No replaced internals (issue 17, item 8): Wagtail's and Django's classes keep their own methods
for the whole process, and the portal's code neither assigns attributes of their classes nor reads
or writes their private attributes.

The one exception, seeding Wagtail's per-request site memo, lives in portal/core/wagtail_compat.py
and has its own test (tests/core/test_wagtail_compat.py)."""

import ast
import functools
import importlib.util
import inspect
import re
from pathlib import Path

import pytest
from django.apps import apps

PORTAL = Path(__file__).resolve().parents[2] / "portal"
# Packages whose classes the portal must not patch and whose private names it must not touch.
FOREIGN = ("django", "wagtail", "treebeard", "modelcluster")
# Private names that are documented public API: Django's model Options (`Model._meta`) and the
# documented default/base managers; the namedtuple methods and fields.
DOCUMENTED_PRIVATE = {"_meta", "_default_manager", "_base_manager", "_asdict", "_replace", "_fields", "_make"}
# The one module allowed to touch a Wagtail detail (see its docstring and test_wagtail_compat.py).
COMPAT_MODULES = {PORTAL / "core" / "wagtail_compat.py"}


def _unwrap(value):
    if isinstance(value, (staticmethod, classmethod)):
        return value.__func__
    if isinstance(value, property):
        return value.fget
    return value


def test_wagtail_keeps_its_own_page_and_site_lookups():
    """Each method is the function written in the (Wagtail or treebeard) class that defines it."""
    from wagtail.models import Page, PageViewRestriction, Site

    methods = [
        (Page, "get_view_restrictions"),
        (Page, "route"),
        (Page, "route_for_request"),
        (Page, "find_for_request"),
        (Page, "get_parent"),
        (Site, "find_for_request"),
        (Site, "_find_for_request"),
        (PageViewRestriction, "accept_request"),
    ]
    for cls, name in methods:
        if name.startswith("_") and not hasattr(cls, name):
            continue  # a private lookup that a later Wagtail no longer has
        owner = next(k for k in cls.__mro__ if name in vars(k))
        function = _unwrap(vars(owner)[name])
        label = f"{cls.__name__}.{name}"
        assert owner.__module__.split(".")[0] in FOREIGN, f"{label} defined by {owner.__module__}"
        assert function.__module__ == owner.__module__, f"{label} replaced by {function.__module__}"
        assert function.__qualname__ == f"{owner.__qualname__}.{name}", f"{label} is {function.__qualname__}"


def _foreign_classes():
    """Every model class of an installed app outside the portal, and the request/form classes."""
    from django import forms
    from django.http import HttpRequest
    from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

    classes = {m for m in apps.get_models() if m.__module__.split(".")[0] in FOREIGN}
    classes |= {HttpRequest, forms.Form, forms.ModelForm, forms.BaseForm, WagtailAdminModelForm, WagtailAdminPageForm}
    return classes


def test_no_class_outside_the_portal_carries_a_function_of_the_portal():
    patched = []
    for cls in _foreign_classes():
        for name, value in vars(cls).items():
            function = _unwrap(value)
            if inspect.isfunction(function) and function.__module__.startswith("portal"):
                patched.append(
                    f"{cls.__module__}.{cls.__qualname__}.{name} = {function.__module__}.{function.__name__}"
                )
    assert patched == []


def test_every_page_type_of_the_portal_looks_up_view_restrictions_in_one_query():
    """What `routing.install()` once did for Page itself, each of the portal's page types does
    through its own base class."""
    from wagtail.models import get_page_models

    from portal.core.pages import CachedViewRestrictionsMixin

    missing = [
        m.__name__
        for m in get_page_models()
        if m.__module__.startswith("portal") and not issubclass(m, CachedViewRestrictionsMixin)
    ]
    assert missing == []


@functools.cache
def foreign_private_names():
    """Every private identifier written in the sources of django, wagtail, treebeard and
    modelcluster: a name the portal stores on an object counts as its own only if none of them
    uses it (so `page._cached_parent_obj = parent` is caught, `request._portal_frame_key` is not)."""
    names = set()
    for package in FOREIGN:
        root = Path(importlib.util.find_spec(package).origin).parent
        for path in root.rglob("*.py"):
            names.update(re.findall(r"(?<![\w.])_[A-Za-z]\w*|(?<=\.)_[A-Za-z]\w*", path.read_text("utf-8", "replace")))
    return frozenset(names)


def _project_private_names(trees, foreign_names):
    """Private names the portal defines itself: its functions and classes and the attributes it
    sets on self/cls, and the module and class variables, arguments and other attributes it
    stores (unless another package uses the name)."""
    defined, stored = set(), set()
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                defined.add(node.name)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                stored.add(node.id)
            elif isinstance(node, ast.alias) and node.asname:
                stored.add(node.asname)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                # Attributes of the portal's own classes (set on self/cls) are its own.
                is_own = isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")
                (defined if is_own else stored).add(node.attr)
            elif isinstance(node, ast.arg):
                stored.add(node.arg)
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "setattr"
                and len(node.args) >= 2
                and isinstance(node.args[1], ast.Constant)
                and isinstance(node.args[1].value, str)
            ):
                stored.add(node.args[1].value)
    return {name for name in defined | (stored - foreign_names) if name.startswith("_")}


def _foreign_imports(tree):
    """Names bound by `import django...`/`from wagtail... import X` in this module."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in FOREIGN:
                    names.add((alias.asname or alias.name).split(".")[0])
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.split(".")[0] in FOREIGN:
                names.update(alias.asname or alias.name for alias in node.names)
    return names


def _root_name(node):
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _private(name):
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def scan(trees):
    """(file:line, what) for every assignment to an attribute of an imported django/wagtail/
    treebeard/modelcluster name, and every private attribute the portal does not define itself."""
    own = _project_private_names(trees, foreign_private_names())
    found = []
    for path, tree in sorted(trees.items()):
        if path in COMPAT_MODULES:
            continue
        foreign = _foreign_imports(tree)
        where = path.relative_to(PORTAL.parent)
        for node in ast.walk(tree):
            targets = []
            if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                for sub in ast.walk(target):
                    if isinstance(sub, ast.Attribute) and isinstance(sub.ctx, ast.Store) and _root_name(sub) in foreign:
                        found.append((f"{where}:{sub.lineno}", f"assigns {ast.unparse(sub)}"))
            if isinstance(node, ast.Delete):
                for target in node.targets:
                    if isinstance(target, ast.Attribute) and _root_name(target) in foreign:
                        found.append((f"{where}:{node.lineno}", f"deletes {ast.unparse(target)}"))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.args:
                if node.func.id in ("setattr", "delattr") and _root_name(node.args[0]) in foreign:
                    found.append((f"{where}:{node.lineno}", f"{node.func.id} on {ast.unparse(node.args[0])}"))
                if (
                    node.func.id in ("getattr", "setattr", "hasattr", "delattr")
                    and len(node.args) >= 2
                    and isinstance(node.args[1], ast.Constant)
                    and isinstance(node.args[1].value, str)
                    and _private(node.args[1].value)
                    and node.args[1].value not in own | DOCUMENTED_PRIVATE
                ):
                    found.append((f"{where}:{node.lineno}", f"{node.func.id}(…, {node.args[1].value!r})"))
            if isinstance(node, ast.Attribute) and _private(node.attr) and node.attr not in own | DOCUMENTED_PRIVATE:
                found.append((f"{where}:{node.lineno}", f"uses {ast.unparse(node)}"))
    return found


def _parse(paths):
    return {path: ast.parse(path.read_text(encoding="utf-8"), filename=str(path)) for path in paths}


def test_the_portal_neither_patches_nor_reads_private_attributes_of_other_packages():
    trees = _parse(p for p in PORTAL.rglob("*.py") if "migrations" not in p.parts)
    assert scan(trees) == []


@pytest.mark.parametrize(
    "source",
    [
        "from wagtail.models import Page\nPage.get_view_restrictions = lambda page: None\n",
        "from wagtail.models import Site\nSite._find_for_request = staticmethod(print)\n",
        "from wagtail import models\nsetattr(models.Site, 'find_for_request', print)\n",
        "def parent(page):\n    return getattr(page, '_cached_parent_obj', None)\n",
        "def link(page, parent):\n    page._cached_parent_obj = parent\n",
        "class P:\n    def region(self):\n        return self._state.fields_cache.get('region')\n",
        "def host(request):\n    return request._get_raw_host()\n",
    ],
)
def test_the_scan_finds_what_it_looks_for(source, tmp_path):
    path = PORTAL / "example.py"  # never written: only its name is reported
    assert scan({path: ast.parse(source)}) != []


def test_the_scan_allows_the_documented_and_the_portals_own_names():
    source = (
        "from wagtail.models import Page\n"
        "class Mine(Page):\n"
        "    def _helper(self):\n"
        "        return self._meta.label, Page._default_manager\n"
        "    def use(self, other):\n"
        "        self._memo = 1\n"
        "        return other._helper(), other._memo\n"
    )
    assert scan({PORTAL / "example.py": ast.parse(source)}) == []
