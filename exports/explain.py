"""The content of the 说明 sheet: what was exported, what every column means, and the code lists."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from exports.columns import COLUMNS, SHEET_NAMES
from exports.context import ExportFilter, Reporter, Section
from models.enums import (
    ClueStatus,
    DraftStatus,
    LabelledEnum,
    ReviewStatus,
    RiskLevel,
    SubjectKind,
    VisitType,
)
from models.reference import CODE_LISTS, CodeItem

ExplanationRow = tuple[str, str, str, str]  # ("heading" | "row", A, B, C)
CodeLists = dict[str, list[tuple[str, str | None]]]

ENUM_LISTS: tuple[tuple[str, type[LabelledEnum]], ...] = (
    ("风险等级", RiskLevel),
    ("线索状态", ClueStatus),
    ("走访类型", VisitType),
    ("主体类型", SubjectKind),
    ("记录状态", DraftStatus),
    ("审核状态", ReviewStatus),
)


def load_code_lists(session: Session) -> CodeLists:
    lists: CodeLists = {}
    rows = session.execute(select(CodeItem.list_name, CodeItem.label, CodeItem.group).order_by(CodeItem.sort))
    for list_name, label, group in rows:
        lists.setdefault(list_name, []).append((label, group))
    return lists


def _grouped(entries: list[tuple[str, str | None]]) -> str:
    groups: dict[str | None, list[str]] = {}
    for label, group in entries:
        groups.setdefault(group, []).append(label)
    return "；".join(f"{g}：{'、'.join(labels)}" if g else "、".join(labels) for g, labels in groups.items())


def privacy_note(unmasked: bool) -> str:
    confidential = "举报人信息依法保密（《防范和处置非法集资条例》第十六条），不在任何导出文件中出现。"
    if unmasked:
        return "本文件含完整的身份证号和电话号码，仅限工作使用，请妥善保管，不得外传。" + confidential
    return "身份证号、手机号已脱敏显示（如 1411**********123X、138****5678）。" + confidential


def explanation_rows(
    sections: Sequence[Section],
    reporter: Reporter,
    flt: ExportFilter,
    counts: dict[Section, int],
    *,
    unmasked: bool,
    code_lists: CodeLists,
    townships: dict[str, str],
) -> Iterator[ExplanationRow]:
    yield ("heading", "一、导出信息", "", "")
    yield ("row", "填报单位", reporter.unit_name, "")
    yield ("row", "填报人", reporter.person, f"联系电话：{reporter.phone}")
    yield ("row", "导出时间", reporter.made_at_text, "北京时间")
    yield ("row", "导出范围", flt.describe(townships), "已删除（回收站中）的记录不导出")
    for section in sections:
        yield ("row", "工作表", SHEET_NAMES[section], f"共 {counts.get(section, 0)} 条记录")
    yield ("row", "个人信息", "脱敏" if not unmasked else "未脱敏", privacy_note(unmasked))
    yield ("row", "打印件核对", "", "同一记录导出为PDF时，页脚印有记录校验码和二维码，用于核对签字的纸质页。")
    yield ("row", "日期和金额", "", "日期为Excel日期格式，可直接排序筛选；金额单位为元，可直接求和。")
    for index, section in enumerate(sections, start=2):
        yield ("heading", f"{'一二三四五六七八'[index - 1]}、工作表“{SHEET_NAMES[section]}”各列说明", "", "")
        for column in COLUMNS[section]:
            yield ("row", SHEET_NAMES[section], column.header, column.note)
    yield ("heading", f"{'一二三四五六七八'[len(sections) + 1]}、代码表", "", "")
    for name, enum_cls in ENUM_LISTS:
        yield ("row", "代码表", name, "、".join(member.label for member in enum_cls))
    for key, name in CODE_LISTS.items():
        entries = code_lists.get(key)
        if entries:
            yield ("row", "代码表", name, _grouped(entries))
    yield ("row", "代码表", "乡镇代码", "；".join(f"{code} {name}" for code, name in townships.items()))
