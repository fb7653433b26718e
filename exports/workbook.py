"""The Excel workbook in the form a county office accepts, written in openpyxl's write-only (streaming) mode.

Write-only mode writes each row as it comes, so 100,000 rows take little memory; in exchange everything
that openpyxl writes before the first row (column widths, frozen panes, sheet properties) must be set
before the first `append`, and everything after the rows (merged cells, autofilter, print set-up, footer)
before `save`. `exports.sheet.Sheet` turns rows of plain values into cells with their formats.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from operator import itemgetter
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Border, PatternFill, Side
from openpyxl.utils import get_column_letter

from exports.columns import COLUMNS, SHEET_NAMES, Column, Kind, pdf_title
from exports.context import ExportFilter, Reporter, Section
from exports.explain import explanation_rows
from exports.sheet import Sheet, text_lines

TITLE_ROW, INFO_ROW, HEADER_ROW = 1, 2, 3
FIRST_DATA_ROW = HEADER_ROW + 1
PAPER_A4 = "9"  # the OOXML paper size code of A4
LINE_HEIGHT = 15.0  # points per line of 11-point text
MAX_ROW_HEIGHT = 409.0  # Excel's limit
_THIN = Side(style="thin", color="808080")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


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


def _info_cells(sheet: Sheet, reporter: Reporter, n_cols: int) -> tuple[list[Any], list[str]]:
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


def _header_cells(sheet: Sheet, columns: Sequence[Column]) -> list[Any]:
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
    sheet = Sheet(wb, SHEET_NAMES[section], [c.kind for c in columns], [c.width for c in columns])
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
    sheet = Sheet(wb, "说明", [Kind.TEXT, Kind.LONG, Kind.LONG], widths)
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
