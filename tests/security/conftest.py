"""Fixtures of the security tests: a small published data set (one notice, one provider, one
published case, the publicity section), no rate limits, a clean cache, and the hypothesis settings
shared by every fuzzing target."""

import datetime as dt
import itertools
import os
from decimal import Decimal

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, settings

# Examples per fuzzing target; raise it for a longer run: SECURITY_FUZZ_EXAMPLES=200 pytest tests/security
FUZZ_EXAMPLES = int(os.environ.get("SECURITY_FUZZ_EXAMPLES", "25"))
FUZZ_DERANDOMIZED = not os.environ.get("SECURITY_FUZZ_RANDOM")
FUZZ = settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    database=None,
    # Reproducible by default; SECURITY_FUZZ_RANDOM=1 explores new examples on every run.
    derandomize=FUZZ_DERANDOMIZED,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
# What a public URL may answer to any input: never a 5xx.
ACCEPTABLE = {200, 301, 302, 400, 403, 404, 405, 429}
# The read API answers bad parameters with 400 too (ninja's 422 is mapped in portal/core/api.py).
API_ACCEPTABLE = ACCEPTABLE

_seq = itertools.count(1)


@pytest.fixture(autouse=True)
def _clean_cache():
    """Rate-limit counters, CAPTCHA nonces, cached statistics and home sections live in the cache."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    settings.OVERSIGHT_RATES = {"submit": "100000/m", "track": "100000/m"}
    settings.PROVIDER_RATES = {
        "apply": "100000/m",
        "track": "100000/m",
        "track_application": "100000/m",
        "track_all": "100000/m",
    }


@pytest.fixture
def items(db):
    from portal.reference.models import ServiceItem

    return {item.name: item for item in ServiceItem.objects.all()}


@pytest.fixture
def notice_index(home_page):
    from portal.disclosures.factories import NoticeIndexPageFactory

    return NoticeIndexPageFactory(parent=home_page)


@pytest.fixture
def notice_folders(notice_index, regions):
    """Hangzhou and Xihu, Ningbo and Haishu folders in the notices section."""
    from portal.home.models import RegionSectionPage

    made = {}
    for code, parent_code in (("330100", None), ("330106", "330100"), ("330200", None), ("330203", "330200")):
        parent = made[parent_code] if parent_code else notice_index
        folder = RegionSectionPage(title=regions[code].name, slug=code, region=regions[code])
        parent.add_child(instance=folder)
        made[code] = folder
    return made


@pytest.fixture
def make_project(notice_folders, regions, items):
    from portal.disclosures.models import Method, ProcurementProjectPage

    def make(region="330106", **fields):
        n = next(_seq)
        project = ProcurementProjectPage(
            title=f"社会救助对象照料护理服务采购项目{n}",
            slug=f"sec-project-{n}",
            project_number=f"ZJ-SEC-{n:04d}",
            purchaser=f"{regions[region].name}民政局",
            region=regions[region],
            method=Method.OPEN,
            budget=Decimal("500000.00"),
            contact_name="王老师",
            contact_phone="0571-87000000",
            summary="为辖区特困人员提供上门照料护理服务。",
            **fields,
        )
        notice_folders[region].add_child(instance=project)
        project.service_items.set([items["社会救助对象照料护理"]])
        project.save_revision().publish()
        project.refresh_from_db()
        return project

    return make


@pytest.fixture
def notice(make_project):
    """One published termination notice (the simplest notice kind) in Xihu."""
    from portal.disclosures.models import NoticeKind, NoticePage

    project = make_project()
    page = NoticePage(
        title="西湖区照料护理服务项目终止公告",
        slug="sec-notice",
        kind=NoticeKind.TERMINATION,
        termination_reason="采购需求发生变化，本项目终止。",
        published_on=dt.date(2026, 11, 2),
        body="<p>本项目终止。</p>",
        live=False,
    )
    project.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def provider(regions, items):
    from portal.providers.factories import ProviderFactory

    return ProviderFactory(
        name="杭州市西湖区阳光社会工作服务中心",
        region=regions["330106"],
        service_items=[items["社会救助对象照料护理"]],
        description="为特困老人提供上门照料护理。",
    )


@pytest.fixture
def publicity_index(home_page):
    from portal.publicity.factories import CampaignIndexPageFactory

    return CampaignIndexPageFactory(parent=home_page)


@pytest.fixture
def bodies(regions):
    from portal.oversight.factories import HandlingBodyFactory

    return {
        code: HandlingBodyFactory(region=regions[code], name=f"{regions[code].name}办理机构")
        for code in ("330000", "330100", "330106", "330200")
    }


@pytest.fixture
def fuzz_data(notice, provider, publicity_index, bodies):
    """Everything the public filters can find: a notice, a provider, the publicity section."""
    return {"notice": notice, "provider": provider, "publicity": publicity_index}
