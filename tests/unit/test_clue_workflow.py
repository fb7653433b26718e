"""Every edge of the clue state machine: allowed steps succeed with their facts, all else is refused."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest

from models.clue_workflow import STEPS, TransitionError, allowed_steps, is_overdue, plan_transition
from models.enums import TERMINAL_CLUE_STATUSES, ClueEventKind, ClueStatus

COMPLETE_FACTS: dict[str, Any] = {
    "opinion": "涉嫌非法集资",
    "disposal_idea": "约谈负责人，责令整改",
    "reason": "经核查为正常经营",
    "measures": ["警示约谈"],
    "result": "资金已清退",
    "receiving_unit": "县公安局",
    "handover_date": dt.date(2025, 5, 1),
    "report_date": dt.date(2025, 5, 1),
    "finding": "未再发现集资活动",
}

EXPECTED_EDGES = {
    (ClueStatus.REGISTERED, ClueEventKind.START_VERIFY): ClueStatus.VERIFYING,
    (ClueStatus.VERIFYING, ClueEventKind.JUDGE): ClueStatus.JUDGED,
    (ClueStatus.VERIFYING, ClueEventKind.EXCLUDE): ClueStatus.EXCLUDED,
    (ClueStatus.JUDGED, ClueEventKind.EXCLUDE): ClueStatus.EXCLUDED,
    (ClueStatus.JUDGED, ClueEventKind.DISPOSE): ClueStatus.DISPOSING,
    (ClueStatus.DISPOSING, ClueEventKind.DISPOSE): ClueStatus.DISPOSING,
    (ClueStatus.DISPOSING, ClueEventKind.CLOSE): ClueStatus.CLOSED,
    (ClueStatus.JUDGED, ClueEventKind.TRANSFER): ClueStatus.TRANSFERRED,
    (ClueStatus.DISPOSING, ClueEventKind.TRANSFER): ClueStatus.TRANSFERRED,
    (ClueStatus.JUDGED, ClueEventKind.REPORT): ClueStatus.REPORTED,
    (ClueStatus.DISPOSING, ClueEventKind.REPORT): ClueStatus.REPORTED,
    (ClueStatus.CLOSED, ClueEventKind.FOLLOW_UP): ClueStatus.CLOSED,
    (ClueStatus.TRANSFERRED, ClueEventKind.FOLLOW_UP): ClueStatus.TRANSFERRED,
    (ClueStatus.REPORTED, ClueEventKind.FOLLOW_UP): ClueStatus.REPORTED,
}
TODAY = dt.date(2025, 6, 1)


@pytest.mark.parametrize(("status", "kind"), list(itertools.product(ClueStatus, ClueEventKind)))
def test_each_pair_of_state_and_step(status: ClueStatus, kind: ClueEventKind) -> None:
    expected = EXPECTED_EDGES.get((status, kind))
    if expected is None:
        with pytest.raises(TransitionError) as info:
            plan_transition(status, kind, COMPLETE_FACTS, today=TODAY)
        assert status.label in info.value.message or "不是可办理" in info.value.message
    else:
        transition = plan_transition(status, kind, COMPLETE_FACTS, today=TODAY)
        assert (transition.from_status, transition.to_status) == (status, expected)
        assert set(transition.details) == set(STEPS[kind].required)


@pytest.mark.parametrize(("edge", "target"), EXPECTED_EDGES.items())
def test_each_required_fact_is_enforced(edge: tuple[ClueStatus, ClueEventKind], target: ClueStatus) -> None:
    status, kind = edge
    for name in STEPS[kind].required:
        blanks: list[Any] = [None, "", "   ", []]
        for blank in blanks:
            facts = {**COMPLETE_FACTS, name: blank}
            with pytest.raises(TransitionError, match="需要填写"):
                plan_transition(status, kind, facts, today=TODAY)


def test_offered_steps_match_the_graph() -> None:
    for status in ClueStatus:
        offered = set(allowed_steps(status))
        assert offered == {k for (s, k) in EXPECTED_EDGES if s is status}
    assert allowed_steps(ClueStatus.EXCLUDED) == []


def test_judgement_without_disposal_idea_names_the_missing_field() -> None:
    with pytest.raises(TransitionError, match="处置思路"):
        plan_transition(ClueStatus.VERIFYING, ClueEventKind.JUDGE, {"opinion": "涉嫌"}, today=TODAY)


def test_transfer_date_cannot_be_in_the_future() -> None:
    facts = {"receiving_unit": "县公安局", "handover_date": TODAY + dt.timedelta(days=1)}
    with pytest.raises(TransitionError, match="不能晚于今天"):
        plan_transition(ClueStatus.JUDGED, ClueEventKind.TRANSFER, facts, today=TODAY)


def test_refusal_lists_what_is_allowed_now() -> None:
    with pytest.raises(TransitionError) as info:
        plan_transition(ClueStatus.REGISTERED, ClueEventKind.CLOSE, COMPLETE_FACTS, today=TODAY)
    assert "开始核查" in info.value.message


@pytest.mark.parametrize("status", list(ClueStatus))
def test_overdue_only_while_open_and_past_deadline(status: ClueStatus) -> None:
    deadline = dt.date(2025, 5, 1)
    assert not is_overdue(status, None, TODAY)
    assert not is_overdue(status, deadline, deadline)
    assert is_overdue(status, deadline, TODAY) == (status not in TERMINAL_CLUE_STATUSES)
