"""Whole-record validation at the boundary: every save and every import passes through `clean_record`.

Values arrive typed (the form or the importer parsed them); this checks presence, ranges, identifiers and
cross-field rules, normalises identifiers, and reports every problem at once, per field, in Chinese.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Callable, Mapping
from typing import Any

from models.enums import DraftStatus, RiskLevel, SubjectKind, VisitType
from models.rules import find_restricted_words
from models.validators import (
    ValidationError,
    normalize_text,
    validate_mobile,
    validate_resident_id,
    validate_uscc,
)


class InvalidRecordError(ValidationError):
    """One or more fields are wrong; `errors` maps each field name to its Chinese reason."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("；".join(self.errors.values()), next(iter(self.errors), ""))


LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}$")
# Clocks on offline laptops drift; a visit logged a little "in the future" is still accepted.
CLOCK_SKEW = dt.timedelta(hours=2)


def validate_phone(text: str) -> str:
    """A mainland mobile, or a landline such as 0358-6321234."""
    cleaned = normalize_text(text)
    if LANDLINE.match(cleaned):
        return cleaned
    return validate_mobile(cleaned)


class _Checker:
    def __init__(self, values: dict[str, Any], today: dt.date) -> None:
        self.values = values
        self.today = today
        self.errors: dict[str, str] = {}

    def fail(self, name: str, message: str) -> None:
        self.errors.setdefault(name, message)

    def text(self, name: str, label: str, *, required: bool = False, max_len: int = 200) -> None:
        value = self.values.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            self.values[name] = None
            if required:
                self.fail(name, f"{label}不能为空")
            return
        if not isinstance(value, str):
            self.fail(name, f"{label}应为文字")
            return
        value = value.strip()
        if len(value) > max_len:
            self.fail(name, f"{label}不能超过{max_len}个字（当前{len(value)}个）")
        self.values[name] = value

    def identifier(self, name: str, validate: Callable[[str], str]) -> None:
        value = self.values.get(name)
        if value is None or not str(value).strip():
            self.values[name] = None
            return
        try:
            self.values[name] = validate(str(value))
        except ValidationError as exc:
            self.fail(name, exc.message)

    def count(self, name: str, label: str, *, required: bool = False) -> None:
        value = self.values.get(name)
        if value is None:
            if required:
                self.fail(name, f"{label}不能为空")
            return
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(name, f"{label}应为整数")
        elif value < 0:
            self.fail(name, f"{label}不能为负数")

    def date(self, name: str, label: str, *, required: bool = True, not_future: bool = True) -> None:
        value = self.values.get(name)
        if value is None:
            if required:
                self.fail(name, f"{label}不能为空")
            return
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            self.fail(name, f"{label}不是有效日期")
        elif not_future and value > self.today:
            self.fail(name, f"{label}不能晚于今天")

    def labels(self, name: str, label: str, *, min_items: int = 0) -> None:
        value = self.values.get(name) or []
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            self.fail(name, f"{label}格式不正确")
            return
        items = list(dict.fromkeys(v.strip() for v in value if v.strip()))  # trimmed, deduplicated, in order
        if len(items) < min_items:
            self.fail(name, f"{label}至少需要{min_items}项")
        self.values[name] = items

    def member(self, name: str, label: str, enum_cls: Any, default: Any = None) -> None:
        value = self.values.get(name, default)
        if value is None:
            self.fail(name, f"{label}不能为空")
            return
        try:
            self.values[name] = enum_cls(value)
        except ValueError:
            self.fail(name, f"{label}“{value}”不在可选范围内")

    def ref(self, name: str, label: str, *, required: bool) -> None:
        value = self.values.get(name)
        if value is None:
            if required:
                self.fail(name, f"请选择{label}")
            return
        if not isinstance(value, uuid.UUID):
            self.fail(name, f"{label}引用格式不正确")


def _area(c: _Checker) -> None:
    c.text("township_code", "所属乡镇", required=True, max_len=16)
    c.text("village_code", "所属村（社区）", max_len=16)
    c.text("grid_code", "所属网格", max_len=24)


def _subject(c: _Checker) -> None:
    c.member("kind", "主体类型", SubjectKind)
    c.text("name", "主体名称", required=True)
    c.text("legal_representative", "法定代表人（负责人）", max_len=64)
    c.text("address", "地址", max_len=300)
    c.text("business_scope", "经营范围", max_len=4000)
    c.identifier("phone", validate_phone)
    c.identifier("id_number", lambda t: validate_resident_id(t, today=c.today))
    c.identifier("credit_code", validate_uscc)
    kind = c.values.get("kind")
    if kind is SubjectKind.NATURAL_PERSON and c.values.get("credit_code"):
        c.fail("credit_code", "自然人不填写统一社会信用代码")
    if isinstance(kind, SubjectKind) and kind.uses_credit_code and c.values.get("id_number"):
        c.fail("id_number", "单位主体请填写统一社会信用代码，法定代表人身份证号不在此处填写")
    c.values["restricted_words"] = find_restricted_words(c.values.get("name"), c.values.get("business_scope"))


def _survey(c: _Checker) -> None:
    c.ref("subject_id", "涉及主体", required=True)
    c.date("survey_date", "排查日期")
    c.labels("screeners", "排查人员", min_items=1)
    c.labels("methods", "排查方式")
    c.labels("key_domains", "重点领域")
    c.labels("four_features", "四性特征")
    c.text("promotion_channel", "宣传方式")
    c.text("promised_return", "承诺回报")
    c.count("estimated_participants", "涉及人数")
    c.count("estimated_amount_fen", "涉及金额")
    c.member("risk_level", "风险等级", RiskLevel, RiskLevel.NONE)
    c.text("conclusion", "排查结论", max_len=4000)


def _clue(c: _Checker) -> None:
    c.text("source", "线索来源", required=True, max_len=64)
    c.date("received_date", "接收日期")
    c.ref("subject_id", "涉及主体", required=False)
    c.text("subject_name", "涉及主体名称", required=True)
    c.text("facts", "主要事实", required=True, max_len=8000)
    c.count("participants", "涉及人数")
    c.count("amount_fen", "涉及金额")
    c.labels("key_domains", "重点领域")
    c.labels("key_case_flags", "重点案件类型")
    c.text("area_type", "重点地区类型", max_len=32)
    c.text("lead_unit", "牵头单位", max_len=64)
    c.labels("responsible_units", "责任单位")
    c.date("deadline", "办理期限", required=False, not_future=False)
    received, deadline = c.values.get("received_date"), c.values.get("deadline")
    if isinstance(received, dt.date) and isinstance(deadline, dt.date) and deadline < received:
        c.fail("deadline", "办理期限不能早于接收日期")


def _visit(c: _Checker) -> None:
    visited_at = c.values.get("visited_at")
    if not isinstance(visited_at, dt.datetime) or visited_at.tzinfo is None:
        c.fail("visited_at", "走访时间不能为空")
    elif visited_at > dt.datetime.now(dt.UTC) + CLOCK_SKEW:
        c.fail("visited_at", "走访时间不能晚于现在")
    c.member("visit_type", "走访类型", VisitType)
    c.labels("visitors", "走访人", min_items=2)
    c.text("visited_party", "被走访对象", required=True)
    c.identifier("visited_phone", validate_phone)
    c.text("place", "走访地点", max_len=300)
    c.text("content", "走访内容", required=True, max_len=8000)
    for name, label in (("findings", "发现问题"), ("public_requests", "群众诉求"), ("follow_up", "后续跟进")):
        c.text(name, label, max_len=4000)
    c.count("materials_handed_out", "发放宣传资料份数")
    c.count("people_reached", "覆盖群众人数")
    c.ref("clue_id", "关联线索", required=False)
    c.ref("subject_id", "关联主体", required=False)


CHECKS: dict[str, Callable[[_Checker], None]] = {
    "subject": _subject,
    "survey": _survey,
    "clue": _clue,
    "visit": _visit,
}


def clean_record(
    record_type: str, values: Mapping[str, Any], *, today: dt.date | None = None
) -> dict[str, Any]:
    """Returns the normalised values, or raises InvalidRecordError naming every bad field."""
    checker = _Checker(dict(values), today or dt.date.today())
    if record_type in ("subject", "survey", "clue", "visit"):
        _area(checker)
    CHECKS[record_type](checker)
    if "status" in checker.values and record_type in ("subject", "survey", "visit"):
        checker.member("status", "状态", DraftStatus)
    if checker.errors:
        raise InvalidRecordError(checker.errors)
    return checker.values
