"""The oversight factories build valid records; with their references given, building makes no query
(the demo builds thousands of them and inserts them in bulk)."""

import pytest

from portal.oversight.factories import CaseFactory, HandlingBodyFactory, StatusChangeFactory
from portal.oversight.models import Status

pytestmark = pytest.mark.django_db


def test_a_case_has_its_submission_in_its_history(regions):
    case = CaseFactory()
    entry = case.history.get()
    assert (entry.from_status, entry.to_status, entry.at, entry.by) == ("", Status.RECEIVED, case.received_at, None)


def test_status_change_factory_makes_one_entry_of_a_new_case(regions):
    entry = StatusChangeFactory(to_status=Status.ACCEPTED, from_status=Status.RECEIVED, public_note="已受理。")
    assert list(entry.case.history.values_list("to_status", flat=True)) == [Status.ACCEPTED]
    assert entry.at == entry.case.received_at


def test_building_with_references_given_makes_no_query(regions, django_assert_num_queries):
    case = CaseFactory()
    region = regions["330106"]
    with django_assert_num_queries(0):
        body = HandlingBodyFactory.build(region=region, name="西湖区民政局监督投诉办理组")
        entry = StatusChangeFactory.build(case=case, to_status=Status.ACCEPTED, at=case.received_at)
    assert body.pk is None and entry.pk is None and entry.case_id == case.pk
