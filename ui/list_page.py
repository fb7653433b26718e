"""A list page: filter bar, search box and a lazily loaded table of one record type."""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import QDate, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.enums import ClueStatus, DraftStatus, RiskLevel
from storage.queries import ListFilter
from ui.background import run_in_background
from ui.table_models import RecordTableModel

SEARCH_DELAY_MS = 250


class ListPage(QWidget):
    """One record type's list. Emits `open_record(id)` on double click and `new_record()` for 新建."""

    open_record = Signal(object)
    new_record = Signal()

    def __init__(
        self,
        model: RecordTableModel,
        *,
        townships: dict[str, str],
        key_domains: list[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        record_type = model.RECORD_TYPE

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search names, addresses, facts…"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(220)
        self.township = QComboBox()
        self.township.addItem(self.tr("All townships"), None)
        for code, name in townships.items():
            self.township.addItem(name, code)
        self.status = QComboBox()
        self.status.addItem(self.tr("Any status"), None)
        statuses: list[ClueStatus] | list[DraftStatus] = (
            list(ClueStatus) if record_type == "clue" else list(DraftStatus)
        )
        for status in statuses:
            self.status.addItem(status.label, status.value)
        self.risk = QComboBox()
        self.risk.addItem(self.tr("Any risk"), None)
        for level in RiskLevel:
            self.risk.addItem(level.label, level.value)
        self.risk.setVisible(record_type == "survey")
        self.domain = QComboBox()
        self.domain.addItem(self.tr("Any key domain"), None)
        for label in key_domains:
            self.domain.addItem(label, label)
        self.domain.setVisible(record_type in ("clue", "survey"))
        self.use_dates = QCheckBox(self.tr("From"))
        self.date_from = QDateEdit(QDate.currentDate().addMonths(-3))
        self.date_to = QDateEdit(QDate.currentDate())
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
        self.use_dates.toggled.connect(self.date_from.setEnabled)
        self.use_dates.toggled.connect(self.date_to.setEnabled)
        self.overdue = QCheckBox(self.tr("Overdue only"))
        self.overdue.setVisible(record_type == "clue")
        self.new_button = QPushButton(self.tr("New"))
        self.new_button.clicked.connect(self.new_record.emit)
        self.count_label = QLabel()
        self.count_generation = 0
        self.total: int | None = None
        self.count_label.setStyleSheet("color: #555;")

        bar = QHBoxLayout()
        bar.addWidget(self.search, 2)
        for widget in (self.township, self.status, self.risk, self.domain):
            bar.addWidget(widget)
        bar.addWidget(self.use_dates)
        bar.addWidget(self.date_from)
        bar.addWidget(QLabel(self.tr("to")))
        bar.addWidget(self.date_to)
        bar.addWidget(self.overdue)
        bar.addStretch(1)
        bar.addWidget(self.new_button)

        self.table = QTableView()
        self.table.setModel(model)
        self.table.horizontalHeader().setSortIndicator(
            model.sort_column,
            Qt.SortOrder.DescendingOrder if model.descending else Qt.SortOrder.AscendingOrder,
        )
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self._activated)
        for column, width in enumerate(self._column_widths()):
            self.table.setColumnWidth(column, width)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _text: self.search_timer.start())
        for combo in (self.township, self.status, self.risk, self.domain):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(lambda _d: self.apply_filter())
        self.use_dates.toggled.connect(lambda _on: self.apply_filter())
        self.overdue.toggled.connect(lambda _on: self.apply_filter())
        self.update_count()

    def _column_widths(self) -> list[int]:
        widths = {
            "ledger_no": 150,
            "subject_name": 260,
            "name": 260,
            "visited_party": 180,
            "credit_code": 170,
            "id_number": 170,
            "place": 220,
            "visited_at": 130,
        }
        return [widths.get(c.key, 110) for c in self.model.COLUMNS]

    def current_filter(self) -> ListFilter:
        def py_date(edit: QDateEdit) -> dt.date:
            d = edit.date()
            return dt.date(d.year(), d.month(), d.day())

        dates = self.use_dates.isChecked()
        return ListFilter(
            township_code=self.township.currentData(),
            status=self.status.currentData(),
            risk_level=self.risk.currentData() if self.risk.isVisibleTo(self) else None,
            key_domain=self.domain.currentData() if self.domain.isVisibleTo(self) else None,
            date_from=py_date(self.date_from) if dates else None,
            date_to=py_date(self.date_to) if dates else None,
            overdue=self.overdue.isChecked() and self.overdue.isVisibleTo(self),
            search=self.search.text().strip(),
        )

    def apply_filter(self) -> None:
        self.search_timer.stop()
        self.model.set_filter(self.current_filter())
        self.update_count()

    def update_count(self) -> None:
        """Counting may scan the table: done in the background so the first screen is not held up."""
        self.count_generation += 1
        generation, flt, source = self.count_generation, self.model.filter, self.model.source
        self.count_label.setText(self.tr("Counting…"))
        run_in_background(lambda: source.count(flt), lambda total: self._show_count(generation, total), self)

    def _show_count(self, generation: int, total: int | None) -> None:
        if generation == self.count_generation and total is not None:
            self.total = total
            self.count_label.setText(self.tr("%n record(s)", "", total))

    def refresh(self) -> None:
        self.model.reload()
        self.update_count()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def selected_id(self) -> uuid.UUID | None:
        index = self.table.currentIndex()
        return self.model.record_id(index.row()) if index.isValid() else None

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_record.emit(self.model.record_id(index.row()))
