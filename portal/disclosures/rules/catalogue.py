"""The rule table. `direction` says how the computed date is used:

- MINIMUM: a minimum period. The computed date is the EARLIEST lawful date of the later event
  (e.g. the bid deadline may not be before it).
- LIMIT: a time limit after an event. The computed date is the LATEST lawful date for the act
  (e.g. the result notice must be published by it).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

CALENDAR_DAYS = "calendar_days"
WORKING_DAYS = "working_days"
MINIMUM = "minimum"
LIMIT = "limit"


@dataclass(frozen=True)
class Rule:
    """One statutory period: what it applies to, how long it is, and where the law says so."""

    code: str
    label: str
    unit: str
    days: int
    direction: str
    citation: str
    start_label: str
    deadline_label: str

    @property
    def unit_label(self):
        return _("个工作日") if self.unit == WORKING_DAYS else _("日")

    @property
    def is_minimum(self):
        return self.direction == MINIMUM


RULES = {
    rule.code: rule
    for rule in [
        Rule(
            "intention_notice",
            _("采购意向公开"),
            CALENDAR_DAYS,
            30,
            MINIMUM,
            "财库〔2020〕10号",
            _("采购意向公开之日"),
            _("最早开始采购活动之日"),
        ),
        Rule(
            "tender_notice_period",
            _("招标公告、资格预审公告期限"),
            WORKING_DAYS,
            5,
            MINIMUM,
            "财政部令第87号第十四条、第十六条",
            _("公告发布之日"),
            _("公告期限届满之日"),
        ),
        Rule(
            "tender_documents_period",
            _("招标文件提供期限"),
            WORKING_DAYS,
            5,
            MINIMUM,
            "政府采购法实施条例第三十一条",
            _("招标文件开始提供之日"),
            _("招标文件提供期限最早截止之日"),
        ),
        Rule(
            "open_tender_bid",
            _("公开招标等标期"),
            CALENDAR_DAYS,
            20,
            MINIMUM,
            "政府采购法第三十五条",
            _("招标文件开始发出之日"),
            _("最早投标截止之日"),
        ),
        Rule(
            "invited_tender_bid",
            _("邀请招标等标期"),
            CALENDAR_DAYS,
            20,
            MINIMUM,
            "政府采购法第三十五条",
            _("招标文件开始发出之日"),
            _("最早投标截止之日"),
        ),
        Rule(
            "correction_notice",
            _("影响投标的澄清或修改"),
            CALENDAR_DAYS,
            15,
            MINIMUM,
            "政府采购法实施条例第三十一条",
            _("更正公告发布之日"),
            _("最早投标截止之日"),
        ),
        Rule(
            "consultation_response",
            _("竞争性磋商响应期限"),
            CALENDAR_DAYS,
            10,
            MINIMUM,
            "财库〔2014〕214号第十条",
            _("磋商文件开始发出之日"),
            _("最早提交首次响应文件截止之日"),
        ),
        Rule(
            "negotiation_response",
            _("竞争性谈判响应期限"),
            WORKING_DAYS,
            3,
            MINIMUM,
            "财政部令第74号第二十九条",
            _("谈判文件发出之日"),
            _("最早提交首次响应文件截止之日"),
        ),
        Rule(
            "inquiry_response",
            _("询价响应期限"),
            WORKING_DAYS,
            3,
            MINIMUM,
            "财政部令第74号第四十五条",
            _("询价通知书发出之日"),
            _("最早提交响应文件截止之日"),
        ),
        Rule(
            "single_source_publicity",
            _("单一来源采购公示期"),
            WORKING_DAYS,
            5,
            MINIMUM,
            "政府采购法实施条例第三十八条",
            _("公示开始之日"),
            _("公示期最早届满之日"),
        ),
        Rule(
            "result_notice",
            _("中标（成交）结果公告时限"),
            WORKING_DAYS,
            2,
            LIMIT,
            "政府采购法实施条例第四十三条",
            _("确定中标（成交）供应商之日"),
            _("结果公告最迟发布之日"),
        ),
        Rule(
            "contract_signing",
            _("合同签订时限"),
            CALENDAR_DAYS,
            30,
            LIMIT,
            "政府采购法第四十六条",
            _("中标（成交）通知书发出之日"),
            _("合同最迟签订之日"),
        ),
        Rule(
            "contract_notice",
            _("合同公告时限"),
            WORKING_DAYS,
            2,
            LIMIT,
            "政府采购法实施条例第五十条",
            _("合同签订之日"),
            _("合同公告最迟发布之日"),
        ),
        Rule(
            "enquiry_answer",
            _("询问答复时限"),
            WORKING_DAYS,
            3,
            LIMIT,
            "政府采购法实施条例第五十二条",
            _("收到询问之日"),
            _("最迟答复之日"),
        ),
        Rule(
            "challenge_submit",
            _("质疑提出期限"),
            WORKING_DAYS,
            7,
            LIMIT,
            "政府采购法第五十二条；政府采购法实施条例第五十三条",
            _("知道或应知权益受损之日（结果质疑为结果公告期限届满之日）"),
            _("最迟提出质疑之日"),
        ),
        Rule(
            "challenge_answer",
            _("质疑答复时限"),
            WORKING_DAYS,
            7,
            LIMIT,
            "政府采购法第五十三条",
            _("收到质疑之日"),
            _("最迟答复之日"),
        ),
        Rule(
            "complaint_submit",
            _("投诉提起期限"),
            WORKING_DAYS,
            15,
            LIMIT,
            "政府采购法第五十五条",
            _("质疑答复期满之日"),
            _("最迟提起投诉之日"),
        ),
        Rule(
            "complaint_decision",
            _("投诉处理决定时限"),
            WORKING_DAYS,
            30,
            LIMIT,
            "政府采购法第五十六条；政府采购法实施条例第五十八条",
            _("收到投诉之日"),
            _("最迟作出处理决定之日"),
        ),
    ]
}

# How long a result notice stays displayed before the challenge period starts (实施条例 art. 43).
RESULT_DISPLAY_WORKING_DAYS = 1


def get_rule(code):
    return RULES.get(code)
