"""Closed code lists of the domain. Values are stored (stable English); `label` is what people see."""

from __future__ import annotations

import enum


class LabelledEnum(enum.StrEnum):
    """A string enum whose members carry a Chinese label for screens, workbooks and PDFs."""

    label: str

    def __new__(cls, value: str, label: str) -> LabelledEnum:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def from_label(cls, label: str) -> LabelledEnum:
        for member in cls:
            if member.label == label:
                return member
        raise ValueError(f"{cls.__name__}: no member labelled {label!r}")


class Level(LabelledEnum):
    GRID = "grid", "网格"
    TOWNSHIP = "township", "乡镇"
    COUNTY = "county", "县"


class Role(LabelledEnum):
    WORKER = "worker", "网格员"
    LIAISON = "liaison", "联络员"
    COUNTY_ADMIN = "county_admin", "县级管理员"


class SubjectKind(LabelledEnum):
    ENTERPRISE = "enterprise", "企业"
    SOCIAL_ORG = "social_org", "社会组织"
    INDIVIDUAL_BUSINESS = "individual_business", "个体工商户"
    NATURAL_PERSON = "natural_person", "自然人"

    @property
    def uses_credit_code(self) -> bool:
        return self is not SubjectKind.NATURAL_PERSON


class RiskLevel(LabelledEnum):
    NONE = "none", "无风险"
    LOW = "low", "低风险"
    MEDIUM = "medium", "中风险"
    HIGH = "high", "高风险"


class DraftStatus(LabelledEnum):
    """Life of surveys and visits: editable drafts until finalised (定稿); later changes need a reason."""

    DRAFT = "draft", "草稿"
    FINAL = "final", "已定稿"


class ReviewStatus(LabelledEnum):
    """A liaison's verdict on a worker's record."""

    PENDING = "pending", "待审核"
    ACCEPTED = "accepted", "已接收"
    RETURNED = "returned", "退回修改"


class ClueStatus(LabelledEnum):
    REGISTERED = "registered", "登记"
    VERIFYING = "verifying", "核查中"
    JUDGED = "judged", "已研判"
    DISPOSING = "disposing", "处置中"
    CLOSED = "closed", "已办结"
    TRANSFERRED = "transferred", "已移送公安"
    REPORTED = "reported", "已上报认定"
    EXCLUDED = "excluded", "排除"

    @property
    def is_terminal(self) -> bool:
        return self in TERMINAL_CLUE_STATUSES


TERMINAL_CLUE_STATUSES = frozenset(
    {ClueStatus.CLOSED, ClueStatus.TRANSFERRED, ClueStatus.REPORTED, ClueStatus.EXCLUDED}
)


class ClueEventKind(LabelledEnum):
    """Each step of a clue's life is an event; FOLLOW_UP (回头看) records a visit after closure."""

    REGISTER = "register", "登记"
    START_VERIFY = "start_verify", "开始核查"
    JUDGE = "judge", "研判"
    EXCLUDE = "exclude", "排除"
    DISPOSE = "dispose", "处置"
    CLOSE = "close", "办结"
    TRANSFER = "transfer", "移送公安"
    REPORT = "report", "上报认定"
    FOLLOW_UP = "follow_up", "回头看"


class VisitType(LabelledEnum):
    INTERVIEW = "interview", "走访约谈"
    HOME_SURVEY = "home_survey", "入户调查"
    FOLLOW_UP = "follow_up", "回头看"
    PUBLICITY = "publicity", "宣传教育"


class AuditAction(LabelledEnum):
    CREATE = "create", "新建"
    UPDATE = "update", "修改"
    DELETE = "delete", "删除"
    RESTORE = "restore", "恢复"
    TRANSITION = "transition", "流转"
    IMPORT = "import", "导入"
    REVEAL = "reveal", "查看保密信息"
    DISCLOSE = "disclose", "导出完整个人信息"
