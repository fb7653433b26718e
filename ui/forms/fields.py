"""Form field widgets: each turns what the user entered into the typed value a service expects.

Every field has `widget` (what goes in the layout), `value()` (typed, may raise ValueError with a Chinese
reason), `set_value()`, JSON for drafts, and `changed` (emitted on every edit).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QObject, Qt, QTime, Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDateTimeEdit,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QWidget,
)

from models.rules import yuan_to_fen

NO_DATE = QDate(1900, 1, 1)
NAME_SEPARATORS = re.compile(r"[,，、;；\s]+")


@dataclass(frozen=True)
class FieldSpec:
    """One field of a paper form. `label` is English source text in the "Fields" translation context."""

    name: str
    label: str
    kind: str
    options: str | None = None  # a code list name, or "enum:<Name>" for LabelledEnum choices
    required: bool = False


class Field(QObject):
    changed = Signal()

    def __init__(self, spec: FieldSpec) -> None:
        super().__init__()
        self.spec = spec
        self.widget: QWidget = QWidget()

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def to_json(self) -> Any:
        value = self.value()
        if isinstance(value, dt.datetime | dt.date):
            return value.isoformat()
        if isinstance(value, uuid.UUID):
            return str(value)
        return value

    def from_json(self, data: Any) -> None:
        self.set_value(data)

    def safe_json(self) -> Any:
        """The raw entry for a draft, even when it does not parse yet."""
        try:
            return self.to_json()
        except ValueError:
            return None


class TextField(Field):
    def __init__(self, spec: FieldSpec) -> None:
        super().__init__(spec)
        self.edit = QLineEdit()
        self.widget = self.edit
        self.edit.textChanged.connect(lambda _text: self.changed.emit())

    def value(self) -> str | None:
        return self.edit.text().strip() or None

    def set_value(self, value: Any) -> None:
        self.edit.setText("" if value is None else str(value))


class MultiLineField(Field):
    def __init__(self, spec: FieldSpec) -> None:
        super().__init__(spec)
        self.edit = QPlainTextEdit()
        self.edit.setTabChangesFocus(True)
        self.edit.setFixedHeight(64)
        self.widget = self.edit
        self.edit.textChanged.connect(lambda: self.changed.emit())

    def value(self) -> str | None:
        return self.edit.toPlainText().strip() or None

    def set_value(self, value: Any) -> None:
        self.edit.setPlainText("" if value is None else str(value))


class NamesField(TextField):
    """Several names in one line (张伟、李娜), as on paper."""

    def value(self) -> list[str]:  # type: ignore[override]
        return [n for n in NAME_SEPARATORS.split(self.edit.text().strip()) if n]

    def set_value(self, value: Any) -> None:
        self.edit.setText(value if isinstance(value, str) else "、".join(value or []))


class IntField(TextField):
    def __init__(self, spec: FieldSpec) -> None:
        super().__init__(spec)
        self.edit.setValidator(QIntValidator(0, 2_000_000_000))

    def value(self) -> int | None:  # type: ignore[override]
        text = self.edit.text().strip()
        return int(text) if text else None


class ChoiceField(Field):
    """A drop-down with type-to-find; `free_text` allows a value not in the list (e.g. another source)."""

    def __init__(self, spec: FieldSpec, items: Sequence[tuple[str, Any]], *, free_text: bool = False) -> None:
        super().__init__(spec)
        self.free_text = free_text
        self.combo = QComboBox()
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for label, data in items:
            self.combo.addItem(label, data)
        completer = QCompleter([label for label, _ in items], self.combo)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.combo.setCompleter(completer)
        self.combo.setCurrentIndex(-1)
        self.widget = self.combo
        self.combo.currentTextChanged.connect(lambda _text: self.changed.emit())

    def value(self) -> Any:
        text = self.combo.currentText().strip()
        if not text:
            return None
        index = self.combo.findText(text, Qt.MatchFlag.MatchExactly)
        if index >= 0:
            return self.combo.itemData(index)
        if self.free_text:
            return text
        raise ValueError(f"“{text}”不在可选范围内")

    def set_value(self, value: Any) -> None:
        if value is None:
            self.combo.setCurrentIndex(-1)
            self.combo.setEditText("")
            return
        index = self.combo.findData(value)
        if index < 0 and hasattr(value, "value"):
            index = self.combo.findData(value.value)
        if index >= 0:
            self.combo.setCurrentIndex(index)
        else:
            self.combo.setEditText(str(value))

    def to_json(self) -> Any:
        value = self.value()
        return getattr(value, "value", value)


class MultiCheckField(Field):
    """Multi-select as a checkable list (key domains, methods, measures); grouped labels keep their order."""

    def __init__(self, spec: FieldSpec, labels: Sequence[str]) -> None:
        super().__init__(spec)
        self.list = QListWidget()
        for label in labels:
            item = QListWidgetItem(label)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.setFlow(QListWidget.Flow.LeftToRight)
        self.list.setWrapping(True)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setSpacing(2)
        self.list.setFixedHeight(min(110, 12 + 24 * max(1, (len(labels) + 5) // 6)))
        self.widget = self.list
        self.list.itemChanged.connect(lambda _item: self.changed.emit())

    def value(self) -> list[str]:
        return [
            self.list.item(i).text()
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]

    def set_value(self, value: Any) -> None:
        chosen = set(value or [])
        for label in chosen - {self.list.item(i).text() for i in range(self.list.count())}:
            item = QListWidgetItem(label)  # a label no longer in the profile stays visible
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            self.list.addItem(item)
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.text() in chosen else Qt.CheckState.Unchecked)


class CheckBoxesField(Field):
    """A short checklist shown as check boxes (the four features)."""

    def __init__(self, spec: FieldSpec, labels: Sequence[str]) -> None:
        super().__init__(spec)
        self.widget = QWidget()
        grid = QGridLayout(self.widget)
        grid.setContentsMargins(0, 0, 0, 0)
        self.boxes = [QCheckBox(label) for label in labels]
        for i, box in enumerate(self.boxes):
            grid.addWidget(box, i // 2, i % 2)
            box.toggled.connect(lambda _on: self.changed.emit())

    def value(self) -> list[str]:
        return [b.text() for b in self.boxes if b.isChecked()]

    def set_value(self, value: Any) -> None:
        chosen = set(value or [])
        for box in self.boxes:
            box.setChecked(box.text() in chosen)


def to_qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class DateField(Field):
    """A date with a calendar pop-up; an optional date shows blank until picked."""

    def __init__(self, spec: FieldSpec) -> None:
        super().__init__(spec)
        self.edit = QDateEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd")
        self.edit.setMinimumDate(NO_DATE)
        if not spec.required:
            self.edit.setSpecialValueText(" ")
            self.edit.setDate(NO_DATE)
        else:
            self.edit.setDate(QDate.currentDate())
        self.widget = self.edit
        self.edit.dateChanged.connect(lambda _d: self.changed.emit())

    def value(self) -> dt.date | None:
        date = self.edit.date()
        return None if date == NO_DATE else from_qdate(date)

    def set_value(self, value: Any) -> None:
        if isinstance(value, str):
            value = dt.date.fromisoformat(value)
        self.edit.setDate(to_qdate(value) if isinstance(value, dt.date) else NO_DATE)


class DateTimeField(Field):
    def __init__(self, spec: FieldSpec) -> None:
        super().__init__(spec)
        self.edit = QDateTimeEdit(QDateTime.currentDateTime())
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.widget = self.edit
        self.edit.dateTimeChanged.connect(lambda _d: self.changed.emit())

    def value(self) -> dt.datetime:
        qdt = self.edit.dateTime()
        d, t = qdt.date(), qdt.time()
        local = dt.datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())
        return local.astimezone().astimezone(dt.UTC)

    def set_value(self, value: Any) -> None:
        if isinstance(value, str):
            value = dt.datetime.fromisoformat(value)
        if isinstance(value, dt.datetime):
            local = value.astimezone()
            self.edit.setDateTime(QDateTime(to_qdate(local.date()), QTime(local.hour, local.minute)))


class MoneyField(Field):
    """An amount typed in 元 or 万元, kept in 分."""

    def __init__(self, spec: FieldSpec) -> None:
        super().__init__(spec)
        self.widget = QWidget()
        row = QHBoxLayout(self.widget)
        row.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("0.00")
        self.unit = QComboBox()
        self.unit.addItem("元", "元")
        self.unit.addItem("万元", "万元")
        row.addWidget(self.edit, 1)
        row.addWidget(self.unit)
        self.edit.textChanged.connect(lambda _text: self.changed.emit())
        self.unit.currentIndexChanged.connect(lambda _i: self.changed.emit())

    def value(self) -> int | None:
        text = self.edit.text().strip()
        if not text:
            return None
        if text.endswith(("元", "万")):
            return yuan_to_fen(text)
        return yuan_to_fen(text + str(self.unit.currentData()))

    def set_value(self, value: Any) -> None:
        if value is None:
            self.edit.clear()
            return
        fen = int(value)
        if fen >= 1_000_000:  # 1 万元 and more: shown in 万元, as offices write large sums
            self.unit.setCurrentIndex(1)
            self.edit.setText(_plain(Decimal(fen) / 1_000_000))
        else:
            self.unit.setCurrentIndex(0)
            self.edit.setText(_plain(Decimal(fen) / 100))


def _plain(amount: Decimal) -> str:
    text = f"{amount:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
