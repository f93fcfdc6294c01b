"""The OCDS 1.1.5 release schema (Apache 2.0, copied from the standard's tag 1__1__5) bundled with
the app, so that compiled releases are merged offline with the standard's merge rules."""

import json
from functools import lru_cache
from pathlib import Path

SCHEMA_PATH = Path(__file__).with_name("release-schema-1.1.5.json")


@lru_cache(maxsize=1)
def release_schema():
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
