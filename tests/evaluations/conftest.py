"""Evaluation results hang below procurement projects: the disclosures tests' fixtures (projects,
notices, folders, the fresh home sections) serve here too."""

from tests.disclosures.conftest import (  # noqa: F401
    _fresh_home_sections,
    aware,
    folders,
    items,
    make_project,
    notice_index,
    publish_notice,
)
