import pytest

from portal.publicity.factories import CampaignPageFactory, MaterialPageFactory, TrainingCoursePageFactory, materials

pytestmark = pytest.mark.django_db


def test_factories_and_pages_render(client, folders):
    material = MaterialPageFactory(parent=folders["330106"])
    material.save_revision().publish()
    campaign = CampaignPageFactory(parent=folders["330106"], body=[materials(material)])
    campaign.save_revision().publish()
    course = TrainingCoursePageFactory(parent=folders["330100"])
    course.save_revision().publish()
    for url in [campaign.url, material.url, course.url, "/publicity/", "/publicity/materials/", "/publicity/training/"]:
        response = client.get(url)
        assert response.status_code == 200, url
    assert campaign.title in client.get(material.url).content.decode()
