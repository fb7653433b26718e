"""A write-only worksheet that takes rows of plain values and writes them as cells with the right number
format and wrapping, at little more than the cost of plain values (see bench/RESULTS-exports.md)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import openpyxl
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Font

from exports.columns import Kind

FONT_NAME = "宋体"
NUMBER_FORMATS = {Kind.DATE: "yyyy-mm-dd", Kind.DATETIME: "yyyy-mm-dd hh:mm", Kind.MONEY: "#,##0.00"}


class _SlotCell(Cell):
    """A cell whose style never changes, so its style id is looked up once, not once per row."""

    __slots__ = ("_style_id",)

    @property
    def style_id(self) -> int:
        try:
            return self._style_id
        except AttributeError:
            self._style_id: int = super().style_id
            return self._style_id


def _style_array(ws: Any, kind: Kind) -> Any:
    proto = WriteOnlyCell(ws)
    if kind in NUMBER_FORMATS:
        proto.number_format = NUMBER_FORMATS[kind]
        proto.alignment = Alignment(horizontal=None if kind is Kind.MONEY else "center")
    else:
        # Bottom-aligned, like the unstyled cells beside it (styling every cell would cost half again).
        proto.alignment = Alignment(wrap_text=True)
    return proto._style  # type: ignore[attr-defined]  # openpyxl's style array, not in the stubs


class Sheet:
    """A write-only worksheet fed plain values row by row.

    Values in dates, money and long-text columns get their column's style through one prepared cell per
    column that is refilled on every row: a style lookup per cell would be slow, and reuse is safe because
    a write-only `append` serialises the row before it returns. Long text that fits on one line is written
    plain, which looks the same and costs less. Text that starts with '=' stays text (openpyxl would store
    it as a formula, which Excel would run)."""

    def __init__(self, wb: Any, title: str, kinds: Sequence[Kind], widths: Sequence[float] = ()) -> None:
        self.ws = ws = wb.create_sheet(title)
        styles = {
            k: _style_array(ws, k) for k in set(kinds) & {Kind.DATE, Kind.DATETIME, Kind.MONEY, Kind.LONG}
        }
        self.slots: list[Any] = []
        for kind in kinds:
            slot = None
            if kind in styles:
                slot = _SlotCell(worksheet=ws, row=1, column=1)  # as WriteOnlyCell makes them
                slot._style = styles[kind]  # type: ignore[attr-defined]  # shared, never mutated
            self.slots.append(slot)
        # Per long-text column, the most characters that fit on one line (see text_lines).
        self.one_line = [
            int((width - 0.5) / 1.8) if kind is Kind.LONG else None
            for kind, width in zip(kinds, widths or [0.0] * len(kinds), strict=True)
        ]
        self.row = 0  # the number of the last row appended
        # openpyxl 3.1 binds every cell object passed to `append` as a value first, catches the ValueError
        # and makes a spare cell after each styled one; on long sheets that is a fifth of the time. With
        # the series it was written against, the sheet takes plain values and this loop places them.
        self.fast = openpyxl.__version__.startswith("3.1.") and hasattr(ws, "_values_to_row")
        if self.fast:
            ws._values_to_row = self._values_to_row

    def styled(self, value: Any, *, size: float = 11, bold: bool = False, **align: Any) -> Any:
        """A one-off cell with its own font and alignment (titles, headers)."""
        cell = WriteOnlyCell(self.ws, value)
        cell.font = Font(name=FONT_NAME, size=size, bold=bold)
        cell.alignment = Alignment(**align)
        return cell

    def append(self, values: Sequence[Any], height: float | None = None) -> None:
        """Writes the next row; `height` in points when the row needs more than one line."""
        self.row += 1
        if not self.fast:
            if height is not None:
                self.ws.row_dimensions[self.row].height = height
            self.ws.append([self._portable(i, v) for i, v in enumerate(values)])
            if height is not None:
                del self.ws.row_dimensions[self.row]
            return
        if height is None:
            self.ws.append(values)
            return
        # The writer merges these attributes into the row element. A RowDimension object would do the same
        # at ten times the cost; either way it is dropped once the row is written, so none accumulate.
        holder = self.ws.row_dimensions
        dict.__setitem__(holder, self.row, {"ht": f"{height:g}", "customHeight": "1"})
        try:
            self.ws.append(values)
        finally:
            dict.__delitem__(holder, self.row)

    def _bind(self, cell: Any, value: Any) -> Any:
        cell.value = value
        if cell.data_type == "f":
            cell.data_type = "s"
        return cell

    def _slot(self, index: int, value: Any) -> Any:
        """The styled cell for this value, or None when it goes plain."""
        if index >= len(self.slots) or (slot := self.slots[index]) is None:
            return None
        limit = self.one_line[index]
        if limit is not None and value.__class__ is str and len(value) <= limit and "\n" not in value:
            return None
        return slot

    def _portable(self, index: int, value: Any) -> Any:
        if value is None or isinstance(value, Cell):
            return value
        slot = self._slot(index, value)
        if slot is not None:
            return self._bind(slot, value)
        if isinstance(value, str) and value.startswith("="):
            return self._bind(WriteOnlyCell(self.ws), value)
        return value

    def _values_to_row(self, values: Iterable[Any], row_idx: int) -> Iterator[Any]:
        slots, limits, n_slots = self.slots, self.one_line, len(self.slots)
        spare = WriteOnlyCell(self.ws)
        for col_idx, value in enumerate(values, 1):
            if value is None:
                continue
            if isinstance(value, Cell):
                cell = value
            else:
                slot = slots[col_idx - 1] if col_idx <= n_slots else None
                if slot is not None:  # inlined _slot: this loop runs for every cell
                    limit = limits[col_idx - 1]
                    if (
                        limit is not None
                        and value.__class__ is str
                        and len(value) <= limit
                        and "\n" not in value
                    ):
                        slot = None
                cell = slot if slot is not None else spare
                cell.value = value
                if cell.data_type == "f":
                    cell.data_type = "s"
            cell.column = col_idx
            cell.row = row_idx
            yield cell
            if cell is spare and spare.has_style:  # a date got openpyxl's own date format
                spare = WriteOnlyCell(self.ws)


def text_lines(text: str, width: float) -> int:
    """About how many lines `text` wraps to in a column `width` characters wide, assuming Chinese text
    (a Chinese character is about 1.8 character widths). It errs on the tall side for Latin text, which
    is better than cutting a line off; it runs for every long cell of 100,000 rows, so it stays cheap."""
    if "\n" in text:
        return sum(text_lines(part, width) for part in text.split("\n"))
    return max(1, math.ceil(len(text) * 1.8 / max(width - 0.5, 1)))
