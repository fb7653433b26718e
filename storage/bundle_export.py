"""What goes into the next bundle made here, and the log of bundles sent.

A grid worker sends its own records; a township passes on its workers' records that were not returned for
correction, with the worker bundle that delivered each (so the county can check the worker's signature).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from models.base import utc_now
from models.bundles import BundleLog, RecordProvenance
from models.enums import ReviewStatus
from models.records import AttachmentBlob
from storage.accounts import SignedIn
from storage.bundle_records import WIRE_TYPES, table_of, to_wire

OUT = "out"
IN = "in"
STATUS_SENT = "已发送"
STATUS_CONFIRMED = "已确认"
STATUS_IMPORTED = "已导入"


@dataclass
class Outgoing:
    """The content of the next bundle, read in one transaction."""

    seq: int
    previous_sha256: str | None
    period_from: dt.datetime | None
    period_to: dt.datetime
    records: dict[str, list[dict[str, Any]]]
    blobs: dict[str, bytes]
    # record id -> manifest hash of the worker bundle that delivered it here
    sources: dict[str, str] = field(default_factory=dict)
    # manifest hash -> (manifest bytes, signature bytes) of those worker bundles
    carried: dict[str, tuple[bytes, bytes]] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        return {name: len(rows) for name, rows in self.records.items()}


def last_outgoing(session: Session) -> BundleLog | None:
    return session.scalars(
        select(BundleLog).where(BundleLog.direction == OUT).order_by(BundleLog.seq.desc()).limit(1)
    ).first()


def collect(signed: SignedIn, *, since_last: bool) -> Outgoing:
    """Reads what the next bundle carries. The write lock keeps `period_to` exact: nothing commits between
    taking the time and reading the rows."""
    origin = signed.actor.origin
    with signed.db.writer() as session:
        last = last_outgoing(session)
        since = last.period_to if since_last and last is not None else None
        period_to = utc_now()
        records: dict[str, list[dict[str, Any]]] = {}
        for record_type in WIRE_TYPES:
            if record_type == "clue_event":
                continue
            records[record_type] = _rows(session, record_type, origin, since)
        _add_referenced(session, records)
        clue_ids = [uuid.UUID(c["id"]) for c in records["clue"]]
        records["clue_event"] = _events(session, clue_ids)
        others = [
            (row["id"], row["revision"])
            for record_type, rows in records.items()
            if record_type != "clue_event"
            for row in rows
            if row["origin"] != str(origin)
        ]
        sources = _sources(session, others)
        carried = _carried(session, set(sources.values()))
        wanted = {a["sha256"] for a in records["attachment"]}
        blobs = {
            b.sha256: b.data
            for b in session.scalars(select(AttachmentBlob).where(AttachmentBlob.sha256.in_(wanted)))
        }
        return Outgoing(
            seq=(last.seq + 1) if last else 1,
            previous_sha256=last.manifest_sha256 if last else None,
            period_from=since,
            period_to=period_to,
            records={k: records[k] for k in WIRE_TYPES},
            blobs=blobs,
            sources=sources,
            carried=carried,
        )


def _rows(
    session: Session, record_type: str, origin: uuid.UUID, since: dt.datetime | None
) -> list[dict[str, Any]]:
    table = table_of(record_type)
    query = table.select()
    if "review_status" in table.c:
        # Others' records travel on only once accepted (a township compiles what it accepted).
        query = query.where(
            or_(table.c.origin == origin, table.c.review_status == ReviewStatus.ACCEPTED.value)
        )
    if since is not None:
        arrived = select(RecordProvenance.record_id).where(RecordProvenance.imported_at > since)
        query = query.where(or_(table.c.updated_at > since, table.c.id.in_(arrived)))
    rows = session.execute(query.order_by(table.c.id)).mappings()
    return [to_wire(record_type, row) for row in rows]


def _add_referenced(session: Session, records: dict[str, list[dict[str, Any]]]) -> None:
    """Subjects and clues that included records point at travel too, so the receiver can resolve them."""
    for target, fields in (("clue", ("clue_id",)), ("subject", ("subject_id",))):
        have = {r["id"] for r in records[target]}
        wanted = {r[f] for rows in records.values() for r in rows for f in fields if r.get(f)} - have
        table = table_of(target)
        for ref in sorted(wanted):
            row = session.execute(table.select().where(table.c.id == uuid.UUID(ref))).mappings().first()
            if row is not None:
                records[target].append(to_wire(target, row))


def _events(session: Session, clue_ids: list[uuid.UUID]) -> list[dict[str, Any]]:
    table = table_of("clue_event")
    out: list[dict[str, Any]] = []
    for start in range(0, len(clue_ids), 900):
        chunk = clue_ids[start : start + 900]
        rows = session.execute(table.select().where(table.c.clue_id.in_(chunk)).order_by(table.c.id))
        out += [to_wire("clue_event", row) for row in rows.mappings()]
    return out


def _sources(session: Session, wanted: list[tuple[str, int]]) -> dict[str, str]:
    """Record id -> the worker bundle that delivered the revision being passed on ("" when unknown)."""
    found: dict[tuple[str, int], str] = {}
    ids = [uuid.UUID(rid) for rid, _ in wanted]
    for start in range(0, len(ids), 900):
        query = select(RecordProvenance).where(RecordProvenance.record_id.in_(ids[start : start + 900]))
        for prov in session.scalars(query):
            found[(str(prov.record_id), prov.revision)] = prov.source_bundle_sha256 or prov.bundle_sha256
    return {rid: found.get((rid, revision), "") for rid, revision in wanted}


def _carried(session: Session, hashes: set[str]) -> dict[str, tuple[bytes, bytes]]:
    carried: dict[str, tuple[bytes, bytes]] = {}
    for sha in sorted(h for h in hashes if h):
        row = session.scalars(
            select(BundleLog).where(BundleLog.direction == IN, BundleLog.manifest_sha256 == sha)
        ).first()
        if row is not None and row.manifest is not None and row.signature is not None:
            carried[sha] = (row.manifest, row.signature)
    return carried


def log_outgoing(signed: SignedIn, entry: dict[str, Any]) -> None:
    """Records a bundle once its file is complete (the next `--since-last` starts from its period)."""
    with signed.db.writer() as session:
        session.add(BundleLog(direction=OUT, status=STATUS_SENT, **entry))


def outgoing_log(signed: SignedIn) -> list[BundleLog]:
    with signed.db.reader() as session:
        return list(
            session.scalars(select(BundleLog).where(BundleLog.direction == OUT).order_by(BundleLog.seq))
        )
