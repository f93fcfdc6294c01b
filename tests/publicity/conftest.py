"""Fixtures of the publicity tests: the section with its region folders, users of each role."""

import pytest
from django.contrib.auth import get_user_model

from portal.home.roles import CITY_REVIEWERS, COUNTY_EDITORS, PROVINCE_ADMINS, assign_user, ensure_region_folders


@pytest.fixture
def index(home_page):
    """The publicity section at /publicity/; publishing it creates its folders, groups and workflows."""
    from portal.publicity.factories import CampaignIndexPageFactory

    page = CampaignIndexPageFactory(parent=home_page)
    page.save_revision().publish()
    return page


@pytest.fixture
def folders(index):
    return ensure_region_folders(index)


@pytest.fixture
def users(folders, regions):
    User = get_user_model()

    def make(name, role, code=None):
        user = User.objects.create_user(name, f"{name}@example.org", "pw")
        return assign_user(user, role, regions.get(code))

    return {
        "xihu": make("xihu", COUNTY_EDITORS, "330106"),
        "binjiang": make("binjiang", COUNTY_EDITORS, "330108"),
        "hangzhou": make("hangzhou", CITY_REVIEWERS, "330100"),
        "ningbo": make("ningbo", CITY_REVIEWERS, "330200"),
        "province": make("province", PROVINCE_ADMINS),
    }


@pytest.fixture
def services(db):
    from portal.reference.models import ServiceItem

    return {item.name: item for item in ServiceItem.objects.all()}
