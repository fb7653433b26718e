"""What every GridLedger PDF shares: the embedded CJK font, paragraph styles, and the page footer with
the unit, 第 N 页 共 M 页, the time it was made, and the record hash as text and QR code.

The total page count is known only at the end, so the canvas keeps each finished page and draws the
footers in `save` (the reportlab "NumberedCanvas" recipe). Zero-size `RecordMark` flowables tell the
canvas which records were drawn on the current page.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

from reportlab.graphics.barcode import qrencoder
from reportlab.lib.colors import Color, black
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from exports.fingerprint import qr_payload

FONT = "WQY"
FONT_PATH = Path(__file__).resolve().parent / "fonts" / "wqy-microhei.ttc"
GREY = Color(0.35, 0.35, 0.35)
FOOTER_HEIGHT = 20 * mm  # the bottom margin every page template leaves for the footer
QR_SIZE = 14 * mm
QR_BOTTOM = 4.5 * mm  # clear of the 3–4 mm that many printers cannot print at the paper's edge


@cache
def register_font() -> str:
    """Registers WenQuanYi Micro Hei once per process; reportlab embeds the glyphs used as a subset."""
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(FONT_PATH), subfontIndex=0))
    return FONT


Align = Literal[0, 1, 2]
# reportlab's TA_LEFT, TA_CENTER, TA_RIGHT, typed as literals (reportlab lays out only the numbers).
LEFT: Align = 0
CENTER: Align = 1
RIGHT: Align = 2
_STYLES: dict[str, tuple[float, float, Align]] = {  # name: (font size, leading, alignment)
    "title": (18, 26, CENTER),
    "subtitle": (10, 14, LEFT),
    "body": (10.5, 15, LEFT),
    "label": (10.5, 14, CENTER),
    "small": (8.5, 11, LEFT),
    "small_right": (8.5, 11, RIGHT),
    "header": (7.5, 9.5, CENTER),
    "cell": (7.5, 9.5, LEFT),
    "cell_number": (7.5, 9.5, RIGHT),
}


@cache
def style(name: str) -> ParagraphStyle:
    """Paragraph styles by name (see `_STYLES`), all in the embedded font with Chinese line breaking."""
    register_font()
    size, leading, alignment = _STYLES[name]
    return ParagraphStyle(
        name, fontName=FONT, fontSize=size, leading=leading, wordWrap="CJK", alignment=alignment
    )


class RecordMark(Flowable):
    """Draws nothing; tells the canvas that a record is on the current page.

    `kind` is the letter in the QR payload (V visit, C clue, S survey). A sticky mark (a visit form) also
    stands for the following pages until the next mark, when a long visit runs over; a mark with no digest
    ends that (a new section begins)."""

    width = height = 0

    def __init__(self, digest: str | None, kind: str = "V", *, sticky: bool = False) -> None:
        super().__init__()
        self.digest, self.kind, self.sticky = digest, kind, sticky

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        canvas = self.canv
        if not isinstance(canvas, FooterCanvas):
            return
        canvas.gl_sticky = (self.kind, self.digest) if self.sticky and self.digest else None
        if self.digest:
            canvas.gl_marks.append((self.kind, self.digest))


@dataclass(frozen=True)
class Footer:
    unit_name: str
    made_at_text: str


def _qr_matrix(payload: str) -> list[list[bool]]:
    # make() tries all eight mask patterns to pick the most even one, which costs ten times the encoding;
    # every mask is valid (ISO/IEC 18004), and a short, high-contrast printed code scans with any of them.
    # Level M for one record's short code; L keeps a page's list of row codes small enough to scan.
    level = qrencoder.QRErrorCorrectLevel.M if len(payload) <= 40 else qrencoder.QRErrorCorrectLevel.L
    qr = qrencoder.QRCode(None, level)
    qr.addData(payload)
    qr.version = qr.calculate_version()  # type: ignore[no-untyped-call]
    qr.makeImpl(False, 0)
    modules: list[list[bool]] = qr.modules
    return modules


def draw_qr(canvas: Any, payload: str, x: float, y: float, size: float) -> None:
    """Draws the code as one filled path of horizontal runs, in module units (integers), written as raw
    path operators: a reportlab rect per module would cost more than the rest of the footer."""
    matrix = _qr_matrix(payload)
    count = len(matrix)
    box = size / (count + 2)  # a quiet zone of one module; the page margin adds the rest
    ops = []
    for r, row in enumerate(matrix):
        top = count - r  # rows counted from the bottom; +1 for the quiet zone
        c = 0
        while c < count:
            if row[c]:
                start = c
                while c < count and row[c]:
                    c += 1
                ops.append(f"{start + 1} {top} {c - start} 1 re")
            else:
                c += 1
    canvas.saveState()
    canvas.setFillColor(black)
    canvas.transform(box, 0, 0, box, x, y)
    canvas.addLiteral("\n".join(ops) + "\nf")
    canvas.restoreState()


Mark = tuple[str, str]  # (kind letter, digest)


class FooterCanvas(Canvas):
    """Keeps pages until `save` so that each footer can say 共 M 页; see the module docstring."""

    footer: Footer  # set by `canvas_maker`

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._kept: list[tuple[dict[str, Any], list[Mark]]] = []
        self.gl_marks: list[Mark] = []
        self.gl_sticky: Mark | None = None

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        marks = self.gl_marks or ([self.gl_sticky] if self.gl_sticky else [])
        self._kept.append((dict(self.__dict__), marks))
        self.gl_marks = []
        self._startPage()  # type: ignore[attr-defined]  # the recipe's reset, not in the stubs

    def save(self) -> None:
        total = len(self._kept)
        for number, (state, marks) in enumerate(self._kept, start=1):
            self.__dict__.update(state)
            self._draw_footer(number, total, marks)
            super().showPage()
        self._kept = []
        super().save()

    def _draw_footer(self, number: int, total: int, marks: list[Mark]) -> None:
        width, height = self._pagesize  # type: ignore[attr-defined]
        margin = 18 * mm if width < height else 10 * mm  # the frames' side margins, portrait and landscape
        left, right = margin, width - margin
        base = 7 * mm
        self.saveState()
        self.setStrokeColor(GREY)
        self.setLineWidth(0.5)
        self.line(left, FOOTER_HEIGHT - 1 * mm, right, FOOTER_HEIGHT - 1 * mm)
        self.setFillColor(GREY)
        self.setFont(FONT, 8)
        self.drawString(left, base + 4 * mm, f"填报单位：{self.footer.unit_name}")
        self.drawString(left, base, f"生成时间：{self.footer.made_at_text}")
        self.setFont(FONT, 9)
        self.setFillColor(black)
        self.drawCentredString(width / 2, base + 2 * mm, f"第 {number} 页 共 {total} 页")
        if marks:
            digests = [digest for _, digest in marks]
            if len(digests) == 1:
                text = f"记录校验码：{digests[0]}"
            else:
                page_digest = hashlib.sha256(".".join(digests).encode()).hexdigest()[:12]
                text = f"本页{len(digests)}条记录（校验码见各行） 页校验码：{page_digest}"
            qr_left = right - QR_SIZE
            self.setFont(FONT, 8)
            self.setFillColor(GREY)
            self.drawRightString(qr_left - 2 * mm, base + 4 * mm, text)
            self.drawRightString(qr_left - 2 * mm, base, "扫描二维码可核对电子记录")
            draw_qr(self, qr_payload(marks[0][0], digests), qr_left, QR_BOTTOM, QR_SIZE)
        self.restoreState()


def canvas_maker(footer: Footer) -> type[FooterCanvas]:
    return type("BoundFooterCanvas", (FooterCanvas,), {"footer": footer})


class LazyStory(list[Any]):
    """A story that pulls flowables from a generator as platypus consumes it, so a long document never
    holds all its flowables at once. Platypus only reads the front of the list (len, [0], del [0],
    slice-insert at 0), which is what this refills."""

    def __init__(self, source: Iterator[Any], lookahead: int = 4) -> None:
        super().__init__()
        self._source: Iterator[Any] | None = source
        self._lookahead = lookahead

    def _fill(self) -> None:
        while self._source is not None and super().__len__() < self._lookahead:
            try:
                self.append(next(self._source))
            except StopIteration:
                self._source = None

    def __len__(self) -> int:
        self._fill()
        return super().__len__()

    def __getitem__(self, index: Any) -> Any:
        self._fill()
        return super().__getitem__(index)

    def __bool__(self) -> bool:
        return len(self) > 0
