"""The columns of provider import files, export files and the downloadable template: one list, so
an export can be re-imported unchanged."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    key: str
    title: str  # Chinese heading, for the template's explanation sheet
    required: bool
    help: str
    example: str
    export_only: bool = False  # written by exports, ignored by imports


COLUMNS = [
    Column("name", "机构名称", True, "登记证书或营业执照上的全称，最多120字", "杭州市西湖区阳光社会工作服务中心"),
    Column(
        "credit_code",
        "统一社会信用代码",
        True,
        "18位，按 GB 32100-2015 校验；已存在的代码更新原记录",
        "52330106MJ0000000X",
    ),
    Column("region_code", "所在地区代码", True, "6位行政区划代码（市或县级），如 330106", "330106"),
    Column(
        "service_items",
        "服务项目",
        True,
        "服务目录中的项目名称，多个用英文分号 ; 分隔",
        "社会救助对象照料护理;资源链接",
    ),
    Column(
        "provider_type",
        "主体类型",
        False,
        "社会组织、公益二类事业单位、生产经营类事业单位、企业、其他；留空按信用代码推断",
        "社会组织",
    ),
    Column("registration_authority", "登记机关", False, "如 杭州市西湖区民政局", "杭州市西湖区民政局"),
    Column("registered_on", "登记日期", False, "YYYY-MM-DD", "2016-05-20"),
    Column("address", "住所", False, "最多200字", "杭州市西湖区文三路100号"),
    Column(
        "service_region_codes", "服务地区代码", False, "6位行政区划代码，多个用 ; 分隔；留空为所在地区", "330106;330105"
    ),
    Column("description", "机构简介", False, "参与关键词检索", "专注困难群众照料护理和心理疏导服务。"),
    Column("staff_count", "从业人员数", False, "非负整数", "25"),
    Column("social_worker_count", "持证社工数", False, "非负整数", "8"),
    Column("facilities", "服务设施", False, "文字说明", "服务场地300平方米，康复训练室2间"),
    Column("governance_attested", "内部治理结构健全", False, "是 / 否", "是"),
    Column("finance_attested", "财务资产管理制度健全", False, "是 / 否", "是"),
    Column("contact_phone", "对外联系电话", False, "公开显示", "0571-88000000"),
    Column("contact_email", "对外联系邮箱", False, "公开显示", "info@example.org"),
    Column("website", "网站", False, "以 http:// 或 https:// 开头", "https://example.org"),
    Column("verified", "已核验", False, "是 / 否", "是"),
    Column("verified_on", "核验日期", False, "YYYY-MM-DD", "2024-03-01"),
    Column("status", "状态", False, "导出时写入，导入时忽略（状态由状态变更记录决定）", "正常", export_only=True),
    Column("latest_grade", "最近评价等次", False, "导出时写入，导入时忽略", "良好", export_only=True),
    Column("latest_grade_date", "最近评价日期", False, "导出时写入，导入时忽略", "2025-12-31", export_only=True),
]
COLUMN_KEYS = [c.key for c in COLUMNS]
REQUIRED_KEYS = [c.key for c in COLUMNS if c.required]
EXPORT_ONLY_KEYS = {c.key for c in COLUMNS if c.export_only}
TRUE_VALUES = {"是", "true", "1", "yes", "y", "t"}
FALSE_VALUES = {"否", "false", "0", "no", "n", "f", ""}
LIST_SEPARATORS = (";", "；")
