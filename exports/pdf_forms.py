"""The visit record (走访记录表) as a paper form: one visit per A4 portrait page, boxed fields, and
signature boxes for the two visitors and the visited party, each with a date line. A text too long for
its box is cut there with "（全文见附页）" and printed whole on a 附页 after the form, so the form itself
always stays on one page with its signatures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color, black
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, Table, TableStyle

from exports.pdf_base import FONT, RecordMark, style

FRAME_WIDTH = 174 * mm  # A4 portrait less 18 mm each side
LABEL_WIDTH, VALUE_WIDTH = 26 * mm, 61 * mm
SHADE = Color(0.93, 0.94, 0.96)
PAD = 4


class AtLeast(Flowable):
    """A table cell at least `min_height` tall, so an empty field still leaves room to write by hand."""

    def __init__(self, inner: Flowable, min_height: float) -> None:
        super().__init__()
        self.inner, self.min_height = inner, min_height
        self._inner_height = 0.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        width, self._inner_height = self.inner.wrap(available_width, available_height)
        self.width, self.height = width, max(self._inner_height, self.min_height)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        parts: list[Flowable] = self.inner.split(available_width, available_height)
        return parts

    def draw(self) -> None:
        self.inner.drawOn(self.canv, 0, self.height - self._inner_height)


def _text(value: Any, name: str = "body") -> Paragraph:
    text = "" if value is None else escape(str(value)).replace("\n", "<br/>")
    return Paragraph(text, style(name))


def _when(value: dt.datetime) -> str:
    return f"{value.year}年{value.month}月{value.day}日 {value:%H:%M}"


def _count(value: int | None, unit: str) -> str:
    return f"{value} {unit}" if value is not None else ""


# The four free-text boxes: (key, label, minimum height, most the box may grow on the form). At their
# most, the form still fits one page; longer text is cut there and printed whole on a 附页 after it.
TEXT_BOXES = (
    ("content", "走访内容", 50 * mm, 56 * mm),
    ("findings", "发现问题", 28 * mm, 28 * mm),
    ("public_requests", "群众诉求", 22 * mm, 24 * mm),
    ("follow_up", "后续跟进", 22 * mm, 24 * mm),
)
BOX_TEXT_WIDTH = 2 * VALUE_WIDTH + LABEL_WIDTH - 2 * PAD  # a box spans three of the four columns
Overflow = list[tuple[str, str]]  # (label, full text) printed on the 附页


def _text_box(
    text: str | None, label: str, min_height: float, max_height: float, overflow: Overflow
) -> Flowable:
    body = style("body")
    para = _text(text)
    room = max_height - 2 * (PAD + 2)
    per_line = int(BOX_TEXT_WIDTH // body.fontSize)
    lines = int(room // body.leading)
    # Measuring is for the few long texts only; a short one cannot reach the limit.
    if text and len(text) > per_line * (lines - 1) // 2 and para.wrap(BOX_TEXT_WIDTH, room * 10)[1] > room:
        para = _text(text[: per_line * (lines - 2)] + "……（全文见附页）")
        overflow.append((label, text))
    return AtLeast(para, min_height)


def _fields(row: dict[str, Any], overflow: Overflow) -> Table:
    label = style("label")
    boxes = [
        [Paragraph(name, label), _text_box(row[key], name, low, high, overflow), "", ""]
        for key, name, low, high in TEXT_BOXES
    ]
    linked = "；".join(v for v in (row["clue_ledger_no"], row["subject_name"]) if v)
    data: list[list[Any]] = [
        [
            Paragraph("走访时间", label),
            _text(_when(row["visited_at"])),
            Paragraph("走访类型", label),
            _text(row["visit_type"]),
        ],
        [Paragraph("走访地点", label), _text(row["place"]), "", ""],
        [
            Paragraph("走访人", label),
            _text(row["visitors"]),
            Paragraph("被走访对象", label),
            _text(row["visited_party"]),
        ],
        [
            Paragraph("联系电话", label),
            _text(row["visited_phone"]),
            Paragraph("关联线索<br/>（主体）", label),
            _text(linked),
        ],
        *boxes,
        [
            Paragraph("发放宣传资料", label),
            _text(_count(row["materials"], "份")),
            Paragraph("覆盖群众", label),
            _text(_count(row["people"], "人")),
        ],
    ]
    spans = [("SPAN", (1, r), (3, r)) for r in (1, 4, 5, 6, 7)]
    table = Table(data, colWidths=[LABEL_WIDTH, VALUE_WIDTH, LABEL_WIDTH, VALUE_WIDTH], splitByRow=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),  # empty string cells would otherwise pull in Helvetica
                ("GRID", (0, 0), (-1, -1), 0.8, black),
                ("BOX", (0, 0), (-1, -1), 1.4, black),
                ("BACKGROUND", (0, 0), (0, -1), SHADE),
                ("BACKGROUND", (2, 0), (2, 0), SHADE),
                ("BACKGROUND", (2, 2), (2, 3), SHADE),
                ("BACKGROUND", (2, 8), (2, 8), SHADE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("VALIGN", (1, 4), (-1, 7), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), PAD + 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), PAD + 2),
                ("LEFTPADDING", (0, 0), (-1, -1), PAD),
                ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
                *spans,
            ]
        )
    )
    return table


def _signatures() -> Table:
    label, small = style("label"), style("small")
    names = ["走访人（签字）", "走访人（签字）", "被走访人（签字）"]
    date_line = Paragraph(
        "日期：&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;年&nbsp;&nbsp;&nbsp;&nbsp;月&nbsp;&nbsp;&nbsp;&nbsp;日",
        small,
    )
    width = FRAME_WIDTH / 3
    table = Table(
        [[Paragraph(n, label) for n in names], ["", "", ""], [date_line, date_line, date_line]],
        colWidths=[width] * 3,
        rowHeights=[9 * mm, 20 * mm, 8 * mm],
    )
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("BOX", (0, 0), (-1, -1), 1.4, black),
                ("INNERGRID", (0, 0), (-1, 0), 0.8, black),
                ("LINEBEFORE", (1, 0), (-1, -1), 0.8, black),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return table


def visit_form(row: dict[str, Any], title: str, masked: bool) -> list[Flowable]:
    """The flowables of one visit's page (without the page break)."""
    area = " / ".join(v for v in (row["township"], row["village"], row["grid"]) if v)
    head = Table(
        [[_text(f"所属区域：{area}", "small"), _text(f"记录状态：{row['record_status']}", "small_right")]],
        colWidths=[FRAME_WIDTH * 0.7, FRAME_WIDTH * 0.3],
    )
    head.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    note = "注：签字即确认以上记录属实。" + (
        "联系电话按规定脱敏显示。" if masked else "本页含完整联系电话，请妥善保管。"
    )
    overflow: Overflow = []
    fields = _fields(row, overflow)
    return [
        RecordMark(row["digest"], "V", sticky=True),
        Paragraph(escape(title), style("title")),
        Spacer(1, 3 * mm),
        head,
        Spacer(1, 1 * mm),
        fields,
        Spacer(1, 5 * mm),
        _signatures(),
        Spacer(1, 2 * mm),
        Paragraph(note, style("small")),
        *_annex(overflow, f"走访记录附页（{_when(row['visited_at'])}，被走访对象：{row['visited_party']}）"),
    ]


def _annex(overflow: Overflow, heading: str) -> list[Flowable]:
    """附页: the full text of boxes that did not fit on the form; it flows over as many pages as it needs."""
    if not overflow:
        return []
    flowables: list[Flowable] = [PageBreak(), Paragraph(escape(heading), style("label")), Spacer(1, 4 * mm)]
    for label, text in overflow:
        flowables += [Paragraph(f"附页：{label}（全文）", style("subtitle")), Spacer(1, 2 * mm)]
        flowables += [_text(part) for part in text.split("\n")]
        flowables.append(Spacer(1, 5 * mm))
    return flowables


def visit_pages(rows: Iterator[dict[str, Any]], title: str, masked: bool) -> Iterator[Flowable]:
    """Every visit on its own page. Yields lazily so a thousand visits never sit in memory at once."""
    first = True
    for row in rows:
        if not first:
            yield PageBreak()
        first = False
        yield from visit_form(row, title, masked)
    if first:
        yield Paragraph(escape(title), style("title"))
        yield Spacer(1, 10 * mm)
        yield Paragraph("（没有符合条件的走访记录）", style("body"))
