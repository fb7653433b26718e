"""The Excel workbook in the form a county office accepts, written in openpyxl's write-only (streaming) mode.

Write-only mode writes each row as it comes, so 100,000 rows take little memory; in exchange everything
that openpyxl writes before the first row (column widths, frozen panes, sheet properties) must be set
before the first `append`, and everything after the rows (merged cells, autofilter, print set-up, footer)
before `save`. Styled cells are `WriteOnlyCell`s sharing one prepared style per column kind.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from operator import itemgetter
from typing import Any, BinaryIO

import openpyxl
from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from exports.columns import COLUMNS, SHEET_NAMES, Column, Kind, pdf_title
from exports.context import ExportFilter, Reporter, Section
from exports.explain import explanation_rows

TITLE_ROW, INFO_ROW, HEADER_ROW = 1, 2, 3
FIRST_DATA_ROW = HEADER_ROW + 1
FONT_NAME = "宋体"
PAPER_A4 = "9"  # the OOXML paper size code of A4
NUMBER_FORMATS = {Kind.DATE: "yyyy-mm-dd", Kind.DATETIME: "yyyy-mm-dd hh:mm", Kind.MONEY: "#,##0.00"}
LINE_HEIGHT = 15.0  # points per line of 11-point text
MAX_ROW_HEIGHT = 409.0  # Excel's limit
_THIN = Side(style="thin", color="808080")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


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


class _Sheet:
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


def _prepare(ws: Any, columns: Sequence[Column]) -> None:
    """What write-only mode writes before the first row."""
    for index, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
    ws.freeze_panes = f"A{FIRST_DATA_ROW}"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.row_dimensions[TITLE_ROW].height = 32
    ws.row_dimensions[INFO_ROW].height = 22
    header_lines = max(text_lines(c.header, c.width) for c in columns)
    ws.row_dimensions[HEADER_ROW].height = header_lines * 13 + 6


def _print_setup(ws: Any, title: str, last_col: str, last_row: int) -> None:
    """What write-only mode writes after the rows: A4 landscape, fit to width, titles and page numbers."""
    ws.page_setup.paperSize = PAPER_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.print_options.horizontalCentered = True
    ws.print_options.gridLines = True  # cell borders on 100,000 rows would cost a style per cell
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top, ws.page_margins.bottom = 0.7, 0.6
    # The merged title is on page 1; later pages carry it in the header.
    ws.HeaderFooter.differentFirst = True
    ws.oddHeader.center.text = title
    ws.oddHeader.center.size = 10
    for footer in (ws.oddFooter, ws.firstFooter):
        footer.center.text = "第 &P 页 共 &N 页"
        footer.center.size = 9
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last_col}{max(last_row, HEADER_ROW)}"


def _info_cells(sheet: _Sheet, reporter: Reporter, n_cols: int) -> tuple[list[Any], list[str]]:
    """The 填报单位 / 填报人 / 联系电话 / 填报日期 line as four merged blocks across the sheet."""
    parts = [
        f"填报单位：{reporter.unit_name}",
        f"填报人：{reporter.person}",
        f"联系电话：{reporter.phone}",
        f"填报日期：{reporter.made_on_text}",
    ]
    quarter = max(n_cols // 4, 1)
    starts = [1 + i * quarter for i in range(4)]
    ends = [*(s - 1 for s in starts[1:]), n_cols]
    row: list[Any] = [None] * n_cols
    merges = []
    for text, start, end in zip(parts, starts, ends, strict=True):
        row[start - 1] = sheet.styled(text, size=10, horizontal="left", vertical="center")
        if end > start:
            merges.append(f"{get_column_letter(start)}{INFO_ROW}:{get_column_letter(end)}{INFO_ROW}")
    return row, merges


def _header_cells(sheet: _Sheet, columns: Sequence[Column]) -> list[Any]:
    header = []
    for column in columns:
        cell = sheet.styled(
            column.header, size=10, bold=True, horizontal="center", vertical="center", wrap_text=True
        )
        cell.fill = PatternFill("solid", fgColor="D9E1F2")
        cell.border = _BOX
        header.append(cell)
    return header


def write_section(wb: Any, section: Section, rows: Iterable[dict[str, Any]], reporter: Reporter) -> int:
    """Adds one data sheet and streams the rows into it; returns the number of records written."""
    columns = COLUMNS[section]
    sheet = _Sheet(wb, SHEET_NAMES[section], [c.kind for c in columns], [c.width for c in columns])
    ws = sheet.ws
    _prepare(ws, columns)
    n_cols, last_col = len(columns), get_column_letter(len(columns))
    title = pdf_title(reporter.county, section)

    sheet.append([sheet.styled(title, size=16, bold=True, horizontal="center", vertical="center")])
    ws.merged_cells.add(f"A{TITLE_ROW}:{last_col}{TITLE_ROW}")
    info, merges = _info_cells(sheet, reporter, n_cols)
    sheet.append(info)
    for ref in merges:
        ws.merged_cells.add(ref)
    sheet.append(_header_cells(sheet, columns))

    cells = itemgetter(*(c.key for c in columns))
    # Lines per character of each wrapped column (see text_lines), so the loop below makes no calls.
    wrapped = [(c.key, c.width, 1.8 / max(c.width - 0.5, 1)) for c in columns if c.kind is Kind.LONG]
    written = 0
    for row in rows:
        # Spreadsheet programs do not grow rows for wrapped text when they open a file: set the height.
        lines = 1.0
        for key, width, per_char in wrapped:
            text = row[key]
            if text:
                lines = max(lines, text_lines(text, width) if "\n" in text else len(text) * per_char)
        height = min(math.ceil(lines) * LINE_HEIGHT + 3, MAX_ROW_HEIGHT) if lines > 1 else None
        sheet.append(cells(row), height)
        written += 1
    _print_setup(ws, title, last_col, HEADER_ROW + written)
    return written


def write_explanation(
    wb: Any,
    sections: Sequence[Section],
    reporter: Reporter,
    flt: ExportFilter,
    counts: dict[Section, int],
    **kw: Any,
) -> None:
    """The 说明 sheet: what was exported and how, every column of every sheet, and the code lists."""
    widths = (12, 26, 64)
    sheet = _Sheet(wb, "说明", [Kind.TEXT, Kind.LONG, Kind.LONG], widths)
    ws = sheet.ws
    for letter, width in zip("ABC", widths, strict=True):
        ws.column_dimensions[letter].width = width
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    title = f"{reporter.county}打击非法集资专项行动台账填表说明"
    sheet.append([sheet.styled(title, size=14, bold=True)], 28)
    ws.merged_cells.add("A1:C1")
    for kind, first, second, third in explanation_rows(sections, reporter, flt, counts, **kw):
        if kind == "heading":
            sheet.append([sheet.styled(first, size=11, bold=True, vertical="bottom")], 24)
            continue
        lines = max(text_lines(third, widths[2]), text_lines(second, widths[1]))
        sheet.append([first, second or None, third or None], lines * LINE_HEIGHT + 3 if lines > 1 else None)
    ws.page_setup.paperSize = PAPER_A4
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"


def new_workbook(reporter: Reporter) -> Any:
    wb = Workbook(write_only=True)
    wb.properties.creator = "网格防非台账"
    wb.properties.title = f"{reporter.county}打击非法集资专项行动台账"
    return wb


def save_workbook(wb: Any, handle: BinaryIO) -> None:
    wb.save(handle)


def discard_workbook(wb: Any) -> None:
    """Closes the half-written sheets of a failed export and removes openpyxl's temporary files."""
    for ws in wb.worksheets:
        writer = getattr(ws, "_writer", None)
        if writer is None:
            continue
        try:
            if ws._rows is not None:
                ws._rows.close()
            writer.close()
            writer.cleanup()
        except Exception:  # noqa: S110 - best effort; the original error is what the user needs to see
            pass
