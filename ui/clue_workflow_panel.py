"""A clue's page beside its form: the timeline of its events and one button per step allowed now."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.checks import InvalidRecordError
from models.clue_workflow import FIELD_LABELS, STEPS, TransitionError, allowed_steps, is_overdue
from models.enums import ClueEventKind, ClueStatus
from models.records import ClueRecord
from storage import queries
from storage.errors import UserFacingError
from storage.services import transition_clue
from ui.context import DeskContext
from ui.forms.fields import from_qdate, to_qdate
from ui.table_models import OVERDUE_COLOR

DATE_FIELDS = frozenset({"handover_date", "report_date"})


def describe_details(details: dict[str, Any]) -> str:
    parts = []
    for name, value in details.items():
        label = FIELD_LABELS.get(name, "")
        text = "、".join(map(str, value)) if isinstance(value, list) else str(value)
        parts.append(f"{label}：{text}" if label else text)
    return "；".join(parts)


class StepDialog(QDialog):
    """Asks exactly what one step needs (STEPS[kind].required), its date and a note; takes the step on OK."""

    def __init__(
        self, ctx: DeskContext, clue_id: uuid.UUID, kind: ClueEventKind, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.clue_id = clue_id
        self.kind = kind
        self.new_status: ClueStatus | None = None
        self.setWindowTitle(kind.label)
        self.setMinimumWidth(460)
        form = QFormLayout()
        self.inputs: dict[str, QWidget] = {}
        for name in STEPS[kind].required:
            widget: QWidget
            if name == "measures":
                widget = QListWidget()
                for label in ctx.reference.codes("disposal_measures"):
                    item = QListWidgetItem(label)
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    item.setCheckState(Qt.CheckState.Unchecked)
                    widget.addItem(item)
                widget.setFixedHeight(110)
            elif name == "receiving_unit":
                widget = QComboBox()
                widget.setEditable(True)
                widget.addItems(ctx.reference.units)
                widget.setCurrentIndex(-1)
            elif name in DATE_FIELDS:
                widget = QDateEdit(QDate.currentDate())
                widget.setCalendarPopup(True)
                widget.setDisplayFormat("yyyy-MM-dd")
            else:
                widget = QPlainTextEdit()
                widget.setTabChangesFocus(True)
                widget.setFixedHeight(70)
            self.inputs[name] = widget
            form.addRow(f"{FIELD_LABELS[name]} *", widget)
        self.on_date = QDateEdit(QDate.currentDate())
        self.on_date.setCalendarPopup(True)
        self.on_date.setDisplayFormat("yyyy-MM-dd")
        self.note = QLineEdit()
        form.addRow(self.tr("Date of this step"), self.on_date)
        form.addRow(self.tr("Note"), self.note)
        self.error = QLabel()
        self.error.setStyleSheet("color: #c0392b;")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def facts(self) -> dict[str, Any]:
        facts: dict[str, Any] = {}
        for name, widget in self.inputs.items():
            if isinstance(widget, QListWidget):
                facts[name] = [
                    widget.item(i).text()
                    for i in range(widget.count())
                    if widget.item(i).checkState() == Qt.CheckState.Checked
                ]
            elif isinstance(widget, QComboBox):
                facts[name] = widget.currentText().strip()
            elif isinstance(widget, QDateEdit):
                facts[name] = from_qdate(widget.date())
            elif isinstance(widget, QPlainTextEdit):
                facts[name] = widget.toPlainText().strip()
        if self.note.text().strip():
            facts["note"] = self.note.text().strip()
        return facts

    def set_date(self, value: dt.date) -> None:
        self.on_date.setDate(to_qdate(value))

    def accept(self) -> None:
        try:
            self.new_status = transition_clue(
                self.ctx.db,
                self.ctx.actor,
                self.clue_id,
                self.kind,
                self.facts(),
                on_date=from_qdate(self.on_date.date()),
            )
        except InvalidRecordError as exc:
            self.error.setText(str(exc))
            return
        except (TransitionError, UserFacingError) as exc:
            self.error.setText(str(exc))
            return
        super().accept()


class WorkflowPanel(QGroupBox):
    """Timeline and step buttons. Emits `changed` after a step was taken."""

    changed = Signal()

    def __init__(self, ctx: DeskContext, clue_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Handling and timeline"))
        self.ctx = ctx
        self.clue_id = clue_id
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.timeline = QTreeWidget()
        self.timeline.setHeaderLabels([self.tr("Date"), self.tr("Step"), self.tr("By"), self.tr("Details")])
        self.timeline.setRootIsDecorated(False)
        self.timeline.setColumnWidth(0, 90)
        self.timeline.setColumnWidth(1, 70)
        self.timeline.setColumnWidth(2, 100)
        self.timeline.setWordWrap(True)
        self.buttons_box = QWidget()
        self.buttons_layout = QVBoxLayout(self.buttons_box)
        self.buttons_layout.setContentsMargins(0, 0, 0, 0)
        self.step_buttons: dict[ClueEventKind, QPushButton] = {}
        self.no_steps = QLabel(self.tr("No further steps: this clue is finished."))
        self.buttons_layout.addWidget(self.no_steps)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status_label)
        layout.addWidget(self.timeline, 1)
        layout.addWidget(QLabel(self.tr("Next steps:")))
        layout.addWidget(self.buttons_box)
        self.refresh()

    def refresh(self) -> None:
        with self.ctx.db.reader() as session:
            clue = session.get_one(ClueRecord, self.clue_id)
            status, deadline = clue.status, clue.deadline
            events = queries.clue_events(session, self.clue_id)
        overdue = is_overdue(status, deadline, dt.date.today())
        text = self.tr("Status: %1").replace("%1", status.label)
        if deadline is not None:
            text += "　" + self.tr("Deadline: %1").replace("%1", deadline.isoformat())
        if overdue:
            text += "　" + self.tr("OVERDUE")
        self.status_label.setText(text)
        self.status_label.setStyleSheet(
            "color: #c0392b; font-weight: bold;" if overdue else "font-weight: bold;"
        )
        self.timeline.clear()
        for event in events:
            details = describe_details({k: v for k, v in (event["details"] or {}).items()})
            item = QTreeWidgetItem(
                [event["on_date"].isoformat(), event["kind"].label, event["actor"], details]
            )
            item.setToolTip(3, details)
            if event["kind"] is ClueEventKind.EXCLUDE:
                item.setForeground(1, QBrush(OVERDUE_COLOR))
            self.timeline.addTopLevelItem(item)
        for button in self.step_buttons.values():
            button.deleteLater()
        self.step_buttons = {}
        for kind in allowed_steps(status):
            button = QPushButton(kind.label)
            button.clicked.connect(lambda _checked=False, k=kind: self.open_step(k))
            self.buttons_layout.addWidget(button)
            self.step_buttons[kind] = button
        self.no_steps.setVisible(not self.step_buttons)  # 排除 is final: say so, not an empty row

    def make_dialog(self, kind: ClueEventKind) -> StepDialog:
        dialog = StepDialog(self.ctx, self.clue_id, kind, self)
        dialog.accepted.connect(self.step_taken)
        return dialog

    def open_step(self, kind: ClueEventKind) -> None:
        self.make_dialog(kind).open()

    def step_taken(self) -> None:
        self.refresh()
        self.changed.emit()
