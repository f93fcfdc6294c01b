"""StreamField blocks shared by several page types."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock


class DocumentListBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("标题"), required=False)
    documents = blocks.ListBlock(DocumentChooserBlock(label=_("文件")), label=_("文件"))

    class Meta:
        template = "blocks/document_list.html"
        icon = "doc-full"
        label = _("附件列表")


class ContactBlock(blocks.StructBlock):
    """Who to ask: office, phone, address, hours. One block for every page type; outreach pages
    render it in their own frame (`ContactBlock(template="publicity/blocks/contact.html")`)."""

    name = blocks.CharBlock(label=_("联系人/部门"), max_length=80)
    phone = blocks.CharBlock(label=_("电话"), required=False, max_length=40)
    address = blocks.CharBlock(label=_("地址"), required=False, max_length=200)
    hours = blocks.CharBlock(label=_("办公时间"), required=False, max_length=120)

    class Meta:
        template = "blocks/contact.html"
        icon = "user"
        label = _("联系方式")


BODY_BLOCKS = [
    ("heading", blocks.CharBlock(form_classname="title", template="blocks/heading.html", label=_("小标题"))),
    ("paragraph", blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul", "h3", "h4"], label=_("段落"))),
    ("image", ImageBlock(label=_("图片"), template="blocks/image.html")),
    ("documents", DocumentListBlock()),
    ("contact", ContactBlock()),
]
