"""`manage.py reindex_register` rebuilds the register's search text of published cases with the
live redaction and segmentation (the data migration that used to do it no longer runs live code)."""

import io

import pytest
from django.core.management import call_command

from portal.oversight.factories import CaseFactory
from portal.oversight.models import Case
from portal.oversight.services import handling
from portal.oversight.services.handling import register_search_text

from .conftest import make_handler

pytestmark = pytest.mark.django_db


@pytest.fixture
def handler(bodies):
    return make_handler("prov", view_all=True)


@pytest.fixture
def published_case(regions, handler):
    case = CaseFactory(region=regions["330106"], consent_publish=True)
    handling.change_status(case, "accepted", handler)
    handling.change_status(case, "answered", handler, answer="经核查属实，已责令服务机构整改。")
    case.refresh_from_db()
    return handling.publish_summary(case, "服务站未按约定上门服务。", handler)


@pytest.fixture
def unpublished_case(regions):
    return CaseFactory(region=regions["330106"])


def test_rebuilds_stale_search_text_of_published_cases_only(published_case, unpublished_case):
    Case.objects.filter(pk__in=[published_case.pk, unpublished_case.pk]).update(search_text="stale")
    out = io.StringIO()
    call_command("reindex_register", "--dry-run", stdout=out)
    assert "published cases: 1, search text would change: 1" in out.getvalue()
    assert Case.objects.get(pk=published_case.pk).search_text == "stale"
    call_command("reindex_register", stdout=io.StringIO())
    published_case.refresh_from_db()
    assert published_case.search_text == register_search_text(published_case) != "stale"
    assert Case.objects.get(pk=unpublished_case.pk).search_text == "stale"
