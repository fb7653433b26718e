"""Picking the subject of a survey or clue: a searchable list; the choice fills the form."""

from __future__ import annotations

import uuid

from pytestqt.qtbot import QtBot

from ui.context import DeskContext
from ui.forms.kinds import SurveyForm
from ui.forms.pickers import RecordPicker, RefField


def test_picker_searches_and_chooses(qtbot: QtBot, ctx: DeskContext, subject_id: uuid.UUID) -> None:
    picker = RecordPicker(ctx.db, "subject", create_new=lambda: None)
    qtbot.addWidget(picker)
    assert picker.results.count() == 1 and "⚠" in picker.results.item(0).text()  # restricted words
    picker.search.setText("没有这个主体")
    picker.refresh()
    assert picker.results.count() == 0
    picker.search.setText("鑫源")
    picker.refresh()
    picker.accept()
    assert picker.chosen is not None and picker.chosen["id"] == subject_id


def test_choosing_a_subject_fills_the_area(qtbot: QtBot, ctx: DeskContext, subject_id: uuid.UUID) -> None:
    form = SurveyForm(ctx)
    qtbot.addWidget(form)
    form.fields["township_code"].set_value(None)
    field = form.fields["subject_id"]
    assert isinstance(field, RefField)
    field.choose_row({"id": subject_id, "name": "兴县鑫源财富管理咨询有限公司", "township_code": "141123100"})
    assert form.fields["township_code"].value() == "141123100"
    assert "鑫源" in field.display.text() and field.value() == subject_id
