"""工作台: record counts, clues by status, overdue clues and the reporting deadlines of the county profile."""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.enums import ClueStatus
from storage import queries
from storage.database import Database
from ui.background import run_in_background
from ui.table_models import OVERDUE_COLOR


class DashboardPage(QWidget):
    open_clue = Signal(object)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.count_labels: dict[str, QLabel] = {}
        self.board: queries.Dashboard | None = None
        counts_box = QGroupBox(self.tr("Records"))
        grid = QGridLayout(counts_box)
        names = {
            "survey": self.tr("Survey registrations"),
            "clue": self.tr("Risk clues"),
            "visit": self.tr("Visits"),
            "subject": self.tr("Subjects"),
        }
        for column, (key, title) in enumerate(names.items()):
            number = QLabel("0")
            number.setStyleSheet("font-size: 22pt; font-weight: bold; color: #1f4e79;")
            number.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption = QLabel(title)
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(number, 0, column)
            grid.addWidget(caption, 1, column)
            self.count_labels[key] = number
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.overdue_box = QGroupBox(self.tr("Overdue clues"))
        self.overdue = QTreeWidget()
        self.overdue.setHeaderLabels(
            [self.tr("Ledger no."), self.tr("Subject"), self.tr("Status"), self.tr("Deadline")]
        )
        self.overdue.setRootIsDecorated(False)
        self.overdue.setColumnWidth(0, 160)
        self.overdue.setColumnWidth(1, 300)
        self.overdue.itemDoubleClicked.connect(
            lambda item, _col: self.open_clue.emit(uuid.UUID(item.data(0, Qt.ItemDataRole.UserRole)))
        )
        overdue_layout = QVBoxLayout(self.overdue_box)
        overdue_layout.addWidget(self.overdue)
        deadlines_box = QGroupBox(self.tr("Reporting deadlines"))
        self.deadlines = QTreeWidget()
        self.deadlines.setHeaderLabels([self.tr("What"), self.tr("Due")])
        self.deadlines.setRootIsDecorated(False)
        self.deadlines.setColumnWidth(0, 420)
        deadlines_layout = QVBoxLayout(deadlines_box)
        deadlines_layout.addWidget(self.deadlines)
        layout = QVBoxLayout(self)
        layout.addWidget(counts_box)
        layout.addWidget(self.status_label)
        layout.addWidget(self.overdue_box, 2)
        layout.addWidget(deadlines_box, 1)
        self.refresh()

    def refresh(self) -> None:
        """The figures scan big tables: computed in the background, shown when ready."""
        today, db = dt.date.today(), self.db

        def compute() -> queries.Dashboard:
            with db.reader() as session:
                return queries.dashboard(session, today)

        self.status_label.setText(self.tr("Counting…"))
        run_in_background(compute, lambda board: self.show_board(board, today), self)

    def show_board(self, board: queries.Dashboard | None, today: dt.date) -> None:
        if board is None:
            return
        self.board = board
        for key, label in self.count_labels.items():
            label.setText(f"{board.counts.get(key, 0):,}")
        counts = board.clue_status_counts
        parts = [f"{s.label} {counts[s.value]:,}" for s in ClueStatus if s.value in counts]
        self.status_label.setText(self.tr("Clues by status: %1").replace("%1", "，".join(parts) or "—"))
        self.overdue_box.setTitle(self.tr("Overdue clues (%n)", "", board.overdue_total))
        self.overdue.clear()
        for row in board.overdue:
            item = QTreeWidgetItem(
                [row["ledger_no"], row["subject_name"], row["status"].label, row["deadline"].isoformat()]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, str(row["id"]))
            for column in range(4):
                item.setForeground(column, QBrush(OVERDUE_COLOR))
            self.overdue.addTopLevelItem(item)
        self.deadlines.clear()
        for what, due, recurrence in board.deadlines:
            shown = due.isoformat() if due else self.recurrence_text(recurrence)
            item = QTreeWidgetItem([what, shown])
            if due is not None and due < today:
                item.setForeground(1, QBrush(Qt.GlobalColor.gray))
            self.deadlines.addTopLevelItem(item)

    def recurrence_text(self, recurrence: str | None) -> str:
        """Profile files name recurring deadlines in English words; the known ones are shown translated."""
        known = {"every half year": self.tr("every half year"), "every quarter": self.tr("every quarter")}
        return known.get(recurrence or "", recurrence or "")
