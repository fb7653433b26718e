"""Qt table models of the four lists, loaded page by page from storage.queries (never all at once).

Each model has named column constants, translated headers, SORT_ROLE (the raw value) and ID_ROLE (the
record id, which survives re-sorting). Sorting re-queries SQLite; scrolling asks for the next page.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from models.clue_workflow import is_overdue
from models.enums import ClueStatus, RiskLevel
from models.rules import fen_to_yuan_text
from storage.queries import PAGE_SIZE, ListFilter
from ui.tr import QT_TRANSLATE_NOOP

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
ROW_ROLE = Qt.ItemDataRole.UserRole + 3
OVERDUE_COLOR = QColor("#c0392b")
FLAG_COLOR = QColor("#b9770e")

Index = QModelIndex | QPersistentModelIndex


class PageSource(Protocol):
    """Where rows come from: storage.queries behind a database (ui.data.DbPageSource) or a stub."""

    def page(
        self, flt: ListFilter, sort: str, descending: bool, offset: int, limit: int
    ) -> list[dict[str, Any]]: ...

    def count(self, flt: ListFilter) -> int: ...


@dataclass(frozen=True)
class Column:
    key: str
    title: str  # English source text, translated in the "Columns" context
    show: Callable[[Any], str] | None = None
    align_right: bool = False


def _label(value: Any) -> str:
    return str(getattr(value, "label", value) or "")


def _date(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.astimezone().strftime("%Y-%m-%d %H:%M")
    return value.isoformat() if isinstance(value, dt.date) else ""


def _joined(value: Any) -> str:
    return "、".join(value) if isinstance(value, list) else ""


def _number(value: Any) -> str:
    return "" if value is None else str(value)


class RecordTableModel(QAbstractTableModel):
    """The shared paging, sorting and roles; subclasses name their columns."""

    RECORD_TYPE: ClassVar[str] = ""
    COLUMNS: ClassVar[Sequence[Column]] = ()
    DEFAULT_SORT: ClassVar[int] = 0

    def __init__(
        self, source: PageSource, townships: dict[str, str] | None = None, page_size: int = PAGE_SIZE
    ) -> None:
        super().__init__()
        self.source = source
        self.townships = townships or {}
        self.page_size = page_size
        self.today = dt.date.today()
        self.filter = ListFilter()
        self.sort_column = self.DEFAULT_SORT
        self.descending = True
        self.rows: list[dict[str, Any]] = []
        self.exhausted = False
        self.reload()

    # Loading -----------------------------------------------------------------------------------------
    def reload(self) -> None:
        self.beginResetModel()
        self.rows = []
        self.exhausted = False
        self.today = dt.date.today()
        self._load_page()
        self.endResetModel()

    def set_filter(self, flt: ListFilter) -> None:
        self.filter = flt
        self.reload()

    def _load_page(self) -> list[dict[str, Any]]:
        key = self.COLUMNS[self.sort_column].key
        page = self.source.page(self.filter, key, self.descending, len(self.rows), self.page_size)
        if len(page) < self.page_size:
            self.exhausted = True
        self.rows.extend(page)
        return page

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802 - Qt API
        return not parent.isValid() and not self.exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008, N802 - Qt API
        if parent.isValid() or self.exhausted:
            return
        key = self.COLUMNS[self.sort_column].key
        page = self.source.page(self.filter, key, self.descending, len(self.rows), self.page_size)
        if len(page) < self.page_size:
            self.exhausted = True
        if not page:
            return
        first = len(self.rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self.rows.extend(page)
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.COLUMNS):
            return
        self.sort_column = column
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    # Shape ---------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(  # noqa: N802 - Qt API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return QCoreApplication.translate("Columns", self.COLUMNS[section].title)
            return None
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        if not 0 <= index.column() < len(self.COLUMNS):
            return None
        row = self.rows[index.row()]
        column = self.COLUMNS[index.column()]
        value = row.get(column.key)
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(column, value, row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row)
        if role == SORT_ROLE:
            return self.raw(value)
        if role == ID_ROLE:
            return str(row["id"])
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ForegroundRole:
            color = self.row_color(row)
            return QBrush(color) if color is not None else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def display(self, column: Column, value: Any, row: dict[str, Any]) -> str:
        if column.key == "township_code":
            return self.townships.get(value or "", value or "")
        return column.show(value) if column.show else _number(value) if value is not None else ""

    @staticmethod
    def raw(value: Any) -> Any:
        if isinstance(value, uuid.UUID):
            return str(value)
        if isinstance(value, dt.datetime | dt.date):
            return value.isoformat()
        if isinstance(value, list):
            return "、".join(value)
        return value if value is None or isinstance(value, int | str) else str(value)

    def row_color(self, row: dict[str, Any]) -> QColor | None:
        return None

    def tooltip(self, row: dict[str, Any]) -> str | None:
        return None

    # Lookups -------------------------------------------------------------------------------------
    def record_id(self, row: int) -> uuid.UUID:
        return uuid.UUID(str(self.rows[row]["id"]))

    def row_of(self, record_id: uuid.UUID) -> int | None:
        for i, row in enumerate(self.rows):
            if row["id"] == record_id:
                return i
        return None


class ClueTableModel(RecordTableModel):
    RECORD_TYPE = "clue"
    LEDGER_NO, RECEIVED, SUBJECT, SOURCE, TOWNSHIP, AMOUNT, DOMAINS, STATUS, DEADLINE = range(9)
    COLUMNS = (
        Column("ledger_no", QT_TRANSLATE_NOOP("Columns", "Ledger no."), str),
        Column("received_date", QT_TRANSLATE_NOOP("Columns", "Received"), _date),
        Column("subject_name", QT_TRANSLATE_NOOP("Columns", "Subject"), str),
        Column("source", QT_TRANSLATE_NOOP("Columns", "Source"), str),
        Column("township_code", QT_TRANSLATE_NOOP("Columns", "Township")),
        Column("amount_fen", QT_TRANSLATE_NOOP("Columns", "Amount"), fen_to_yuan_text, align_right=True),
        Column("key_domains", QT_TRANSLATE_NOOP("Columns", "Key domains"), _joined),
        Column("status", QT_TRANSLATE_NOOP("Columns", "Status"), _label),
        Column("deadline", QT_TRANSLATE_NOOP("Columns", "Deadline"), _date),
    )
    DEFAULT_SORT = RECEIVED

    def is_overdue(self, row: dict[str, Any]) -> bool:
        status: ClueStatus = row["status"]
        return is_overdue(status, row.get("deadline"), self.today)

    def row_color(self, row: dict[str, Any]) -> QColor | None:
        return OVERDUE_COLOR if self.is_overdue(row) else None

    def display(self, column: Column, value: Any, row: dict[str, Any]) -> str:
        text = super().display(column, value, row)
        if column.key == "deadline" and self.is_overdue(row):
            return text + QCoreApplication.translate("Columns", " (overdue)")
        return text


class SubjectTableModel(RecordTableModel):
    RECORD_TYPE = "subject"
    NAME, KIND, CREDIT_CODE, ID_NUMBER, REPRESENTATIVE, PHONE, TOWNSHIP, RESTRICTED, STATUS = range(9)
    COLUMNS = (
        Column("name", QT_TRANSLATE_NOOP("Columns", "Name"), str),
        Column("kind", QT_TRANSLATE_NOOP("Columns", "Kind"), _label),
        Column("credit_code", QT_TRANSLATE_NOOP("Columns", "Credit code"), lambda v: v or ""),
        Column("id_number", QT_TRANSLATE_NOOP("Columns", "ID number"), lambda v: v or ""),
        Column("legal_representative", QT_TRANSLATE_NOOP("Columns", "Representative"), lambda v: v or ""),
        Column("phone", QT_TRANSLATE_NOOP("Columns", "Phone"), lambda v: v or ""),
        Column("township_code", QT_TRANSLATE_NOOP("Columns", "Township")),
        Column("restricted_words", QT_TRANSLATE_NOOP("Columns", "Restricted words"), _joined),
        Column("status", QT_TRANSLATE_NOOP("Columns", "Status"), _label),
    )
    DEFAULT_SORT = NAME

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.descending = False
        self.reload()

    def row_color(self, row: dict[str, Any]) -> QColor | None:
        return FLAG_COLOR if row.get("restricted_words") else None


class SurveyTableModel(RecordTableModel):
    RECORD_TYPE = "survey"
    DATE, SUBJECT, TOWNSHIP, RISK, METHODS, DOMAINS, STATUS = range(7)
    COLUMNS = (
        Column("survey_date", QT_TRANSLATE_NOOP("Columns", "Survey date"), _date),
        Column("subject_name", QT_TRANSLATE_NOOP("Columns", "Subject"), lambda v: v or ""),
        Column("township_code", QT_TRANSLATE_NOOP("Columns", "Township")),
        Column("risk_level", QT_TRANSLATE_NOOP("Columns", "Risk level"), _label),
        Column("methods", QT_TRANSLATE_NOOP("Columns", "Methods"), _joined),
        Column("key_domains", QT_TRANSLATE_NOOP("Columns", "Key domains"), _joined),
        Column("status", QT_TRANSLATE_NOOP("Columns", "Status"), _label),
    )
    DEFAULT_SORT = DATE

    def row_color(self, row: dict[str, Any]) -> QColor | None:
        return OVERDUE_COLOR if row.get("risk_level") == RiskLevel.HIGH else None


class VisitTableModel(RecordTableModel):
    RECORD_TYPE = "visit"
    VISITED_AT, TYPE, PARTY, PLACE, VISITORS, TOWNSHIP, MATERIALS, PEOPLE, STATUS = range(9)
    COLUMNS = (
        Column("visited_at", QT_TRANSLATE_NOOP("Columns", "Visited at"), _date),
        Column("visit_type", QT_TRANSLATE_NOOP("Columns", "Visit type"), _label),
        Column("visited_party", QT_TRANSLATE_NOOP("Columns", "Visited party"), str),
        Column("place", QT_TRANSLATE_NOOP("Columns", "Place"), lambda v: v or ""),
        Column("visitors", QT_TRANSLATE_NOOP("Columns", "Visitors"), _joined),
        Column("township_code", QT_TRANSLATE_NOOP("Columns", "Township")),
        Column("materials_handed_out", QT_TRANSLATE_NOOP("Columns", "Materials"), _number, align_right=True),
        Column("people_reached", QT_TRANSLATE_NOOP("Columns", "People reached"), _number, align_right=True),
        Column("status", QT_TRANSLATE_NOOP("Columns", "Status"), _label),
    )
    DEFAULT_SORT = VISITED_AT


MODELS: dict[str, type[RecordTableModel]] = {
    "clue": ClueTableModel,
    "subject": SubjectTableModel,
    "survey": SurveyTableModel,
    "visit": VisitTableModel,
}
