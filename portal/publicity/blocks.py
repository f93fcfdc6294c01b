"""StreamField blocks of campaign and training pages. Every block has its own template under
templates/publicity/blocks/ and is styled for the 长辈版 (.mode-large) in static/publicity/publicity.css."""

import copy

from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from portal.core.blocks import ContactBlock

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "link", "ol", "ul"]
VIDEO_EXTENSIONS = {"mp4": "video/mp4", "webm": "video/webm"}


class RichTextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=RICH_TEXT_FEATURES, **kwargs)

    class Meta:
        template = "publicity/blocks/rich_text.html"
        label = _("正文")
        icon = "pilcrow"


class AccessibleImageBlock(blocks.StructBlock):
    """An image whose text alternative is required: a campaign image usually carries information."""

    image = ImageChooserBlock(label=_("图片"))
    alt = blocks.CharBlock(
        label=_("替代文字"),
        max_length=200,
        help_text=_("向看不到图片的读者说明图片内容，例如“社区宣传栏张贴低保政策海报”"),
    )
    caption = blocks.CharBlock(label=_("图片说明"), required=False, max_length=200)

    class Meta:
        template = "publicity/blocks/image.html"
        label = _("图片")
        icon = "image"


class VideoBlock(blocks.StructBlock):
    """A video: an uploaded file (MP4/WebM) with a WebVTT captions file, or an embedded video."""

    title = blocks.CharBlock(label=_("视频标题"), max_length=120)
    video = DocumentChooserBlock(label=_("视频文件"), required=False, help_text=_("MP4 或 WebM 文件"))
    captions = DocumentChooserBlock(
        label=_("字幕文件"), required=False, help_text=_("WebVTT（.vtt）字幕，上传视频时必填")
    )
    embed = EmbedBlock(label=_("外部视频链接"), required=False)
    transcript = blocks.RichTextBlock(label=_("文字稿"), required=False, features=["bold", "ol", "ul"])

    class Meta:
        template = "publicity/blocks/video.html"
        label = _("视频")
        icon = "media"

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        video, captions, embed = value.get("video"), value.get("captions"), value.get("embed")
        if bool(video) == bool(embed):
            errors["video"] = ValidationError(_("请上传视频文件或填写外部视频链接，二者选其一。"))
        if video:
            if video.file_extension.lower() not in VIDEO_EXTENSIONS:
                errors["video"] = ValidationError(_("视频文件须为 MP4 或 WebM 格式。"))
            if not captions:
                errors["captions"] = ValidationError(_("上传的视频须配有字幕文件。"))
        if captions and captions.file_extension.lower() != "vtt":
            errors["captions"] = ValidationError(_("字幕文件须为 WebVTT（.vtt）格式。"))
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        video = value.get("video")
        context["video_type"] = VIDEO_EXTENSIONS.get(video.file_extension.lower()) if video else None
        return context


class MaterialChooserBlock(blocks.PageChooserBlock):
    """Chooses a material page; a body's materials are loaded with their files in one query (the
    block shows each file's type and size), not one query per material."""

    def __init__(self, **kwargs):
        kwargs.setdefault("page_type", "publicity.MaterialPage")
        super().__init__(**kwargs)

    def bulk_to_python(self, values):
        from .models import MaterialPage

        found = MaterialPage.objects.select_related("document").in_bulk(values)
        result, seen = [], set()
        for pk in values:
            page = found.get(pk)
            # A material chosen twice gets two instances, as in Wagtail's own bulk_to_python.
            result.append(copy.copy(page) if page is not None and pk in seen else page)
            seen.add(pk)
        return result


class MaterialsBlock(blocks.StructBlock):
    """Downloadable materials from the materials library (posters, leaflets, slide decks, videos)."""

    heading = blocks.CharBlock(label=_("标题"), max_length=80, default=_("宣传资料下载"))
    materials = blocks.ListBlock(MaterialChooserBlock(label=_("资料")), label=_("资料"), min_num=1)

    class Meta:
        template = "publicity/blocks/materials.html"
        label = _("资料下载")
        icon = "download"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        # A chooser can pick drafts; the public only ever sees live materials.
        context["live_materials"] = [m.specific for m in value["materials"] if m is not None and m.live]
        return context


class FAQBlock(blocks.StructBlock):
    """Questions and answers as a native <details> accordion: keyboard accessible, no JavaScript."""

    heading = blocks.CharBlock(label=_("标题"), max_length=80, default=_("常见问题"))
    items = blocks.ListBlock(
        blocks.StructBlock(
            [
                ("question", blocks.CharBlock(label=_("问题"), max_length=200)),
                ("answer", blocks.RichTextBlock(label=_("回答"), features=["bold", "link", "ol", "ul"])),
            ],
            label=_("问答"),
        ),
        label=_("问答"),
        min_num=1,
    )

    class Meta:
        template = "publicity/blocks/faq.html"
        label = _("常见问题")
        icon = "help"


class KeyFactsBlock(blocks.StructBlock):
    """Short facts people must remember (who qualifies, where to apply, the hotline). Printed on
    the campaign's leaflet and poster."""

    heading = blocks.CharBlock(label=_("标题"), max_length=80, default=_("政策要点"))
    facts = blocks.ListBlock(
        blocks.StructBlock(
            [
                ("label", blocks.CharBlock(label=_("事项"), max_length=40)),
                ("value", blocks.CharBlock(label=_("内容"), max_length=200)),
            ],
            label=_("要点"),
        ),
        label=_("要点"),
        min_num=1,
    )

    class Meta:
        template = "publicity/blocks/key_facts.html"
        label = _("政策要点")
        icon = "list-ul"


class StepsBlock(blocks.StructBlock):
    """Numbered steps, e.g. how to apply for assistance."""

    heading = blocks.CharBlock(label=_("标题"), max_length=80, default=_("申请步骤"))
    steps = blocks.ListBlock(
        blocks.StructBlock(
            [
                ("title", blocks.CharBlock(label=_("步骤"), max_length=80)),
                ("description", blocks.TextBlock(label=_("说明"), required=False)),
            ],
            label=_("步骤"),
        ),
        label=_("步骤"),
        min_num=1,
    )

    class Meta:
        template = "publicity/blocks/steps.html"
        label = _("办理步骤")
        icon = "list-ol"


# Target -> (URL name, fixed path used until the owning app has landed, default button text).
CTA_TARGETS = {
    "eligibility": ("providers:eligibility_check", "/providers/eligibility-check/", _("承接主体资格自查")),
    "notices": ("disclosures:notice_list", "/disclosures/notices/", _("查看采购公告")),
    "complaint": ("oversight:complaint_new", "/oversight/complaints/new/", _("我要投诉")),
}


def cta_url(target):
    """The URL of a call-to-action target, resolved by URL name at render time."""
    name, fallback, _label = CTA_TARGETS[target]
    try:
        return reverse(name)
    except NoReverseMatch:
        return fallback


class CallToActionValue(blocks.StructValue):
    def url(self):
        return cta_url(self["target"])

    def button_text(self):
        return self["text"] or CTA_TARGETS[self["target"]][2]


class CallToActionBlock(blocks.StructBlock):
    """A prominent link to the eligibility self-check, the notices listing or the complaints channel."""

    target = blocks.ChoiceBlock(
        label=_("链接到"),
        choices=[
            ("eligibility", _("承接主体资格自查")),
            ("notices", _("采购公告")),
            ("complaint", _("投诉监督")),
        ],
    )
    heading = blocks.CharBlock(label=_("标题"), max_length=80)
    description = blocks.TextBlock(label=_("说明"), required=False)
    text = blocks.CharBlock(label=_("按钮文字"), required=False, max_length=30)

    class Meta:
        template = "publicity/blocks/call_to_action.html"
        label = _("行动指引")
        icon = "link"
        value_class = CallToActionValue


class AgendaBlock(blocks.StructBlock):
    """A training course's timetable."""

    heading = blocks.CharBlock(label=_("标题"), max_length=80, default=_("课程安排"))
    sessions = blocks.ListBlock(
        blocks.StructBlock(
            [
                ("time", blocks.CharBlock(label=_("时间"), max_length=40)),
                ("topic", blocks.CharBlock(label=_("内容"), max_length=120)),
                ("speaker", blocks.CharBlock(label=_("主讲"), required=False, max_length=80)),
            ],
            label=_("课程"),
        ),
        label=_("课程"),
        min_num=1,
    )

    class Meta:
        template = "publicity/blocks/agenda.html"
        label = _("课程安排")
        icon = "date"


class PolicyTextBlock(blocks.StructBlock):
    """A policy text a course teaches: an uploaded document, a page of the portal or an official link."""

    title = blocks.CharBlock(label=_("文件名称"), max_length=120)
    number = blocks.CharBlock(label=_("文号"), required=False, max_length=60)
    document = DocumentChooserBlock(label=_("文件"), required=False)
    page = blocks.PageChooserBlock(label=_("站内页面"), required=False)
    url = blocks.URLBlock(label=_("外部链接"), required=False)

    class Meta:
        template = "publicity/blocks/policy_text.html"
        label = _("政策文件")
        icon = "doc-full"

    def clean(self, value):
        value = super().clean(value)
        if not (value.get("document") or value.get("page") or value.get("url")):
            raise StructBlockValidationError(
                block_errors={"document": ValidationError(_("请上传文件、选择站内页面或填写外部链接。"))}
            )
        return value


CAMPAIGN_BLOCKS = [
    ("rich_text", RichTextBlock()),
    ("image", AccessibleImageBlock()),
    ("video", VideoBlock()),
    ("materials", MaterialsBlock()),
    ("faq", FAQBlock()),
    ("key_facts", KeyFactsBlock()),
    ("steps", StepsBlock()),
    ("call_to_action", CallToActionBlock()),
    ("contact", ContactBlock(template="publicity/blocks/contact.html")),
]

TRAINING_BLOCKS = [
    ("rich_text", RichTextBlock()),
    ("agenda", AgendaBlock()),
    ("policy_text", PolicyTextBlock()),
    ("materials", MaterialsBlock()),
    ("video", VideoBlock()),
    ("faq", FAQBlock()),
    ("contact", ContactBlock(template="publicity/blocks/contact.html")),
]
