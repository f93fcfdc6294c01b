"""The OCDS 1.1.5 schemas and codelists bundled with the app (standard/, Apache 2.0, copied from the
standard's tag 1__1__5; see standard/README.md): compiled releases are merged offline with the
standard's merge rules, and packages are validated offline with the date-time format checked."""

import json
from functools import lru_cache
from pathlib import Path

STANDARD_DIR = Path(__file__).with_name("standard") / "1.1.5"
SCHEMA_PATH = STANDARD_DIR / "release-schema.json"
RELEASE_SCHEMA_URL = "https://standard.open-contracting.org/schema/1__1__5/release-schema.json"
PACKAGE_SCHEMAS = {"release": "release-package-schema.json", "record": "record-package-schema.json"}


@lru_cache(maxsize=1)
def release_schema():
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def validator(package="release"):
    """A Draft 4 validator of a release or record package against the bundled schema, with the
    release schema's URL resolved to the local file (nothing is fetched) and formats checked."""
    from jsonschema import Draft4Validator, FormatChecker
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4

    schema = json.loads((STANDARD_DIR / PACKAGE_SCHEMAS[package]).read_text(encoding="utf-8"))
    registry = Registry().with_resource(
        RELEASE_SCHEMA_URL, Resource.from_contents(release_schema(), default_specification=DRAFT4)
    )
    return Draft4Validator(schema, registry=registry, format_checker=FormatChecker())


def validation_errors(data, package="release"):
    """Every schema error of `data` as 'path: message' (empty when valid)."""
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(package).iter_errors(data)]
