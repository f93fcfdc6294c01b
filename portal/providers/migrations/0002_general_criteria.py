"""The policy's general eligibility criteria (浙民助〔2018〕117号, clause 3), version 1.

The criteria are written here as they were when this migration was written: a migration does not
import live code (portal.providers.policy_criteria), which may change after it."""

import datetime

from django.db import migrations

ISSUED = datetime.date(2018, 9, 7)
GENERAL_CRITERIA = [
    {
        "code": "G-1",
        "title": "属于政策所列的社会力量",
        "text": "承接政府购买社会救助服务的主体，主要是依法在民政部门登记成立或经国务院批准免于登记的社会组织，按事业单位分类改革应划入公益二类或生产经营类的事业单位法人，依法在工商管理或行业主管部门登记成立的企业、机构等社会力量。",
        "source": "浙民助〔2018〕117号 二、（一）3 界定承接主体",
        "requirement": "provider_type",
        "threshold": None,
    },
    {
        "code": "G-2",
        "title": "能够独立承担民事责任",
        "text": "承接主体能够独立承担民事责任。",
        "source": "浙民助〔2018〕117号 二、（一）3 界定承接主体",
        "requirement": "civil_liability",
        "threshold": None,
    },
    {
        "code": "G-3",
        "title": "具备必需的设施",
        "text": "具备提供服务所必需的设施、人员和专业技术能力。",
        "source": "浙民助〔2018〕117号 二、（一）3 界定承接主体",
        "requirement": "facilities",
        "threshold": None,
    },
    {
        "code": "G-4",
        "title": "具备必需的人员",
        "text": "具备提供服务所必需的设施、人员和专业技术能力（至少有 1 名从业人员）。",
        "source": "浙民助〔2018〕117号 二、（一）3 界定承接主体",
        "requirement": "staff_min",
        "threshold": 1,
    },
    {
        "code": "G-5",
        "title": "内部治理结构健全",
        "text": "具有健全的内部治理结构、财务会计和资产管理制度。",
        "source": "浙民助〔2018〕117号 二、（一）3 界定承接主体",
        "requirement": "governance",
        "threshold": None,
    },
    {
        "code": "G-6",
        "title": "财务会计和资产管理制度健全",
        "text": "具有健全的内部治理结构、财务会计和资产管理制度。",
        "source": "浙民助〔2018〕117号 二、（一）3 界定承接主体",
        "requirement": "finance",
        "threshold": None,
    },
    {
        "code": "G-7",
        "title": "未被暂停承接或退出",
        "text": "要建立承接主体退出机制，制定临时接管预案。被暂停承接的，在暂停期间不得承接；已退出的，不得承接。",
        "source": "浙民助〔2018〕117号 二、（一）5 严格开展监管评价",
        "requirement": "good_standing",
        "threshold": None,
    },
]


def forwards(apps, schema_editor):
    criterion_model = apps.get_model("providers", "EligibilityCriterion")
    for order, data in enumerate(GENERAL_CRITERIA, start=1):
        criterion_model.objects.get_or_create(
            code=data["code"], version=1, defaults={**data, "effective_from": ISSUED, "sort_order": order}
        )


def backwards(apps, schema_editor):
    apps.get_model("providers", "EligibilityCriterion").objects.filter(
        code__in=[c["code"] for c in GENERAL_CRITERIA], version=1
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("providers", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
