"""The facts of a notice, in order: one list for the notice page (templates/disclosures/includes/
notice_article.html) and its PDF (templates/disclosures/notice_pdf.html), so that the page states
everything the PDF does (purchaser, agency, budget, service items, dates, supplier, contact) and the
other way round. Each medium formats dates and links its own way (includes/notice_fact.html)."""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from portal.core.money import format_yuan


@dataclass(frozen=True)
class Fact:
    label: str
    text: str = ""
    url: str = ""  # the text links here on the web page
    day: dt.date | None = None
    until: dt.date | None = None  # with `day`: a period
    moment: dt.datetime | None = None


def notice_facts(notice, project, service_items, supplier_url="", project_url=""):
    """The notice's facts as a list of Fact, empty ones left out."""
    facts = []

    def add(label, text="", url="", day=None, until=None, moment=None):
        if text or day or moment:
            facts.append(Fact(str(label), str(text or ""), url, day, until, moment))

    add(_("公告编号"), notice.number)
    add(_("采购项目"), project.title, url=project_url)
    add(_("项目编号"), project.project_number)
    add(_("采购人"), f"{project.purchaser}（{project.region.full_name}）")
    add(_("采购代理机构"), project.agency)
    add(_("采购方式"), project.get_method_display())
    add(_("预算金额"), format_yuan(project.budget))
    add(_("服务项目"), "、".join(item.name for item in service_items))
    add(_("发布日期"), day=notice.published_on)
    add(_("预计采购时间"), day=notice.planned_start)
    if notice.documents_from:
        add(_("采购文件提供期限"), day=notice.documents_from, until=notice.documents_until)
    add(_("截止时间"), moment=notice.bid_deadline)
    add(_("地点"), notice.place)
    add(_("变更后的截止时间"), moment=notice.new_bid_deadline)
    if notice.publicity_end:
        add(_("公示期"), day=notice.publicity_start or notice.published_on, until=notice.publicity_end)
    add(_("采用单一来源的理由"), notice.single_source_reason)
    add(_("确定供应商日期"), day=notice.decision_date)
    if notice.supplier_name:
        text = notice.supplier_name
        if notice.supplier_credit_code:
            text += "（{}{}）".format(_("统一社会信用代码 "), notice.supplier_credit_code)
        add(_("供应商"), text, url=supplier_url)
    if notice.amount is not None:
        add(_("金额"), format_yuan(notice.amount))
    add(_("合同签订日期"), day=notice.signed_on)
    if notice.contract_start:
        add(_("合同履行期限"), day=notice.contract_start, until=notice.contract_end)
    add(_("终止原因"), notice.termination_reason)
    if notice.accepted_on:
        add(_("验收日期"), f"（{notice.get_acceptance_result_display()}）", day=notice.accepted_on)
    add(_("服务对象参与验收"), notice.recipients_participation)
    if notice.satisfaction is not None:
        add(_("服务对象满意度"), f"{notice.satisfaction:g}%")
    add(_("联系人"), project.contact_name)
    add(_("联系电话"), project.contact_phone)
    return facts
