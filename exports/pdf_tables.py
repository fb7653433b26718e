"""The landscape ledger tables (风险线索台账, 排查登记表) in PDF.

The column header is drawn by the page template on every page, not by the table: the rows then arrive as
many short tables (so a long ledger never sits in memory as one table) that join seamlessly, and no
header is ever repeated in the middle of a page. The section's first page also carries the title and the
填报单位 / 填报人 / 联系电话 / 填报日期 line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Frame, PageTemplate, Paragraph, Table, TableStyle

from exports.columns import COLUMNS, DIGEST_COLUMN, PDF_COLUMNS, Column, Kind
from exports.context import Reporter, Section
from exports.pdf_base import FONT, FOOTER_HEIGHT, RecordMark, style

PAGE = landscape(A4)
MARGIN = 10 * mm
TOP = 10 * mm
ROWS_PER_TABLE = 50
HEADER_SHADE = Color(0.85, 0.88, 0.95)
KIND_LETTER: dict[Section, str] = {"surveys": "S", "clues": "C", "visits": "V"}
_GRID: list[Any] = [
    ("FONTNAME", (0, 0), (-1, -1), FONT),
    ("GRID", (0, 0), (-1, -1), 0.5, black),
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ("LEFTPADDING", (0, 0), (-1, -1), 2),
    ("RIGHTPADDING", (0, 0), (-1, -1), 2),
    ("TOPPADDING", (0, 0), (-1, -1), 2),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
]


def format_value(value: Any, kind: Kind) -> str:
    if value is None:
        return ""
    if kind is Kind.MONEY:
        return f"{value:,.2f}"
    if kind is Kind.DATETIME and isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if kind is Kind.DATE and isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _columns(section: Section) -> dict[str, Column]:
    return {c.key: c for c in (*COLUMNS[section], DIGEST_COLUMN)}


def _widths(section: Section) -> list[float]:
    return [width * mm for _, width in PDF_COLUMNS[section]]


def _header_table(section: Section) -> Table:
    columns = _columns(section)
    cells = [Paragraph(escape(columns[key].header), style("header")) for key, _ in PDF_COLUMNS[section]]
    table = Table([cells], colWidths=_widths(section))
    table.setStyle(
        TableStyle(
            [*_GRID, ("BACKGROUND", (0, 0), (-1, -1), HEADER_SHADE), ("BOX", (0, 0), (-1, -1), 1, black)]
        )
    )
    return table


def _info_table(reporter: Reporter, width: float) -> Table:
    """填报单位 / 填报人 / 联系电话 / 填报日期 in four columns."""
    texts = [
        f"填报单位：{reporter.unit_name}",
        f"填报人：{reporter.person}",
        f"联系电话：{reporter.phone}",
        f"填报日期：{reporter.made_on_text}",
    ]
    table = Table(
        [[Paragraph(escape(t), style("subtitle")) for t in texts]],
        colWidths=[width * f for f in (0.4, 0.2, 0.2, 0.2)],
    )
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def ledger_templates(section: Section, reporter: Reporter, title: str) -> list[PageTemplate]:
    """Two page templates: `<section>-first` (title, info line, header) and `<section>-rest` (header)."""
    width = PAGE[0] - 2 * MARGIN
    header = _header_table(section)
    _, header_height = header.wrap(width, PAGE[1])
    title_par = Paragraph(escape(title), style("title"))
    info = _info_table(reporter, width)
    _, title_height = title_par.wrap(width, PAGE[1])
    _, info_height = info.wrap(width, PAGE[1])
    intro_height = title_height + 3 * mm + info_height + 2 * mm

    def draw_header(canvas: Any, top: float) -> None:
        header.wrapOn(canvas, width, header_height)
        header.drawOn(canvas, MARGIN, top - header_height)

    def first_page(canvas: Any, doc: Any) -> None:
        top = PAGE[1] - TOP
        title_par.drawOn(canvas, MARGIN, top - title_height)
        info.drawOn(canvas, MARGIN, top - title_height - 3 * mm - info_height)
        draw_header(canvas, top - intro_height)

    def later_page(canvas: Any, doc: Any) -> None:
        draw_header(canvas, PAGE[1] - TOP)

    def frame(top_used: float) -> Frame:
        height = PAGE[1] - TOP - top_used - FOOTER_HEIGHT - 3 * mm
        return Frame(MARGIN, FOOTER_HEIGHT + 3 * mm, width, height, 0, 0, 0, 0, showBoundary=0)

    return [
        PageTemplate(
            f"{section}-first",
            [frame(intro_height + header_height)],
            onPage=first_page,
            pagesize=PAGE,
            autoNextPageTemplate=f"{section}-rest",
        ),
        PageTemplate(f"{section}-rest", [frame(header_height)], onPage=later_page, pagesize=PAGE),
    ]


def _rows_table(section: Section, rows: list[list[Any]]) -> Table:
    table = Table(rows, colWidths=_widths(section), splitByRow=1)
    table.setStyle(TableStyle(_GRID))
    return table


def ledger_story(section: Section, rows: Iterator[dict[str, Any]]) -> Iterator[Flowable]:
    """The rows of one section as a sequence of short tables, each row marked for the page footer."""
    columns = _columns(section)
    keys = [(key, columns[key].kind) for key, _ in PDF_COLUMNS[section]]
    letter = KIND_LETTER[section]
    styles = [style("cell_number" if kind in (Kind.MONEY, Kind.INT) else "cell") for _, kind in keys]
    yield RecordMark(None)  # a visit's sticky mark does not carry into a table
    chunk: list[list[Any]] = []
    empty = True
    for row in rows:
        cells: list[Any] = [
            Paragraph(escape(format_value(row[key], kind)), cell_style)
            for (key, kind), cell_style in zip(keys, styles, strict=True)
        ]
        cells[0] = [RecordMark(row["digest"], letter), cells[0]]
        chunk.append(cells)
        if len(chunk) == ROWS_PER_TABLE:
            yield _rows_table(section, chunk)
            chunk, empty = [], False
    if chunk:
        yield _rows_table(section, chunk)
    elif empty:
        yield Paragraph("（没有符合条件的记录）", style("body"))
