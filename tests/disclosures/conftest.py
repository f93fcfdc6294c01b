"""Fixtures for the procurement disclosures tests: the section, two region folders, projects and
a helper that publishes notices the way the admin does (revision, then publish)."""

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from django.utils import timezone

_seq = itertools.count(1)


@pytest.fixture(autouse=True)
def _fresh_home_sections():
    """The home sections are cached; never let one test's notices show in another test."""
    from portal.core.caching import purge as invalidate

    invalidate()
    yield
    invalidate()


@pytest.fixture
def notice_index(home_page):
    from portal.disclosures.factories import NoticeIndexPageFactory

    return NoticeIndexPageFactory(parent=home_page)


@pytest.fixture
def folders(notice_index, regions):
    """The Hangzhou city folder and the Xihu and Ningbo Haishu county folders (a subset of what
    setup_roles creates, to keep tests fast)."""
    from portal.home.models import RegionSectionPage

    made = {}
    for code, parent_code in (("330100", None), ("330106", "330100"), ("330200", None), ("330203", "330200")):
        parent = made[parent_code] if parent_code else notice_index
        folder = RegionSectionPage(title=regions[code].name, slug=code, region=regions[code])
        parent.add_child(instance=folder)
        made[code] = folder
    return made


@pytest.fixture
def items(db):
    from portal.reference.models import ServiceItem

    return {item.name: item for item in ServiceItem.objects.all()}


@pytest.fixture
def make_project(folders, regions, items):
    from portal.disclosures.models import Method, ProcurementProjectPage

    def make(region="330106", method=Method.OPEN, service_items=("社会救助对象照料护理",), **fields):
        n = next(_seq)
        values = {
            "title": f"社会救助对象照料护理服务采购项目{n}",
            "slug": f"project-{n}",
            "project_number": f"ZJ-TEST-{n:04d}",
            "purchaser": f"{regions[region].name}民政局",
            "region": regions[region],
            "method": method,
            "budget": Decimal("500000.00"),
            "contact_name": "王老师",
            "contact_phone": "0571-87000000",
            "summary": "为辖区特困人员提供上门照料护理服务。",
        }
        values.update(fields)
        project = ProcurementProjectPage(**values)
        folders[region].add_child(instance=project)
        project.service_items.set([items[name] for name in service_items])
        project.save_revision().publish()
        return project

    return make


@pytest.fixture
def publish_notice():
    from portal.disclosures.models import NoticePage

    def publish(project, kind, title=None, **fields):
        n = next(_seq)
        notice = NoticePage(
            title=title or f"{project.title}{kind}公告", slug=f"notice-{n}", kind=kind, live=False, **fields
        )
        project.add_child(instance=notice)
        notice.save_revision().publish()
        notice.refresh_from_db()
        project.refresh_from_db()
        return notice

    return publish


def aware(year, month, day, hour=9, minute=30):
    return timezone.make_aware(dt.datetime(year, month, day, hour, minute))
