"""Data migrations do not run live code: a migration's functions import nothing from portal/ (the
code may change after the migration was written; what it needs is copied into it). Schema
references that Django writes itself (`import portal.x` for a field's storage, validator or base
class) are allowed at the top of the file."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _portal_imports(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("portal"):
            yield node.lineno, f"from {node.module} import …"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("portal") and not _top_level(tree, node):
                    yield node.lineno, f"import {alias.name} (inside a function)"


def _top_level(tree, node):
    return node in tree.body


def test_no_migration_imports_live_code():
    offenders = []
    for path in sorted(ROOT.glob("portal/*/migrations/0*.py")):
        tree = ast.parse(path.read_text())
        for line, what in _portal_imports(tree):
            offenders.append(f"{path.relative_to(ROOT)}:{line}: {what}")
    assert not offenders, "\n".join(offenders)
