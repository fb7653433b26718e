"""The columns of each exported table: header with unit, kind, width and what the 说明 sheet says about it.

The workbook shows every column; the landscape PDF tables show a subset (`PDF_COLUMNS`) that fits A4.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from exports.context import Section


class Kind(StrEnum):
    TEXT = "text"
    LONG = "long"  # wrapped in the cell
    DATE = "date"
    DATETIME = "datetime"
    MONEY = "money"  # yuan, two decimals
    INT = "int"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: Kind
    width: float  # Excel character widths
    note: str


T, L, D, DT, M, N = Kind.TEXT, Kind.LONG, Kind.DATE, Kind.DATETIME, Kind.MONEY, Kind.INT

_SEQ = Column("seq", "序号", N, 5, "本表中的顺序号，按日期排列，仅用于核对")
_TOWNSHIP = Column("township", "所属乡镇", T, 9, "记录所属乡镇（街道），按县级配置中的乡镇代码显示名称")
_VILLAGE = Column("village", "村（社区）", T, 9, "所属村（社区）；乡镇未配置时为空")
_GRID = Column("grid", "网格", T, 9, "所属网格；乡镇未配置时显示网格代码")
_STATUS = Column("record_status", "记录状态", T, 7, "草稿：网格员仍可修改；已定稿：修改需填写原因并留痕")
_REVIEW = Column("review", "审核状态", T, 8, "乡镇联络员的审核结论：待审核、已接收、退回修改")
# Only in the PDF tables: computing it needs every stored column, which would slow the workbook by a third.
DIGEST_COLUMN = Column(
    "digest", "记录校验码", T, 14, "记录内容的SHA-256摘要前12位，与PDF页脚及二维码一致，用于核对纸质签字页"
)

SURVEY_COLUMNS: tuple[Column, ...] = (
    _SEQ,
    _TOWNSHIP,
    _VILLAGE,
    _GRID,
    Column("survey_date", "排查日期", D, 11, "开展排查的日期"),
    Column("subject_name", "涉及主体名称", L, 16, "被排查的企业、社会组织、个体工商户或自然人"),
    Column("subject_kind", "主体类型", T, 10, "企业、社会组织、个体工商户、自然人"),
    Column(
        "subject_code",
        "统一社会信用代码（身份证号）",
        T,
        20,
        "单位为统一社会信用代码；自然人为身份证号，默认脱敏显示（前4位和后4位）",
    ),
    Column("legal_rep", "法定代表人（负责人）", L, 9, "单位的法定代表人或负责人"),
    Column("subject_phone", "联系电话", T, 13, "主体联系电话，默认脱敏显示（手机号前3位和后4位）"),
    Column("address", "地址", L, 16, "主体的经营或居住地址"),
    Column("screeners", "排查人员", L, 10, "参加排查的人员，多人以顿号分隔"),
    Column("methods", "排查方式", L, 12, "见代码表“排查方式”，多项以顿号分隔"),
    Column("key_domains", "重点领域", L, 12, "见代码表“重点领域”，多项以顿号分隔"),
    Column("four_features", "四性特征", L, 16, "发现的非法集资特征：非法性、公开性、利诱性、社会性"),
    Column("promotion_channel", "宣传方式", L, 10, "主体对外宣传、招揽的渠道"),
    Column("promised_return", "承诺回报", L, 10, "主体承诺的收益或回报"),
    Column("participants", "预估涉及人数（人）", N, 8, "估计参与的群众人数"),
    Column("amount", "预估涉及金额（元）", M, 13, "估计涉及的资金，单位元，保留两位小数"),
    Column("risk_level", "风险等级", T, 7, "见代码表“风险等级”"),
    Column("conclusion", "排查结论", L, 18, "排查人员的结论和建议"),
    _STATUS,
    _REVIEW,
)

CLUE_COLUMNS: tuple[Column, ...] = (
    _SEQ,
    Column("ledger_no", "线索编号", T, 19, "台账编号：登记单位代码-年份-顺序号"),
    _TOWNSHIP,
    _VILLAGE,
    Column("source", "线索来源", L, 12, "见代码表“线索来源”"),
    Column("received_date", "接收日期", D, 11, "线索登记（接收）的日期"),
    Column("subject_name", "涉及主体名称", L, 16, "线索涉及的单位或个人"),
    Column(
        "subject_code",
        "统一社会信用代码（身份证号）",
        T,
        20,
        "关联主体的统一社会信用代码；自然人为身份证号，默认脱敏显示",
    ),
    Column("facts", "主要事实", L, 28, "线索反映的主要情况；举报人信息依法保密，不在导出文件中出现"),
    Column("participants", "涉及人数（人）", N, 8, "线索涉及的群众人数"),
    Column("amount", "涉及金额（元）", M, 13, "线索涉及的资金，单位元，保留两位小数"),
    Column("key_domains", "重点领域", L, 12, "见代码表“重点领域”，多项以顿号分隔"),
    Column("key_case_flags", "重点案件类型", L, 12, "见代码表“重点案件”，多项以顿号分隔"),
    Column("area_type", "重点地区类型", L, 9, "见代码表“重点地区”"),
    Column("lead_unit", "牵头单位", L, 12, "负责办理的牵头单位"),
    Column("responsible_units", "责任单位", L, 14, "配合办理的责任单位，多项以顿号分隔"),
    Column("deadline", "办理期限", D, 11, "应办结的日期"),
    Column("status", "当前状态", T, 10, "线索的最新办理状态，见代码表“线索状态”"),
    Column("status_date", "状态日期", D, 11, "进入当前状态的日期"),
    Column("overdue", "是否逾期", T, 6, "已过办理期限且尚未办结的显示“逾期”"),
    Column("opinion", "研判意见", L, 16, "研判环节填写的意见"),
    Column("disposal_idea", "处置思路", L, 16, "研判环节提出的处置思路"),
    Column("measures", "处置措施", L, 14, "已采取的处置措施，见代码表“处置措施”"),
    Column("result", "办理结果", L, 16, "办结、排除、移送或上报的结果"),
    _REVIEW,
)

VISIT_COLUMNS: tuple[Column, ...] = (
    _SEQ,
    _TOWNSHIP,
    _VILLAGE,
    _GRID,
    Column("visited_at", "走访时间", DT, 16, "走访的日期和时间（北京时间）"),
    Column("visit_type", "走访类型", T, 9, "见代码表“走访类型”"),
    Column("place", "走访地点", L, 16, "走访的地点"),
    Column("visitors", "走访人", L, 12, "走访人员，至少两人，以顿号分隔"),
    Column("visited_party", "被走访对象", L, 14, "被走访的单位或个人"),
    Column("visited_phone", "联系电话", T, 13, "被走访对象的联系电话，默认脱敏显示"),
    Column("content", "走访内容", L, 30, "走访中了解的情况和开展的工作"),
    Column("findings", "发现问题", L, 20, "走访中发现的问题或风险"),
    Column("public_requests", "群众诉求", L, 18, "群众提出的意见和诉求"),
    Column("follow_up", "后续跟进", L, 18, "需要跟进的事项"),
    Column("materials", "发放宣传资料（份）", N, 8, "发放的防范非法集资宣传资料份数"),
    Column("people", "覆盖群众（人）", N, 8, "本次走访宣传覆盖的群众人数"),
    Column("clue_ledger_no", "关联线索编号", T, 19, "走访涉及的风险线索的台账编号"),
    Column("subject_name", "关联主体", L, 16, "走访涉及的主体名称"),
    _STATUS,
    _REVIEW,
)

COLUMNS: dict[Section, tuple[Column, ...]] = {
    "surveys": SURVEY_COLUMNS,
    "clues": CLUE_COLUMNS,
    "visits": VISIT_COLUMNS,
}
SHEET_NAMES: dict[Section, str] = {"surveys": "排查登记表", "clues": "风险线索台账", "visits": "走访记录"}
TITLE_SUFFIX: dict[Section, str] = {
    "surveys": "风险排查登记表",
    "clues": "风险线索台账",
    "visits": "走访记录表",
}

# Landscape PDF tables: (column key, width in mm); the frame is 277 mm wide. Headers and kinds come from
# COLUMNS (and DIGEST_COLUMN).
PDF_COLUMNS: dict[Section, tuple[tuple[str, float], ...]] = {
    "surveys": (
        ("seq", 8),
        ("township", 14),
        ("survey_date", 17),
        ("subject_name", 28),
        ("subject_kind", 12),
        ("subject_code", 31),
        ("subject_phone", 19),
        ("screeners", 17),
        ("key_domains", 19),
        ("four_features", 25),
        ("participants", 11),
        ("amount", 20),
        ("risk_level", 12),
        ("conclusion", 24),
        ("digest", 20),
    ),
    "clues": (
        ("seq", 8),
        ("ledger_no", 29),
        ("township", 14),
        ("source", 17),
        ("received_date", 17),
        ("subject_name", 24),
        ("facts", 40),
        ("participants", 10),
        ("amount", 20),
        ("deadline", 17),
        ("status", 13),
        ("measures", 20),
        ("result", 28),
        ("digest", 20),
    ),
}


def pdf_title(county: str, section: Section) -> str:
    return f"{county}打击非法集资专项行动{TITLE_SUFFIX[section]}"
