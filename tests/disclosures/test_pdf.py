"""Notice PDFs at <notice url>pdf/: WeasyPrint with the embedded CJK font, cached per revision and
regenerated when the page is republished."""

import datetime as dt
import shutil
import subprocess
from decimal import Decimal

import pytest

from portal.disclosures.models import NoticeKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def result_notice(make_project, publish_notice):
    project = make_project(title="西湖区特困人员照料护理服务项目")
    return publish_notice(
        project,
        NoticeKind.RESULT,
        title="西湖区特困人员照料护理服务中标结果公告",
        number="ZJ-TEST-JG-01",
        published_on=dt.date(2026, 10, 14),
        decision_date=dt.date(2026, 9, 29),
        supplier_name="杭州市西湖区阳光社会工作服务中心",
        supplier_credit_code="52330106MJ0000000X",
        amount=Decimal("480000"),
        evaluation_panel="张三\n李四\n王五",
        body="<p>经评标委员会评审，确定中标供应商如下。公告期限为1个工作日。</p>",
    )


def test_pdf_has_embedded_cjk_font_and_text(client, result_notice, tmp_path):
    response = client.get(result_notice.url + "pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    pdf = tmp_path / "notice.pdf"
    pdf.write_bytes(response.content)
    if not shutil.which("pdffonts"):
        pytest.skip("poppler-utils not installed")
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = [line for line in fonts.splitlines()[2:] if line.strip()]
    assert rows and all(line.split()[-5] == "yes" for line in rows), fonts  # emb column
    assert "PortalCJK" in fonts  # the @font-face family of portal.core.pdf (WenQuanYi Micro Hei)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "中标结果公告" in text and "杭州市西湖区阳光社会工作服务中心" in text
    assert "逾期发布" in text


def test_pdf_is_cached_and_regenerated_on_republish(client, result_notice, monkeypatch):
    from portal.core import pdf as pdf_module

    calls = []
    original = pdf_module.render_pdf
    monkeypatch.setattr(pdf_module, "render_pdf", lambda *a, **k: calls.append(1) or original(*a, **k))
    url = result_notice.url + "pdf/"
    client.get(url)
    client.get(url)
    assert len(calls) == 1
    result_notice.title = "西湖区特困人员照料护理服务中标结果公告（更新）"
    result_notice.save_revision().publish()
    response = client.get(url)
    assert len(calls) == 2
    assert response.status_code == 200


def test_pdf_prints_the_public_address_whatever_host_it_was_requested_on(client, result_notice, settings):
    """The footer's 本公告网址 is the portal's public address (PORTAL_BASE_URL), not localhost or the
    internal host the request came to."""
    from io import BytesIO

    from pypdf import PdfReader

    settings.PORTAL_BASE_URL = "https://jiuzhu.example.gov.cn"
    response = client.get(result_notice.url + "pdf/", HTTP_HOST="10.0.8.15:8080")
    assert response.status_code == 200
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(response.content)).pages).replace("\n", "")
    assert "https://jiuzhu.example.gov.cn" + result_notice.url in text
    assert "localhost" not in text and "10.0.8.15" not in text


def test_a_long_printed_url_stays_inside_the_page(client, result_notice, settings, tmp_path):
    """A long address (a percent-encoded non-ASCII slug) wraps inside the page's margins instead of
    running off its right edge: the page, rasterised, has nothing printed in its right margin."""
    if not shutil.which("pdftoppm"):
        pytest.skip("poppler-utils not installed")
    from PIL import Image

    settings.PORTAL_BASE_URL = "https://jiuzhu.example.gov.cn"
    result_notice.slug = "杭州市西湖区社会救助对象照料护理服务项目中标结果公告"
    result_notice.save_revision().publish()
    result_notice.refresh_from_db()
    pdf = tmp_path / "notice.pdf"
    pdf.write_bytes(client.get(result_notice.url + "pdf/").content)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "%E6%9D%AD" in text  # the long address is printed
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(tmp_path / "p")])
    page = Image.open(tmp_path / "p.png").convert("L")
    margin = page.crop((page.width - round(page.width * 0.06), 0, page.width, page.height))
    assert margin.getextrema()[0] > 200, "something is printed in the right margin"
