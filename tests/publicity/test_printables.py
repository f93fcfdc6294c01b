"""Printable leaflet (A4) and poster (A3): rasterised with pdftoppm, the QR code decoded with
zxing-cpp must give the campaign's public URL (PORTAL_BASE_URL, else the site record), whatever host
the request came to; the PDF is cached until the campaign is republished."""

import shutil
import subprocess

import pytest
import zxingcpp
from django.core.cache import cache
from PIL import Image
from wagtail.models import Site

from portal.home.models import PortalSettings
from portal.publicity.factories import CampaignPageFactory, key_facts, steps

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

needs_poppler = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils (pdftoppm) not installed")

A4_MM = (210, 297)
A3_MM = (297, 420)


@pytest.fixture
def campaign(folders):
    cache.clear()
    page = CampaignPageFactory(
        parent=folders["330106"],
        title="困难群众社会救助政策宣传月",
        slug="assistance-month",
        body=[
            key_facts(("谁可以申请", "低保、特困、低边家庭"), ("到哪里申请", "户籍所在地乡镇（街道）社会救助窗口")),
            steps(("提出申请", "携带身份证、户口簿"), ("入户调查", "工作人员上门核实"), ("公示审批", "公示7天")),
        ],
    )
    page.save_revision().publish()
    return page


PUBLIC = "https://jiuzhu.example.gov.cn"


def rasterise(pdf_bytes, tmp_path, name):
    pdf = tmp_path / f"{name}.pdf"
    pdf.write_bytes(pdf_bytes)
    subprocess.run(["pdftoppm", "-png", "-r", "150", str(pdf), str(tmp_path / name)], check=True)
    return sorted(tmp_path.glob(f"{name}*.png"))


def decoded_qr_codes(image):
    return [r.text for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode]


@needs_poppler
@pytest.mark.parametrize("kind", ["leaflet", "poster"])
def test_printed_url_and_qr_code_are_the_public_address_not_the_request_host(
    client, campaign, tmp_path, kind, settings
):
    """Requested on an internal host (behind a proxy, or by a printer's address), the printable
    still leads to the portal's public address: the QR code, decoded, and the printed URL."""
    settings.PORTAL_BASE_URL = PUBLIC
    response = client.get(campaign.printable_url(kind), HTTP_HOST="10.0.8.15:8080")
    assert response.status_code == 200
    (png,) = rasterise(response.content, tmp_path, kind)
    assert decoded_qr_codes(Image.open(png)) == [PUBLIC + campaign.url]
    text = subprocess.run(["pdftotext", str(tmp_path / f"{kind}.pdf"), "-"], capture_output=True, text=True).stdout
    assert PUBLIC + campaign.url in text.replace("\n", "")
    assert "localhost" not in text and "10.0.8.15" not in text


@needs_poppler
def test_without_the_setting_the_site_record_is_the_public_address(client, campaign, tmp_path):
    """The site record, as `sync_site` or an administrator set it, not the request's host."""
    from portal.core.public_url import sync_site_from_base_url

    sync_site_from_base_url("http://portal.example.org:8081")
    response = client.get(campaign.printable_url("leaflet"), HTTP_HOST="127.0.0.1:9999")
    (png,) = rasterise(response.content, tmp_path, "leaflet")
    assert decoded_qr_codes(Image.open(png)) == ["http://portal.example.org:8081" + campaign.url]


@needs_poppler
@pytest.mark.parametrize("kind,size_mm", [("leaflet", A4_MM), ("poster", A3_MM)])
def test_printable_has_scannable_qr_code_to_the_campaign(client, campaign, tmp_path, kind, size_mm):
    site = Site.objects.get(is_default_site=True)
    settings = PortalSettings.for_site(site)
    settings.hotline = "96345"
    settings.save()

    response = client.get(campaign.printable_url(kind))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pngs = rasterise(response.content, tmp_path, kind)
    assert len(pngs) == 1, "a printable is one sheet"
    image = Image.open(pngs[0])
    # 150 dpi: A4 is 1240 x 1754 px, A3 is 1754 x 2480 px.
    expected = tuple(round(mm / 25.4 * 150) for mm in size_mm)
    assert abs(image.width - expected[0]) <= 2 and abs(image.height - expected[1]) <= 2

    assert decoded_qr_codes(image) == [campaign.get_full_url()]

    text = subprocess.run(["pdftotext", str(tmp_path / f"{kind}.pdf"), "-"], capture_output=True, text=True, check=True)
    assert "困难群众社会救助政策宣传月" in text.stdout
    assert "96345" in text.stdout  # the hotline from the site settings
    assert "户籍所在地乡镇（街道）社会救助窗口" in text.stdout  # a key fact
    fonts = subprocess.run(["pdffonts", str(tmp_path / f"{kind}.pdf")], capture_output=True, text=True, check=True)
    names = [line.split()[0] for line in fonts.stdout.splitlines()[2:] if line.strip()]
    assert names and all("PortalCJK" in name for name in names), names  # the embedded CJK font only


def test_printable_is_cached_until_the_campaign_changes(client, campaign, monkeypatch):
    import portal.core.pdf as core_pdf

    calls = []

    original = core_pdf.render_pdf

    def counting(template, context, base_url=None):
        calls.append(template)
        return original(template, context, base_url=base_url)

    monkeypatch.setattr(core_pdf, "render_pdf", counting)
    first = client.get(campaign.printable_url("leaflet")).content
    again = client.get(campaign.printable_url("leaflet")).content
    assert first == again and len(calls) == 1

    # A saved draft does not change what is printed; publishing a new revision does.
    campaign.summary = "草稿中的新摘要"
    campaign.save_revision()
    client.get(campaign.printable_url("leaflet"))
    assert len(calls) == 1
    campaign.save_revision().publish()
    changed = client.get(campaign.printable_url("leaflet")).content
    assert len(calls) == 2 and changed != first


def test_printables_only_for_live_campaigns(client, folders):
    draft = CampaignPageFactory(parent=folders["330106"], live=False)
    assert client.get(draft.printable_url("leaflet")).status_code == 404
    assert client.get(f"/publicity/print/{draft.pk}/flyer.pdf").status_code == 404


def test_campaign_page_links_to_printables(client, campaign):
    html = client.get(campaign.url).content.decode()
    assert campaign.printable_url("leaflet") in html and campaign.printable_url("poster") in html
