"""A clue through its whole life by its step dialogs: only allowed steps are offered, each asks its facts."""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDateEdit, QDialog, QListWidget, QPlainTextEdit
from pytestqt.qtbot import QtBot

from models.enums import ClueEventKind, ClueStatus
from models.records import ClueRecord
from ui.clue_workflow_panel import StepDialog, WorkflowPanel
from ui.context import DeskContext
from ui.forms.fields import to_qdate
from ui.forms.kinds import ClueForm

K = ClueEventKind


def take(panel: WorkflowPanel, kind: ClueEventKind, on: dt.date, **facts: object) -> StepDialog:
    assert kind in panel.step_buttons, f"{kind} not offered; offered: {list(panel.step_buttons)}"
    dialog = panel.make_dialog(kind)
    for name, value in facts.items():
        widget = dialog.inputs[name]
        if isinstance(widget, QPlainTextEdit):
            widget.setPlainText(str(value))
        elif isinstance(widget, QComboBox):
            widget.setEditText(str(value))
        elif isinstance(widget, QDateEdit):
            assert isinstance(value, dt.date)
            widget.setDate(to_qdate(value))
        elif isinstance(widget, QListWidget):
            assert isinstance(value, list)
            for i in range(widget.count()):
                if widget.item(i).text() in value:
                    widget.item(i).setCheckState(Qt.CheckState.Checked)
    dialog.set_date(on)
    dialog.accept()
    return dialog


def cell(panel: WorkflowPanel, row: int, column: int) -> str:
    item = panel.timeline.topLevelItem(row)
    assert item is not None
    return item.text(column)


def status_of(ctx: DeskContext, clue_id: uuid.UUID) -> ClueStatus:
    with ctx.db.reader() as s:
        return s.get_one(ClueRecord, clue_id).status


def test_whole_life_of_a_clue(qtbot: QtBot, ctx: DeskContext, clue_id: uuid.UUID) -> None:
    form = ClueForm(ctx, clue_id)
    qtbot.addWidget(form)
    form.show()
    panel = form.workflow
    assert isinstance(panel, WorkflowPanel)
    assert list(panel.step_buttons) == [K.START_VERIFY]
    assert panel.timeline.topLevelItemCount() == 1
    assert "逾期" in panel.status_label.text() or "OVERDUE" in panel.status_label.text()

    take(panel, K.START_VERIFY, dt.date(2025, 3, 3))
    assert set(panel.step_buttons) == {K.JUDGE, K.EXCLUDE}

    # A judgement without its opinion is refused, with the reason, and the dialog stays open.
    refused = take(panel, K.JUDGE, dt.date(2025, 3, 10), opinion="涉嫌以高息为诱饵吸收资金")
    assert refused.result() != QDialog.DialogCode.Accepted and "处置思路" in refused.error.text()
    assert status_of(ctx, clue_id) is ClueStatus.VERIFYING

    take(panel, K.JUDGE, dt.date(2025, 3, 10), opinion="涉嫌非法集资", disposal_idea="约谈并责令整改")
    take(panel, K.DISPOSE, dt.date(2025, 3, 20), measures=["警示约谈", "责令整改"])
    assert status_of(ctx, clue_id) is ClueStatus.DISPOSING
    assert {K.CLOSE, K.TRANSFER, K.REPORT, K.DISPOSE} == set(panel.step_buttons)
    take(panel, K.CLOSE, dt.date(2025, 4, 20), result="已清退资金")
    assert status_of(ctx, clue_id) is ClueStatus.CLOSED
    assert list(panel.step_buttons) == [K.FOLLOW_UP]
    take(panel, K.FOLLOW_UP, dt.date(2025, 6, 1), finding="未见反弹")
    assert panel.timeline.topLevelItemCount() == 6
    steps = [cell(panel, i, 1) for i in range(6)]
    assert steps == ["登记", "开始核查", "研判", "处置", "办结", "回头看"]
    assert "警示约谈" in cell(panel, 3, 3)
    assert "逾期" not in panel.status_label.text() and "OVERDUE" not in panel.status_label.text()
    assert "已办结" in form.state_label.text()


def test_transfer_asks_for_the_receiving_unit_and_date(
    qtbot: QtBot, ctx: DeskContext, clue_id: uuid.UUID
) -> None:
    form = ClueForm(ctx, clue_id)
    qtbot.addWidget(form)
    panel = form.workflow
    assert isinstance(panel, WorkflowPanel)
    take(panel, K.START_VERIFY, dt.date(2025, 3, 3))
    take(panel, K.JUDGE, dt.date(2025, 3, 4), opinion="涉嫌犯罪", disposal_idea="移送公安")
    dialog = panel.make_dialog(K.TRANSFER)
    assert set(dialog.inputs) == {"receiving_unit", "handover_date"}
    combo = dialog.inputs["receiving_unit"]
    assert isinstance(combo, QComboBox) and combo.findText("县公安局") >= 0
    take(panel, K.TRANSFER, dt.date(2025, 3, 5), receiving_unit="县公安局", handover_date=dt.date(2025, 3, 5))
    assert status_of(ctx, clue_id) is ClueStatus.TRANSFERRED
    assert "县公安局" in cell(panel, 3, 3)
