"""Every campaign block renders accessible HTML, validates what editors enter, and has 长辈版 styles."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.images.tests.utils import get_test_image_file

from portal.publicity import blocks
from portal.publicity.factories import CampaignPageFactory, DocumentFactory, MaterialPageFactory

pytestmark = pytest.mark.django_db


def render(block, value):
    return block.render(block.to_python(block.get_prep_value(block.normalize(value))))


@pytest.fixture
def image(db):
    from wagtail.images.models import Image

    return Image.objects.create(title="宣传栏", file=get_test_image_file())


def test_rich_text_block():
    html = render(blocks.RichTextBlock(), "<p>低保政策<b>应知尽知</b></p>")
    assert 'class="pub-block pub-rich-text"' in html and "<b>应知尽知</b>" in html


def test_image_block_renders_alt_and_requires_it(image):
    block = blocks.AccessibleImageBlock()
    html = render(block, {"image": image, "alt": "社区宣传栏张贴低保政策海报", "caption": "西湖区文新街道"})
    assert 'alt="社区宣传栏张贴低保政策海报"' in html
    assert "<figcaption>西湖区文新街道</figcaption>" in html
    with pytest.raises(ValidationError):
        block.clean(block.normalize({"image": image, "alt": "", "caption": ""}))


def test_video_block_uploaded_with_captions():
    block = blocks.VideoBlock()
    video = DocumentFactory(title="政策解读视频", file__filename="policy.mp4", file__data=b"\x00\x00\x00\x18ftypmp42")
    captions = DocumentFactory(
        title="字幕", file__filename="policy.vtt", file__data="WEBVTT\n\n00:00.000 --> 00:02.000\n低保\n".encode()
    )
    value = block.clean(
        block.normalize(
            {"title": "低保政策三分钟", "video": video, "captions": captions, "transcript": "<p>文字稿内容</p>"}
        )
    )
    html = block.render(value)
    assert f'<source src="{video.url}" type="video/mp4">' in html
    assert f'<track kind="captions" src="{captions.url}" srclang="zh"' in html
    assert '<details class="pub-transcript"><summary>文字稿</summary>' in html


def test_video_block_validation():
    block = blocks.VideoBlock()
    video = DocumentFactory(file__filename="v.mp4", file__data=b"x")
    srt = DocumentFactory(file__filename="v.srt", file__data=b"1")
    with pytest.raises(ValidationError) as missing:
        block.clean(block.normalize({"title": "t", "video": video}))
    assert "captions" in missing.value.block_errors
    with pytest.raises(ValidationError) as wrong:
        block.clean(block.normalize({"title": "t", "video": video, "captions": srt}))
    assert "captions" in wrong.value.block_errors
    with pytest.raises(ValidationError) as neither:
        block.clean(block.normalize({"title": "t"}))
    assert "video" in neither.value.block_errors
    pdf = DocumentFactory(file__filename="v.pdf", file__data=b"%PDF")
    with pytest.raises(ValidationError):
        block.clean(block.normalize({"title": "t", "video": pdf, "captions": None}))


def test_video_block_embed():
    url = "https://v.example.org/watch/123"
    Embed.objects.create(
        url=url,
        hash=get_embed_hash(url),
        max_width=None,
        type="video",
        html='<iframe title="政策视频" src="https://v.example.org/e/123"></iframe>',
    )
    block = blocks.VideoBlock()
    html = render(block, {"title": "政策视频", "embed": url})
    assert '<iframe title="政策视频"' in html
    assert f'<a href="{url}">在视频网站观看' in html


def test_materials_block_shows_only_live_materials(folders):
    live = MaterialPageFactory(parent=folders["330106"], title="低保政策海报")
    live.save_revision().publish()
    draft = MaterialPageFactory(parent=folders["330106"], title="尚未发布的资料", live=False)
    html = render(blocks.MaterialsBlock(), {"heading": "资料下载", "materials": [live, draft]})
    assert "低保政策海报" in html and live.url in html and live.document.url in html
    assert "尚未发布的资料" not in html


def test_faq_block_is_a_details_accordion():
    html = render(
        blocks.FAQBlock(),
        {"heading": "常见问题", "items": [{"question": "低保怎么申请？", "answer": "<p>到乡镇（街道）窗口申请。</p>"}]},
    )
    assert '<details class="pub-faq-item">' in html
    assert "<summary>低保怎么申请？</summary>" in html
    assert "<script" not in html


def test_key_facts_block_is_a_description_list():
    html = render(blocks.KeyFactsBlock(), {"heading": "要点", "facts": [{"label": "热线", "value": "12345"}]})
    assert re.search(r"<dl>\s*<div class=\"pub-fact\"><dt>热线</dt><dd>12345</dd></div>", html)


def test_steps_block_is_an_ordered_list():
    html = render(
        blocks.StepsBlock(),
        {
            "heading": "如何申请",
            "steps": [{"title": "提出申请", "description": "携带身份证"}, {"title": "入户调查", "description": ""}],
        },
    )
    assert "<ol>" in html and html.index("提出申请") < html.index("入户调查")


@pytest.mark.parametrize(
    "target,fallback",
    [
        ("eligibility", "/providers/eligibility-check/"),
        ("notices", "/disclosures/notices/"),
        ("complaint", "/oversight/complaints/new/"),
    ],
)
def test_call_to_action_falls_back_to_fixed_path(target, fallback, monkeypatch):
    from django.urls import NoReverseMatch

    def no_reverse(name):
        raise NoReverseMatch(name)

    monkeypatch.setattr(blocks, "reverse", no_reverse)
    html = render(blocks.CallToActionBlock(), {"target": target, "heading": "行动", "description": "", "text": ""})
    assert f'href="{fallback}"' in html
    assert str(blocks.CTA_TARGETS[target][2]) in html


def test_call_to_action_resolves_url_name_at_render_time(monkeypatch):
    seen = []

    def fake_reverse(name):
        seen.append(name)
        return "/resolved/"

    monkeypatch.setattr(blocks, "reverse", fake_reverse)
    html = render(
        blocks.CallToActionBlock(), {"target": "complaint", "heading": "投诉", "description": "", "text": "去投诉"}
    )
    assert seen == ["oversight:complaint_new"]
    assert 'href="/resolved/"' in html and "去投诉" in html


def test_contact_block():
    html = render(
        dict(blocks.CAMPAIGN_BLOCKS)["contact"],
        {"name": "西湖区民政局", "phone": "0571-1234", "address": "", "hours": "工作日"},
    )
    assert "<address>" in html and 'href="tel:0571-1234"' in html and "工作日" in html


def test_policy_text_block_needs_a_target():
    block = blocks.PolicyTextBlock()
    with pytest.raises(ValidationError):
        block.clean(block.normalize({"title": "浙民助〔2018〕117号"}))
    html = render(block, {"title": "通知", "number": "浙民助〔2018〕117号", "url": "https://mzt.zj.gov.cn/"})
    assert 'href="https://mzt.zj.gov.cn/"' in html and "浙民助〔2018〕117号" in html


def test_every_block_has_large_text_styles():
    """Each block's root class has a rule under .mode-large in the app stylesheet."""
    css = (Path(settings.BASE_DIR) / "static/publicity/publicity.css").read_text()
    large_rules = " ".join(line for line in css.splitlines() if line.startswith(".mode-large"))
    for name, block in blocks.CAMPAIGN_BLOCKS + blocks.TRAINING_BLOCKS:
        template = (Path(settings.BASE_DIR) / "templates" / block.meta.template).read_text()
        root_class = re.search(r'class="pub-block (pub-[a-z-]+)', template).group(1)
        assert f".mode-large .{root_class}" in large_rules, f"{name} ({root_class}) has no 长辈版 style"


def test_campaign_page_renders_all_blocks_in_large_text_mode(client, folders, image):
    material = MaterialPageFactory(parent=folders["330106"])
    material.save_revision().publish()
    body = [
        ("rich_text", "<p>正文</p>"),
        ("image", {"image": image, "alt": "替代文字", "caption": ""}),
        ("materials", {"heading": "下载", "materials": [material]}),
        ("faq", {"heading": "问答", "items": [{"question": "问", "answer": "<p>答</p>"}]}),
        ("key_facts", {"heading": "要点", "facts": [{"label": "热线", "value": "12345"}]}),
        ("steps", {"heading": "步骤", "steps": [{"title": "申请", "description": ""}]}),
        ("call_to_action", {"target": "complaint", "heading": "监督", "description": "", "text": ""}),
        ("contact", {"name": "民政局", "phone": "", "address": "", "hours": ""}),
    ]
    page = CampaignPageFactory(parent=folders["330106"], body=body)
    page.save_revision().publish()
    client.cookies["portal_display"] = "large"
    html = client.get(page.url).content.decode()
    assert '<html lang="zh-CN" class="mode-large">' in html
    assert "/static/publicity/publicity.css" in html
    for css_class in [
        "pub-rich-text",
        "pub-image",
        "pub-materials",
        "pub-faq",
        "pub-key-facts",
        "pub-steps",
        "pub-cta",
        "pub-contact",
    ]:
        assert f"pub-block {css_class}" in html, css_class


def test_one_contact_block_for_every_page_type():
    """Standard pages and outreach pages use the same ContactBlock (portal.core.blocks); outreach
    pages only frame it differently."""
    from portal.core.blocks import BODY_BLOCKS, ContactBlock

    for block in (
        dict(BODY_BLOCKS)["contact"],
        dict(blocks.CAMPAIGN_BLOCKS)["contact"],
        dict(blocks.TRAINING_BLOCKS)["contact"],
    ):
        assert type(block) is ContactBlock
    html = render(
        dict(BODY_BLOCKS)["contact"], {"name": "西湖区民政局", "phone": "", "address": "", "hours": "工作日 9:00-17:00"}
    )
    assert 'class="block-contact"' in html and "办公时间：工作日 9:00-17:00" in html
