"""The main window: navigation, status bar, menus and shortcuts, dashboard."""

from __future__ import annotations

import uuid
from typing import Any

from pytestqt.qtbot import QtBot

from storage.accounts import SignedIn
from ui.forms.kinds import ClueForm, SurveyForm
from ui.list_page import ListPage
from ui.main_window import PAGES, MainWindow


def test_navigation_status_bar_and_shortcuts(
    qtbot: QtBot, worker: SignedIn, subject_id: uuid.UUID, clue_values: dict[str, Any]
) -> None:
    window = MainWindow(worker)
    qtbot.addWidget(window)
    window.show()
    assert window.stack.currentWidget() is window.dashboard
    qtbot.waitUntil(lambda: window.dashboard.board is not None and window.changes is not None)
    assert window.dashboard.count_labels["subject"].text() == "1"
    assert "张伟" in window.person_label.text() and "网格" in window.unit_label.text()
    assert "1" in window.changes_label.text()
    assert window.new_action.shortcut().toString() == "Ctrl+N"
    assert window.save_action.shortcut().toString() == "Ctrl+S"
    assert window.find_action.shortcut().toString() == "Ctrl+F"
    for row, key in enumerate(PAGES[1:], start=1):
        window.nav.setCurrentRow(row)
        page = window.stack.currentWidget()
        assert isinstance(page, ListPage) and key == page.model.RECORD_TYPE
    window.go_to("survey")
    window.new_action.trigger()
    form = window.forms[-1]
    assert isinstance(form, SurveyForm) and form.record_id is None
    form.close()
    window.go_to("dashboard")
    window.find_action.trigger()
    assert window.current_key() == "clue"
    # A saved form refreshes its list and the change count.
    clue_form = window.open_record("clue", None)
    assert isinstance(clue_form, ClueForm)
    clue_form.fields["source"].set_value("群众举报")
    clue_form.fields["subject_name"].set_value("某某公司")
    clue_form.fields["facts"].set_value("以高息为诱饵吸收资金")
    clue_form.fields["received_date"].set_value(clue_values["received_date"])
    window.save_action.trigger()
    assert clue_form.record_id is not None, clue_form.message.text()
    assert window.list_page("clue").model.rowCount() == 1
    qtbot.waitUntil(lambda: window.changes == 2)
    assert "2" in window.changes_label.text()
    assert window.open_record("clue", clue_form.record_id) is clue_form
    window.refresh_all()
    window.close()
