from django.db import migrations

CHANNELS = [
    "报纸",
    "广播",
    "电视",
    "网站",
    "微信公众号",
    "短视频平台",
    "社区宣传栏",
    "入户走访",
    "培训班",
    "政务服务大厅",
]


def add_channels(apps, schema_editor):
    Channel = apps.get_model("publicity", "Channel")
    for order, name in enumerate(CHANNELS):
        Channel.objects.get_or_create(name=name, defaults={"sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("publicity", "0001_initial")]

    operations = [migrations.RunPython(add_channels, migrations.RunPython.noop)]
