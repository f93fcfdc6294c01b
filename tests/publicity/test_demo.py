"""The demo seeder creates a dozen campaigns across audiences and regions, materials and courses,
and running it twice creates nothing new."""

import io
import shutil
import subprocess

import pytest
import zxingcpp
from PIL import Image

from portal.core.demo import DemoContext
from portal.publicity import demo
from portal.publicity.models import CampaignPage, MaterialPage, TrainingCoursePage

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_seed_is_idempotent_and_covers_audiences(home_page, client, tmp_path):
    ctx = DemoContext(size="small", stdout=io.StringIO(), progress=False)
    demo.seed(ctx)
    counts = (CampaignPage.objects.count(), MaterialPage.objects.count(), TrainingCoursePage.objects.count())
    assert counts[0] >= 12 and counts[1] >= 6 and counts[2] >= 3
    campaigns = CampaignPage.objects.live()
    assert {c.audience for c in campaigns} == {"staff", "people", "social", "public"}
    assert len({c.region_id for c in campaigns}) >= 8
    assert all(c.cover_image_id for c in campaigns)
    assert MaterialPage.objects.filter(campaigns__isnull=False).distinct().count() >= 4

    demo.seed(DemoContext(size="small", stdout=io.StringIO(), progress=False))
    assert (CampaignPage.objects.count(), MaterialPage.objects.count(), TrainingCoursePage.objects.count()) == counts

    assert client.get("/publicity/").status_code == 200
    if shutil.which("pdftoppm"):
        campaign = campaigns.order_by("pk").first()
        for kind in ("leaflet", "poster"):
            pdf = tmp_path / f"demo-{kind}.pdf"
            pdf.write_bytes(client.get(campaign.printable_url(kind)).content)
            subprocess.run(["pdftoppm", "-png", "-r", "150", str(pdf), str(tmp_path / f"demo-{kind}")], check=True)
            (png,) = tmp_path.glob(f"demo-{kind}*.png")
            (code,) = zxingcpp.read_barcodes(Image.open(png))
            assert code.text == campaign.get_full_url()
