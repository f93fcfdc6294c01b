"""Complainants' and mail-queue e-mail addresses may be internationalised (测试@例子.中国)."""

import portal.oversight.emails
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("oversight", "0005_strip_invisible_published_text"),
    ]

    operations = [
        migrations.AlterField(
            model_name="case",
            name="contact_email",
            field=portal.oversight.emails.InternationalEmailModelField(
                blank=True, max_length=254, verbose_name="电子邮箱"
            ),
        ),
        migrations.AlterField(
            model_name="outboxmessage",
            name="to",
            field=portal.oversight.emails.InternationalEmailModelField(max_length=254, verbose_name="收件人"),
        ),
    ]
