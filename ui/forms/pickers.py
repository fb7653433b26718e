"""Picking a subject or a clue for a form: a searchable list, and a field that shows the choice."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from storage import queries
from storage.database import Database
from ui.forms.fields import Field, FieldSpec

PICKER_ROWS = 50


def describe(record_type: str, row: dict[str, Any]) -> str:
    if record_type == "clue":
        return f"{row['ledger_no']}  {row['subject_name']}"
    code = row.get("credit_code") or row.get("id_number") or ""
    flag = " ⚠" if row.get("restricted_words") else ""
    return f"{row['name']}  {code}{flag}".strip()


def lookup(db: Database, record_type: str, record_id: uuid.UUID) -> dict[str, Any] | None:
    table = queries.SPECS[record_type].table
    with db.reader() as session:
        row = session.execute(table.select().where(table.c.id == record_id)).mappings().first()
    return dict(row) if row is not None else None


class RecordPicker(QDialog):
    """Search by name, code, address or facts; double click or OK chooses. 新建 creates a subject."""

    def __init__(
        self,
        db: Database,
        record_type: str,
        parent: QWidget | None = None,
        *,
        create_new: Callable[[], uuid.UUID | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.record_type = record_type
        self.create_new = create_new
        self.chosen: dict[str, Any] | None = None
        self.setWindowTitle(
            self.tr("Choose a subject") if record_type == "subject" else self.tr("Choose a clue")
        )
        self.resize(560, 420)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Type part of a name, code or address"))
        self.results = QListWidget()
        self.results.itemDoubleClicked.connect(lambda _item: self.accept())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.new_button = QPushButton(self.tr("New subject…"))
        self.new_button.setVisible(create_new is not None)
        self.new_button.clicked.connect(self._new)
        buttons.addButton(self.new_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.results, 1)
        layout.addWidget(buttons)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(200)
        self.timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self.timer.start())
        self.refresh()

    def refresh(self) -> None:
        flt = queries.ListFilter(search=self.search.text().strip())
        with self.db.reader() as session:
            rows = queries.list_page(session, self.record_type, flt, limit=PICKER_ROWS)
        self.results.clear()
        for row in rows:
            item = QListWidgetItem(describe(self.record_type, row))
            item.setData(Qt.ItemDataRole.UserRole, row)
            self.results.addItem(item)
        if rows:
            self.results.setCurrentRow(0)

    def accept(self) -> None:
        item = self.results.currentItem()
        if item is None:
            return
        self.chosen = item.data(Qt.ItemDataRole.UserRole)
        super().accept()

    def _new(self) -> None:
        if self.create_new is None:
            return
        new_id = self.create_new()
        if new_id is not None:
            self.chosen = lookup(self.db, self.record_type, new_id)
            super().accept()


class RefField(Field):
    """A link to another record, shown by name; 选择… opens the picker."""

    picked = Signal(object)  # the chosen row (dict)

    def __init__(
        self,
        spec: FieldSpec,
        db: Database,
        record_type: str,
        create_new: Callable[[], uuid.UUID | None] | None = None,
    ) -> None:
        super().__init__(spec)
        self.db = db
        self.record_type = record_type
        self.create_new = create_new
        self.current: uuid.UUID | None = None
        self.widget = QWidget()
        row = QHBoxLayout(self.widget)
        row.setContentsMargins(0, 0, 0, 0)
        self.display = QLineEdit()
        self.display.setReadOnly(True)
        self.display.setPlaceholderText(self.tr("(none)"))
        self.choose = QPushButton(self.tr("Choose…"))
        self.clear = QPushButton(self.tr("Clear"))
        row.addWidget(self.display, 1)
        row.addWidget(self.choose)
        row.addWidget(self.clear)
        self.choose.clicked.connect(self.pick)
        self.clear.clicked.connect(lambda: self.set_value(None))

    def pick(self) -> None:
        picker = RecordPicker(self.db, self.record_type, self.widget, create_new=self.create_new)
        if picker.exec() == QDialog.DialogCode.Accepted and picker.chosen is not None:
            self.choose_row(picker.chosen)

    def choose_row(self, row: dict[str, Any]) -> None:
        self.current = row["id"]
        self.display.setText(describe(self.record_type, row))
        self.changed.emit()
        self.picked.emit(row)

    def value(self) -> uuid.UUID | None:
        return self.current

    def set_value(self, value: Any) -> None:
        if isinstance(value, str):
            value = uuid.UUID(value)
        self.current = value
        row = lookup(self.db, self.record_type, value) if value is not None else None
        self.display.setText(describe(self.record_type, row) if row else "")
        self.changed.emit()
