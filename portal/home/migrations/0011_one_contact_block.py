# One ContactBlock (portal.core.blocks) for every page type; it gains the optional office hours.

import wagtail.fields
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0010_capacity_moved_out"),
    ]

    # The block definitions live in Django's state only; the JSON column is unchanged.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="standardpage",
                    name="body",
                    field=wagtail.fields.StreamField(
                        [("heading", 0), ("paragraph", 1), ("image", 2), ("documents", 6), ("contact", 11)],
                        blank=True,
                        block_lookup={
                            0: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"form_classname": "title", "label": "小标题", "template": "blocks/heading.html"},
                            ),
                            1: (
                                "wagtail.blocks.RichTextBlock",
                                (),
                                {"features": ["bold", "italic", "link", "ol", "ul", "h3", "h4"], "label": "段落"},
                            ),
                            2: (
                                "wagtail.images.blocks.ImageBlock",
                                [],
                                {"label": "图片", "template": "blocks/image.html"},
                            ),
                            3: ("wagtail.blocks.CharBlock", (), {"label": "标题", "required": False}),
                            4: ("wagtail.documents.blocks.DocumentChooserBlock", (), {"label": "文件"}),
                            5: ("wagtail.blocks.ListBlock", (4,), {"label": "文件"}),
                            6: ("wagtail.blocks.StructBlock", [[("title", 3), ("documents", 5)]], {}),
                            7: ("wagtail.blocks.CharBlock", (), {"label": "联系人/部门", "max_length": 80}),
                            8: ("wagtail.blocks.CharBlock", (), {"label": "电话", "max_length": 40, "required": False}),
                            9: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"label": "地址", "max_length": 200, "required": False},
                            ),
                            10: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"label": "办公时间", "max_length": 120, "required": False},
                            ),
                            11: (
                                "wagtail.blocks.StructBlock",
                                [[("name", 7), ("phone", 8), ("address", 9), ("hours", 10)]],
                                {},
                            ),
                        },
                        verbose_name="正文",
                    ),
                ),
            ],
            database_operations=[],
        )
    ]
