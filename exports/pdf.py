"""Assembling a PDF from sections: landscape ledger tables and portrait visit forms in one document, with
the shared footer. Writes to any binary file object; `exports.api` picks the file and the records."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, BinaryIO

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, NextPageTemplate, PageBreak, PageTemplate

from exports.columns import pdf_title
from exports.context import Reporter, Section
from exports.pdf_base import FONT, FOOTER_HEIGHT, Footer, LazyStory, canvas_maker, register_font
from exports.pdf_forms import visit_pages
from exports.pdf_tables import ledger_story, ledger_templates

Part = tuple[Section, Iterator[dict[str, Any]]]
FORM_MARGIN = 18 * mm


def _visit_template() -> PageTemplate:
    width, height = A4
    frame = Frame(
        FORM_MARGIN,
        FOOTER_HEIGHT + 4 * mm,
        width - 2 * FORM_MARGIN,
        height - 14 * mm - FOOTER_HEIGHT - 4 * mm,
        0,
        0,
        0,
        0,
    )
    return PageTemplate("visits-first", [frame], pagesize=A4)


def _templates(sections: Sequence[Section], reporter: Reporter) -> list[PageTemplate]:
    templates: list[PageTemplate] = []
    for section in sections:
        if section == "visits":
            templates.append(_visit_template())
        else:
            templates += ledger_templates(section, reporter, pdf_title(reporter.county, section))
    return templates


def _story(parts: Sequence[Part], reporter: Reporter, masked: bool) -> Iterator[Flowable]:
    for index, (section, rows) in enumerate(parts):
        if index:
            yield NextPageTemplate(f"{section}-first")
            yield PageBreak()
        if section == "visits":
            yield from visit_pages(rows, pdf_title(reporter.county, "visits"), masked)
        else:
            yield from ledger_story(section, rows)


def write_pdf(handle: BinaryIO, parts: Sequence[Part], reporter: Reporter, *, masked: bool) -> None:
    """Lays out the sections in order (each starting on a new page) and writes the PDF to `handle`."""
    register_font()
    sections = [section for section, _ in parts]
    doc = BaseDocTemplate(
        handle,
        pagesize=A4,
        pageTemplates=_templates(sections, reporter),
        title="、".join(pdf_title(reporter.county, s) for s in sections),
        author=reporter.unit_name,
        creator="网格防非台账",
        initialFontName=FONT,  # no unembedded Helvetica in the page preamble
        subject=f"{reporter.unit_name} {reporter.made_at_text}",
    )
    footer = Footer(unit_name=reporter.unit_name, made_at_text=reporter.made_at_text)
    # Binary (Flate only) streams instead of reportlab's default ASCII85 on top: a quarter smaller, and
    # the encoder is pure Python, a tenth of the time on a long document. Every PDF reader takes both.
    saved, rl_config.useA85 = rl_config.useA85, 0
    try:
        doc.build(LazyStory(_story(parts, reporter, masked)), canvasmaker=canvas_maker(footer))
    finally:
        rl_config.useA85 = saved
