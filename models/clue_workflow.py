"""The life of a risk clue (DESIGN §3) as a state machine.

登记 → 核查中 → 已研判 → 处置中 → 已办结; from 已研判 or 处置中 a clue may be 已移送公安 or 已上报认定;
a clue found not to be illegal fundraising is closed as 排除 with its reason. 回头看 visits follow a
closed clue without changing its state. Each step names the facts it needs; a step without them is refused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from models.enums import TERMINAL_CLUE_STATUSES, ClueEventKind, ClueStatus
from models.validators import ValidationError


class TransitionError(ValidationError):
    """A step that is not allowed now, or lacks what it needs. The message is for the user, in Chinese."""


@dataclass(frozen=True)
class Step:
    kind: ClueEventKind
    sources: frozenset[ClueStatus]
    target: ClueStatus | None  # None: the state stays (回头看)
    required: tuple[str, ...] = ()


S = ClueStatus
K = ClueEventKind
STEPS: dict[ClueEventKind, Step] = {
    K.START_VERIFY: Step(K.START_VERIFY, frozenset({S.REGISTERED}), S.VERIFYING),
    K.JUDGE: Step(K.JUDGE, frozenset({S.VERIFYING}), S.JUDGED, ("opinion", "disposal_idea")),
    K.EXCLUDE: Step(K.EXCLUDE, frozenset({S.VERIFYING, S.JUDGED}), S.EXCLUDED, ("reason",)),
    K.DISPOSE: Step(K.DISPOSE, frozenset({S.JUDGED, S.DISPOSING}), S.DISPOSING, ("measures",)),
    K.CLOSE: Step(K.CLOSE, frozenset({S.DISPOSING}), S.CLOSED, ("result",)),
    K.TRANSFER: Step(
        K.TRANSFER, frozenset({S.JUDGED, S.DISPOSING}), S.TRANSFERRED, ("receiving_unit", "handover_date")
    ),
    K.REPORT: Step(
        K.REPORT, frozenset({S.JUDGED, S.DISPOSING}), S.REPORTED, ("receiving_unit", "report_date")
    ),
    K.FOLLOW_UP: Step(K.FOLLOW_UP, frozenset(TERMINAL_CLUE_STATUSES - {S.EXCLUDED}), None, ("finding",)),
}

FIELD_LABELS = {
    "opinion": "研判意见",
    "disposal_idea": "处置思路",
    "reason": "排除理由",
    "measures": "处置措施",
    "result": "办结结果",
    "receiving_unit": "接收单位",
    "handover_date": "移送日期",
    "report_date": "上报日期",
    "finding": "回头看情况",
}


@dataclass(frozen=True)
class Transition:
    """The outcome of a permitted step: the new state and the cleaned facts to record on the event."""

    kind: ClueEventKind
    from_status: ClueStatus
    to_status: ClueStatus
    details: dict[str, Any] = field(default_factory=dict)


def allowed_steps(status: ClueStatus) -> list[ClueEventKind]:
    """The steps the user may take now, in the order a screen should offer them."""
    return [kind for kind, step in STEPS.items() if status in step.sources]


def _is_blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, Sequence):
        return not any(not _is_blank(v) for v in value)
    return False


def plan_transition(
    status: ClueStatus, kind: ClueEventKind, facts: Mapping[str, Any], *, today: dt.date | None = None
) -> Transition:
    """Checks a step against the current state and what it needs; raises TransitionError with the reason."""
    step = STEPS.get(kind)
    if step is None:
        raise TransitionError(f"“{kind.label}”不是可办理的流转步骤")
    if status not in step.sources:
        allowed = "、".join(k.label for k in allowed_steps(status)) or "无"
        raise TransitionError(
            f"线索当前状态为“{status.label}”，不能进行“{kind.label}”（当前可办理：{allowed}）"
        )
    missing = [FIELD_LABELS[name] for name in step.required if _is_blank(facts.get(name))]
    if missing:
        raise TransitionError(f"“{kind.label}”需要填写：{'、'.join(missing)}")
    today = today or dt.date.today()
    for name in ("handover_date", "report_date"):
        value = facts.get(name)
        if value is not None and not isinstance(value, dt.date):
            raise TransitionError(f"{FIELD_LABELS[name]}不是有效日期")
        if isinstance(value, dt.date) and value > today:
            raise TransitionError(f"{FIELD_LABELS[name]}不能晚于今天")
    details = {name: facts[name] for name in step.required}
    if not _is_blank(facts.get("note")):
        details["note"] = facts["note"]
    return Transition(kind, status, step.target or status, details)


def is_overdue(status: ClueStatus, deadline: dt.date | None, today: dt.date) -> bool:
    """A clue is overdue when it has a deadline that has passed and it is not yet finished."""
    return deadline is not None and status not in TERMINAL_CLUE_STATUSES and today > deadline
