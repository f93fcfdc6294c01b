"""The register API gives every date of a case in Asia/Shanghai, as the register page does."""

import datetime as dt
import zoneinfo

import pytest
import time_machine

from portal.oversight.factories import CaseFactory
from portal.oversight.services import handling

from .conftest import make_handler

pytestmark = pytest.mark.django_db

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize("clock", ["00:30", "07:59", "08:00", "23:30"])
def test_register_api_dates_are_local_dates(client, bodies, regions, clock):
    """A case received, answered and published on 2026-12-03 in Shanghai at 00:30 or 07:59 (still
    2026-12-02 in UTC) or at 23:30 is dated 2026-12-03 throughout."""
    at = dt.datetime.combine(dt.date(2026, 12, 3), dt.time.fromisoformat(clock), tzinfo=SHANGHAI)
    with time_machine.travel(at, tick=False):
        handler = make_handler("prov", view_all=True)
        case = CaseFactory(region=regions["330106"])
        handling.change_status(case, "accepted", handler)
        handling.change_status(case, "answered", handler, answer="经核查属实，已责令整改。")
        case.refresh_from_db()
        handling.publish_summary(case, "服务未按约定时间上门。", handler)
    result = client.get("/api/v1/oversight/register").json()["results"][0]
    assert result["reference"] == case.reference
    assert result["received"] == result["answered"] == result["published"] == "2026-12-03", result
