"""Exporting records to Excel or PDF: the one entry point the CLI and the GUI call.

    export(db, actor, "clues", "xlsx", Path("台账.xlsx"), township="141123100")

The file is written under a temporary name beside `out` and renamed when complete; an export that fails
or is cancelled leaves no file. `progress(done, total)` is called now and then with the number of records
written (for a PDF: laid out; writing the file follows); `cancel()` is polled between records, and
returning True stops the export with ExportCancelled. Both are called from the exporting thread.

Workbook: one sheet per section (排查登记表, 风险线索台账, 走访记录) and 说明. PDF: "all" gives one document,
the two ledgers in landscape and then the visit forms in portrait, each section from a new page, the page
numbers running through the whole document. ID numbers and phones are masked unless `unmasked` is asked
by a role that may see them (联络员, 县级管理员); the informant is never exported.
"""

from __future__ import annotations

import datetime as dt
import io
import uuid
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Literal

from sqlalchemy.orm import Session

from exports.context import (
    SECTIONS,
    CancelFn,
    ExportFilter,
    ProgressFn,
    Reporter,
    Section,
    Ticker,
    What,
    check_unmask_allowed,
    load_reporter,
)
from exports.explain import load_code_lists
from exports.pdf import write_pdf
from exports.queries import Lookups, count_records, load_lookups, stream_rows
from exports.workbook import discard_workbook, new_workbook, save_workbook, write_explanation, write_section
from models.reference import Township
from storage.database import Database
from storage.errors import UserFacingError
from storage.files import atomic_output
from storage.services import Actor, record_disclosure

Format = Literal["xlsx", "pdf"]
FORMATS: tuple[Format, ...] = ("xlsx", "pdf")


@dataclass(frozen=True)
class ExportResult:
    path: Path | None
    counts: dict[Section, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def sections_for(what: What) -> tuple[Section, ...]:
    if what == "all":
        return SECTIONS
    if what not in SECTIONS:
        raise ValueError(f"unknown export section {what!r}")
    return (what,)


def _check_filter(session: Session, flt: ExportFilter) -> None:
    if flt.date_from and flt.date_to and flt.date_from > flt.date_to:
        raise UserFacingError("开始日期不能晚于结束日期")
    if flt.township and session.get(Township, flt.township) is None:
        raise UserFacingError(f"乡镇代码 {flt.township} 不在县级配置中")


def _ticking(rows: Iterator[dict[str, Any]], ticker: Ticker) -> Iterator[dict[str, Any]]:
    for row in rows:
        yield row
        ticker.step()


def _xlsx(
    handle: BinaryIO,
    session: Session,
    sections: Sequence[Section],
    parts: list[tuple[Section, Iterator[dict[str, Any]]]],
    context: tuple[Reporter, Lookups, ExportFilter, dict[Section, int]],
    ticker: Ticker,
) -> None:
    reporter, lookups, flt, counts = context
    wb = new_workbook(reporter)
    try:
        for section, rows in parts:
            write_section(wb, section, rows, reporter)
        write_explanation(
            wb,
            sections,
            reporter,
            flt,
            counts,
            unmasked=lookups.unmasked,
            code_lists=load_code_lists(session),
            townships=lookups.townships,
        )
        ticker.check()
        save_workbook(wb, handle)
    except BaseException:
        discard_workbook(wb)
        raise


def write_export(
    db: Database,
    actor: Actor,
    what: What,
    fmt: Format,
    handle: BinaryIO,
    flt: ExportFilter,
    *,
    unmasked: bool = False,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> dict[Section, int]:
    """Writes the export to an open binary file; returns the number of records per section."""
    sections = sections_for(what)
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    check_unmask_allowed(actor, unmasked)
    # One read transaction: the counts and the rows come from the same snapshot.
    with db.reader() as session:
        _check_filter(session, flt)
        reporter = load_reporter(session, actor)
        lookups = load_lookups(
            session, unmasked=unmasked, today=reporter.made_at.date(), digests=fmt == "pdf"
        )
        counts = {section: count_records(session, section, flt) for section in sections}
        ticker = Ticker(sum(counts.values()), progress, cancel)
        ticker.start()
        parts = [(s, _ticking(stream_rows(session, s, flt, lookups), ticker)) for s in sections]
        if fmt == "xlsx":
            _xlsx(handle, session, sections, parts, (reporter, lookups, flt, counts), ticker)
        else:
            write_pdf(handle, parts, reporter, masked=not unmasked)
        ticker.finish()
    if unmasked:
        record_disclosure(db, actor, what, {"format": fmt, "counts": dict(counts), **_filter_facts(flt)})
    return counts


def _filter_facts(flt: ExportFilter) -> dict[str, Any]:
    return {
        "township": flt.township,
        "date_from": flt.date_from,
        "date_to": flt.date_to,
        "selected": len(flt.record_ids) if flt.record_ids is not None else None,
    }


def export(
    db: Database,
    actor: Actor,
    what: What,
    fmt: Format,
    out: Path,
    township: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    unmasked: bool = False,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
    *,
    record_ids: Collection[uuid.UUID] | None = None,
) -> ExportResult:
    """Exports surveys, clues, visits or all three to `out` (.xlsx or .pdf), atomically.

    Raises PermissionDeniedError when `unmasked` is asked by a role that may not see full identifiers,
    UserFacingError for a bad filter, ExportCancelled when `cancel()` returned True."""
    flt = ExportFilter(township=township, date_from=date_from, date_to=date_to, record_ids=record_ids)
    with atomic_output(out) as handle:
        counts = write_export(
            db, actor, what, fmt, handle, flt, unmasked=unmasked, progress=progress, cancel=cancel
        )
    return ExportResult(out, counts)


def export_bytes(
    db: Database,
    actor: Actor,
    what: What,
    fmt: Format,
    flt: ExportFilter | None = None,
    *,
    unmasked: bool = False,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> bytes:
    """The same export in memory, e.g. a PDF of a few selected visits for the print preview."""
    buffer = io.BytesIO()
    write_export(
        db,
        actor,
        what,
        fmt,
        buffer,
        flt or ExportFilter(),
        unmasked=unmasked,
        progress=progress,
        cancel=cancel,
    )
    return buffer.getvalue()
