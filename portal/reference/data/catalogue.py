"""The 16-item guiding catalogue of the policy annex (浙民助〔2018〕117号 附件), verbatim."""

from django.db import transaction

AFFAIRS = "affairs"
SERVICE = "service"

CATALOGUE = [
    (AFFAIRS, "社会救助申请对象排查", "特困、低保、低边等"),
    (AFFAIRS, "社会救助对象家境调查", "特困、低保、低边等"),
    (AFFAIRS, "社会救助业务培训", "社会救助经办人员"),
    (AFFAIRS, "社会救助政策宣传", "经办人员、困难群众"),
    (AFFAIRS, "社会救助绩效评价", "民政部门"),
    (AFFAIRS, "社会救助课题研究", "民政部门"),
    (AFFAIRS, "特困人员自理能力评估", "特困人员"),
    (AFFAIRS, "社会救助家庭经济状况核对", "特困、低保、低边、医疗救助、临时救助等"),
    (SERVICE, "社会救助对象照料护理", "特困人员等"),
    (SERVICE, "社会救助对象康复训练", "低保、低边中的残疾人等"),
    (SERVICE, "社会救助对象送医陪护", "医疗救助对象"),
    (SERVICE, "社会救助对象社会融入", "特困、低保、低边等"),
    (SERVICE, "社会救助对象能力提升", "特困、低保、低边等"),
    (SERVICE, "社会救助对象心理疏导", "特困、低保、低边等"),
    (SERVICE, "资源链接", "特困、低保、低边、医疗救助、临时救助对象等"),
    (SERVICE, "罕见病对象跟踪", "罕见病患者"),
]


@transaction.atomic
def load_catalogue():
    """Create or update the annex items; returns (created, updated)."""
    from portal.reference.models import ServiceItem

    created = updated = 0
    for order, (category, name, groups) in enumerate(CATALOGUE, start=1):
        item, was_created = ServiceItem.objects.get_or_create(
            name=name,
            defaults={"category": category, "served_groups": groups, "sort_order": order, "in_policy_annex": True},
        )
        if was_created:
            created += 1
            continue
        changes = {"category": category, "served_groups": groups, "sort_order": order, "in_policy_annex": True}
        if any(getattr(item, key) != value for key, value in changes.items()):
            for key, value in changes.items():
                setattr(item, key, value)
            item.save()
            updated += 1
    return created, updated
