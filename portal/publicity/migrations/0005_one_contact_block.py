# One ContactBlock (portal.core.blocks) for every page type; it gains the optional office hours.

import wagtail.fields
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("publicity", "0004_regions_from_reference"),
    ]

    # The block definitions live in Django's state only; the JSON column is unchanged.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="campaignpage",
                    name="body",
                    field=wagtail.fields.StreamField(
                        [
                            ("rich_text", 0),
                            ("image", 4),
                            ("video", 10),
                            ("materials", 14),
                            ("faq", 20),
                            ("key_facts", 26),
                            ("steps", 32),
                            ("call_to_action", 36),
                            ("contact", 41),
                        ],
                        blank=True,
                        block_lookup={
                            0: ("portal.publicity.blocks.RichTextBlock", (), {}),
                            1: ("wagtail.images.blocks.ImageChooserBlock", (), {"label": "图片"}),
                            2: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {
                                    "help_text": "向看不到图片的读者说明图片内容，例如“社区宣传栏张贴低保政策海报”",
                                    "label": "替代文字",
                                    "max_length": 200,
                                },
                            ),
                            3: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"label": "图片说明", "max_length": 200, "required": False},
                            ),
                            4: ("wagtail.blocks.StructBlock", [[("image", 1), ("alt", 2), ("caption", 3)]], {}),
                            5: ("wagtail.blocks.CharBlock", (), {"label": "视频标题", "max_length": 120}),
                            6: (
                                "wagtail.documents.blocks.DocumentChooserBlock",
                                (),
                                {"help_text": "MP4 或 WebM 文件", "label": "视频文件", "required": False},
                            ),
                            7: (
                                "wagtail.documents.blocks.DocumentChooserBlock",
                                (),
                                {
                                    "help_text": "WebVTT（.vtt）字幕，上传视频时必填",
                                    "label": "字幕文件",
                                    "required": False,
                                },
                            ),
                            8: ("wagtail.embeds.blocks.EmbedBlock", (), {"label": "外部视频链接", "required": False}),
                            9: (
                                "wagtail.blocks.RichTextBlock",
                                (),
                                {"features": ["bold", "ol", "ul"], "label": "文字稿", "required": False},
                            ),
                            10: (
                                "wagtail.blocks.StructBlock",
                                [[("title", 5), ("video", 6), ("captions", 7), ("embed", 8), ("transcript", 9)]],
                                {},
                            ),
                            11: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"default": "宣传资料下载", "label": "标题", "max_length": 80},
                            ),
                            12: ("portal.publicity.blocks.MaterialChooserBlock", (), {"label": "资料"}),
                            13: ("wagtail.blocks.ListBlock", (12,), {"label": "资料", "min_num": 1}),
                            14: ("wagtail.blocks.StructBlock", [[("heading", 11), ("materials", 13)]], {}),
                            15: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"default": "常见问题", "label": "标题", "max_length": 80},
                            ),
                            16: ("wagtail.blocks.CharBlock", (), {"label": "问题", "max_length": 200}),
                            17: (
                                "wagtail.blocks.RichTextBlock",
                                (),
                                {"features": ["bold", "link", "ol", "ul"], "label": "回答"},
                            ),
                            18: ("wagtail.blocks.StructBlock", [[("question", 16), ("answer", 17)]], {"label": "问答"}),
                            19: ("wagtail.blocks.ListBlock", (18,), {"label": "问答", "min_num": 1}),
                            20: ("wagtail.blocks.StructBlock", [[("heading", 15), ("items", 19)]], {}),
                            21: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"default": "政策要点", "label": "标题", "max_length": 80},
                            ),
                            22: ("wagtail.blocks.CharBlock", (), {"label": "事项", "max_length": 40}),
                            23: ("wagtail.blocks.CharBlock", (), {"label": "内容", "max_length": 200}),
                            24: ("wagtail.blocks.StructBlock", [[("label", 22), ("value", 23)]], {"label": "要点"}),
                            25: ("wagtail.blocks.ListBlock", (24,), {"label": "要点", "min_num": 1}),
                            26: ("wagtail.blocks.StructBlock", [[("heading", 21), ("facts", 25)]], {}),
                            27: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"default": "申请步骤", "label": "标题", "max_length": 80},
                            ),
                            28: ("wagtail.blocks.CharBlock", (), {"label": "步骤", "max_length": 80}),
                            29: ("wagtail.blocks.TextBlock", (), {"label": "说明", "required": False}),
                            30: (
                                "wagtail.blocks.StructBlock",
                                [[("title", 28), ("description", 29)]],
                                {"label": "步骤"},
                            ),
                            31: ("wagtail.blocks.ListBlock", (30,), {"label": "步骤", "min_num": 1}),
                            32: ("wagtail.blocks.StructBlock", [[("heading", 27), ("steps", 31)]], {}),
                            33: (
                                "wagtail.blocks.ChoiceBlock",
                                [],
                                {
                                    "choices": [
                                        ("eligibility", "承接主体资格自查"),
                                        ("notices", "采购公告"),
                                        ("complaint", "投诉监督"),
                                    ],
                                    "label": "链接到",
                                },
                            ),
                            34: ("wagtail.blocks.CharBlock", (), {"label": "标题", "max_length": 80}),
                            35: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"label": "按钮文字", "max_length": 30, "required": False},
                            ),
                            36: (
                                "wagtail.blocks.StructBlock",
                                [[("target", 33), ("heading", 34), ("description", 29), ("text", 35)]],
                                {},
                            ),
                            37: ("wagtail.blocks.CharBlock", (), {"label": "联系人/部门", "max_length": 80}),
                            38: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"label": "电话", "max_length": 40, "required": False},
                            ),
                            39: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"label": "地址", "max_length": 200, "required": False},
                            ),
                            40: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"label": "办公时间", "max_length": 120, "required": False},
                            ),
                            41: (
                                "wagtail.blocks.StructBlock",
                                [[("name", 37), ("phone", 38), ("address", 39), ("hours", 40)]],
                                {"template": "publicity/blocks/contact.html"},
                            ),
                        },
                        verbose_name="正文",
                    ),
                ),
                migrations.AlterField(
                    model_name="trainingcoursepage",
                    name="body",
                    field=wagtail.fields.StreamField(
                        [
                            ("rich_text", 0),
                            ("agenda", 7),
                            ("policy_text", 13),
                            ("materials", 17),
                            ("video", 23),
                            ("faq", 29),
                            ("contact", 34),
                        ],
                        blank=True,
                        block_lookup={
                            0: ("portal.publicity.blocks.RichTextBlock", (), {}),
                            1: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"default": "课程安排", "label": "标题", "max_length": 80},
                            ),
                            2: ("wagtail.blocks.CharBlock", (), {"label": "时间", "max_length": 40}),
                            3: ("wagtail.blocks.CharBlock", (), {"label": "内容", "max_length": 120}),
                            4: ("wagtail.blocks.CharBlock", (), {"label": "主讲", "max_length": 80, "required": False}),
                            5: (
                                "wagtail.blocks.StructBlock",
                                [[("time", 2), ("topic", 3), ("speaker", 4)]],
                                {"label": "课程"},
                            ),
                            6: ("wagtail.blocks.ListBlock", (5,), {"label": "课程", "min_num": 1}),
                            7: ("wagtail.blocks.StructBlock", [[("heading", 1), ("sessions", 6)]], {}),
                            8: ("wagtail.blocks.CharBlock", (), {"label": "文件名称", "max_length": 120}),
                            9: ("wagtail.blocks.CharBlock", (), {"label": "文号", "max_length": 60, "required": False}),
                            10: (
                                "wagtail.documents.blocks.DocumentChooserBlock",
                                (),
                                {"label": "文件", "required": False},
                            ),
                            11: ("wagtail.blocks.PageChooserBlock", (), {"label": "站内页面", "required": False}),
                            12: ("wagtail.blocks.URLBlock", (), {"label": "外部链接", "required": False}),
                            13: (
                                "wagtail.blocks.StructBlock",
                                [[("title", 8), ("number", 9), ("document", 10), ("page", 11), ("url", 12)]],
                                {},
                            ),
                            14: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"default": "宣传资料下载", "label": "标题", "max_length": 80},
                            ),
                            15: ("portal.publicity.blocks.MaterialChooserBlock", (), {"label": "资料"}),
                            16: ("wagtail.blocks.ListBlock", (15,), {"label": "资料", "min_num": 1}),
                            17: ("wagtail.blocks.StructBlock", [[("heading", 14), ("materials", 16)]], {}),
                            18: ("wagtail.blocks.CharBlock", (), {"label": "视频标题", "max_length": 120}),
                            19: (
                                "wagtail.documents.blocks.DocumentChooserBlock",
                                (),
                                {"help_text": "MP4 或 WebM 文件", "label": "视频文件", "required": False},
                            ),
                            20: (
                                "wagtail.documents.blocks.DocumentChooserBlock",
                                (),
                                {
                                    "help_text": "WebVTT（.vtt）字幕，上传视频时必填",
                                    "label": "字幕文件",
                                    "required": False,
                                },
                            ),
                            21: ("wagtail.embeds.blocks.EmbedBlock", (), {"label": "外部视频链接", "required": False}),
                            22: (
                                "wagtail.blocks.RichTextBlock",
                                (),
                                {"features": ["bold", "ol", "ul"], "label": "文字稿", "required": False},
                            ),
                            23: (
                                "wagtail.blocks.StructBlock",
                                [[("title", 18), ("video", 19), ("captions", 20), ("embed", 21), ("transcript", 22)]],
                                {},
                            ),
                            24: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"default": "常见问题", "label": "标题", "max_length": 80},
                            ),
                            25: ("wagtail.blocks.CharBlock", (), {"label": "问题", "max_length": 200}),
                            26: (
                                "wagtail.blocks.RichTextBlock",
                                (),
                                {"features": ["bold", "link", "ol", "ul"], "label": "回答"},
                            ),
                            27: ("wagtail.blocks.StructBlock", [[("question", 25), ("answer", 26)]], {"label": "问答"}),
                            28: ("wagtail.blocks.ListBlock", (27,), {"label": "问答", "min_num": 1}),
                            29: ("wagtail.blocks.StructBlock", [[("heading", 24), ("items", 28)]], {}),
                            30: ("wagtail.blocks.CharBlock", (), {"label": "联系人/部门", "max_length": 80}),
                            31: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"label": "电话", "max_length": 40, "required": False},
                            ),
                            32: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"label": "地址", "max_length": 200, "required": False},
                            ),
                            33: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"label": "办公时间", "max_length": 120, "required": False},
                            ),
                            34: (
                                "wagtail.blocks.StructBlock",
                                [[("name", 30), ("phone", 31), ("address", 32), ("hours", 33)]],
                                {"template": "publicity/blocks/contact.html"},
                            ),
                        },
                        verbose_name="课程内容",
                    ),
                ),
            ],
            database_operations=[],
        )
    ]
