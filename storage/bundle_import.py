"""Applying a verified bundle: one transaction, all or nothing, idempotent (DESIGN §3, §4).

Same id with a higher revision replaces; same revision with other content becomes a conflict row for a
person to decide; a lower revision is ignored. Every record is validated as a form save would be, and a
record that fails refuses the whole bundle. Each inserted or replaced record gets an IMPORT audit event
and a provenance row (which bundle, which producer, and which worker bundle a township passed on).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from models.audit import AuditEvent
from models.base import utc_now
from models.bundles import BundleLog, RecordConflict, RecordProvenance
from models.checks import InvalidRecordError, clean_record
from models.enums import AuditAction, ReviewStatus
from models.records import RECORD_TYPES, AttachmentBlob
from models.reference import Township
from storage.audit import build_event, chain_head
from storage.bundle_export import IN, STATUS_IMPORTED
from storage.bundle_records import (
    LOCAL_TYPE_LABELS,
    REVISED_TYPES,
    WIRE_TYPES,
    RefusedError,
    bulk_insert,
    content_hash,
    exists,
    from_wire,
    table_of,
    to_wire,
)
from storage.database import Database
from storage.services import Actor, editable_fields
from storage.trust import PublicKeyEntry, add_trusted

CHECKED_TYPES = ("subject", "survey", "clue", "visit")  # the types models.checks.clean_record knows
REFERENCES = {  # field -> record type it points at
    "subject_id": "subject",
    "clue_id": "clue",
}


@dataclass(frozen=True)
class IncomingBundle:
    """What the verifier established about a bundle, in plain data (storage never reads archives)."""

    manifest_sha256: str
    name: str
    fingerprint: str
    installation_id: uuid.UUID
    unit_code: str
    level: str
    seq: int
    previous_sha256: str | None
    period_to: dt.datetime
    counts: dict[str, int]
    records: dict[str, list[Any]]
    sources: dict[str, str]  # record id -> manifest hash of the carried worker bundle
    carried_origins: dict[str, uuid.UUID]  # carried manifest hash -> its producer's installation
    blobs: dict[str, bytes]
    manifest: bytes
    signature: bytes
    trust: PublicKeyEntry | None = None  # trust this key in the same transaction (`--trust-new`)


@dataclass
class ImportOutcome:
    name: str
    manifest_sha256: str
    already: bool = False
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    stale: int = 0
    conflicts: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        if self.already:
            return f"{self.name}：此前已导入，未做任何改动"
        text = (
            f"{self.name}：新增 {self.inserted} 条，更新 {self.updated} 条，"
            f"未变 {self.unchanged} 条，旧版本忽略 {self.stale} 条，冲突 {len(self.conflicts)} 条"
        )
        return "\n  ".join([text, *self.conflicts[:20], *self.warnings])


def _refuse(code: str, message: str) -> RefusedError:
    return RefusedError(code, message)


def already_imported(db: Database, manifest_sha256: str) -> bool:
    """A read-only look (no write lock, no commit) before the transaction that would find the same."""
    with db.reader() as session:
        query = select(BundleLog.id).where(
            BundleLog.direction == IN, BundleLog.manifest_sha256 == manifest_sha256
        )
        return session.scalar(query.limit(1)) is not None


Typed = dict[str, list[dict[str, Any]]]


def validate_bundle(bundle: IncomingBundle) -> Typed:
    """Every record parsed and validated, without the database (so it can run ahead of the writer)."""
    return _validate(bundle)


def apply_bundle(
    db: Database, actor: Actor, bundle: IncomingBundle, typed: Typed | None = None
) -> ImportOutcome:
    """Imports `bundle` (validated here unless `typed` comes from validate_bundle) in one transaction."""
    outcome = ImportOutcome(bundle.name, bundle.manifest_sha256)
    with db.writer() as session:
        seen = session.scalar(
            select(BundleLog.id).where(
                BundleLog.direction == IN, BundleLog.manifest_sha256 == bundle.manifest_sha256
            )
        )
        if seen is not None:
            outcome.already = True
            return outcome
        outcome.warnings += _check_chain(session, bundle)
        typed = _validate(bundle) if typed is None else typed
        _check_references(session, bundle, typed)
        changed = _apply(session, bundle, typed, outcome)
        _audit(session, actor, bundle, changed)
        session.add(
            BundleLog(
                direction=IN,
                manifest_sha256=bundle.manifest_sha256,
                name=bundle.name,
                producer_fingerprint=bundle.fingerprint,
                producer_installation=bundle.installation_id,
                producer_unit=bundle.unit_code,
                level=bundle.level,
                seq=bundle.seq,
                previous_sha256=bundle.previous_sha256,
                period_to=bundle.period_to,
                counts=bundle.counts,
                summary={
                    "inserted": outcome.inserted,
                    "updated": outcome.updated,
                    "unchanged": outcome.unchanged,
                    "stale": outcome.stale,
                    "conflicts": len(outcome.conflicts),
                },
                status=STATUS_IMPORTED,
                manifest=bundle.manifest,
                signature=bundle.signature,
            )
        )
        if bundle.trust is not None:
            add_trusted(session, bundle.trust)
    return outcome


def _check_chain(session: Session, bundle: IncomingBundle) -> list[str]:
    """Each producer's bundles form a chain by the previous bundle's manifest hash."""
    rows = {
        r.seq: r
        for r in session.scalars(
            select(BundleLog).where(
                BundleLog.direction == IN, BundleLog.producer_fingerprint == bundle.fingerprint
            )
        )
    }
    if bundle.seq in rows:
        raise _refuse(
            "broken_chain", f"已导入过该制作方的第 {bundle.seq} 号数据包，但内容不同：编号重复或被伪造"
        )
    before, after = rows.get(bundle.seq - 1), rows.get(bundle.seq + 1)
    if before is not None and before.manifest_sha256 != bundle.previous_sha256:
        raise _refuse(
            "broken_chain", f"前序数据包链断裂：第 {bundle.seq} 号数据包所指的上一个数据包与已导入的不符"
        )
    if after is not None and after.previous_sha256 != bundle.manifest_sha256:
        raise _refuse(
            "broken_chain", f"前序数据包链断裂：已导入的第 {bundle.seq + 1} 号数据包并不接续此数据包"
        )
    earlier = [s for s in rows if s < bundle.seq]
    if bundle.seq > 1 and before is None:
        missing = bundle.seq - 1 - (max(earlier) if earlier else 0)
        return [
            f"提示：尚未收到该制作方此前的 {missing} 个数据包"
            f"（第 {bundle.seq - missing} 至 {bundle.seq - 1} 号）"
        ]
    return []


def _validate(bundle: IncomingBundle) -> dict[str, list[dict[str, Any]]]:
    typed: dict[str, list[dict[str, Any]]] = {}
    for record_type in WIRE_TYPES:
        label = LOCAL_TYPE_LABELS[record_type]
        rows: list[dict[str, Any]] = []
        ids: set[uuid.UUID] = set()
        editable = editable_fields(record_type) if record_type in CHECKED_TYPES else []
        for wire in bundle.records.get(record_type, []):
            values = from_wire(record_type, wire)
            rid = values["id"]
            if rid in ids:
                raise _refuse("duplicate_record", f"{label} {rid} 在数据包中出现了两次")
            ids.add(rid)
            expected = bundle.installation_id
            source = bundle.sources.get(str(rid))
            if source:
                expected = bundle.carried_origins.get(source, expected)
            if record_type != "clue_event" and values["origin"] != expected:
                raise _refuse("foreign_origin", f"{label} {rid} 的来源终端与数据包制作方不符")
            if record_type in CHECKED_TYPES:
                fields = {k: values[k] for k in editable}
                try:
                    values.update(clean_record(record_type, fields))
                except InvalidRecordError as exc:
                    raise _refuse("invalid_record", f"{label} {rid} 未通过校验：{exc}") from None
            elif record_type == "attachment":
                sha = values["sha256"]
                ok = len(sha) == 64 and all(c in "0123456789abcdef" for c in sha)
                if not ok or values["owner_type"] not in RECORD_TYPES:
                    raise _refuse("invalid_record", f"附件记录 {rid} 的内容标识不正确")
            rows.append(values)
        typed[record_type] = rows
    return typed


def _check_references(
    session: Session, bundle: IncomingBundle, typed: dict[str, list[dict[str, Any]]]
) -> None:
    townships = set(session.scalars(select(Township.code)))
    in_bundle = {t: {v["id"] for v in rows} for t, rows in typed.items()}
    wanted: dict[str, set[uuid.UUID]] = {"subject": set(), "clue": set()}
    for rows in typed.values():
        for values in rows:
            code = values.get("township_code")
            if code is not None and code not in townships:
                raise _refuse("invalid_record", f"记录 {values['id']} 的乡镇代码 {code} 不在本县配置中")
            for name, target in REFERENCES.items():
                ref = values.get(name)
                if ref is not None and ref not in in_bundle[target]:
                    wanted[target].add(ref)
    for target, refs in wanted.items():
        missing = refs - exists(session, target, sorted(refs))
        if missing:
            raise _refuse(
                "missing_reference",
                f"数据包中的记录引用了本机没有的{LOCAL_TYPE_LABELS[target]} {sorted(missing)[0]}："
                "请先导入该制作方此前的数据包",
            )
    blobs_here = set(session.scalars(select(AttachmentBlob.sha256)))
    for values in typed["attachment"]:
        if values["sha256"] not in bundle.blobs and values["sha256"] not in blobs_here:
            raise _refuse("missing_file", f"附件 {values['sha256'][:12]} 的内容不在数据包中")


def _existing(session: Session, record_type: str, ids: list[uuid.UUID]) -> dict[uuid.UUID, dict[str, Any]]:
    table = table_of(record_type)
    found: dict[uuid.UUID, dict[str, Any]] = {}
    for start in range(0, len(ids), 900):
        chunk = ids[start : start + 900]
        for row in session.execute(table.select().where(table.c.id.in_(chunk))).mappings():
            found[row["id"]] = dict(row)
    return found


def _apply(
    session: Session, bundle: IncomingBundle, typed: dict[str, list[dict[str, Any]]], outcome: ImportOutcome
) -> list[tuple[str, dict[str, Any], int | None]]:
    """Writes inserts and replacements; returns (type, values, previous revision) of each change."""
    changed: list[tuple[str, dict[str, Any], int | None]] = []
    for sha, data in bundle.blobs.items():
        stmt = sqlite_insert(AttachmentBlob).values(sha256=sha, size=len(data), data=data)
        session.execute(stmt.on_conflict_do_nothing())
    for record_type, rows in typed.items():
        table = table_of(record_type)
        label = LOCAL_TYPE_LABELS[record_type]
        revised = record_type in REVISED_TYPES
        existing = _existing(session, record_type, [v["id"] for v in rows])
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        for values in rows:
            old = existing.get(values["id"])
            if old is None:
                inserts.append(values)
                if revised:
                    changed.append((record_type, values, None))
                continue
            reason = None
            if revised and old["origin"] != values["origin"]:
                reason = "同一编号的记录来自不同终端"
            elif revised and values["revision"] > old["revision"]:
                updates.append({**values, "b_id": values["id"]})
                changed.append((record_type, values, old["revision"]))
                continue
            elif revised and values["revision"] < old["revision"]:
                outcome.stale += 1
                continue
            elif content_hash(to_wire(record_type, old)) == content_hash(to_wire(record_type, values)):
                outcome.unchanged += 1
                continue
            else:
                reason = "同一修订号的内容不同"
            outcome.conflicts.append(
                f"冲突：{label} {values['id']} 第 {values.get('revision', 1)} 版，{reason}"
            )
            session.add(
                RecordConflict(
                    record_type=record_type,
                    record_id=values["id"],
                    revision=values.get("revision", 1),
                    reason=reason,
                    incoming=to_wire(record_type, values),
                    bundle_sha256=bundle.manifest_sha256,
                )
            )
        if inserts:
            if "review_status" in table.c:
                inserts = [{**row, "review_status": ReviewStatus.PENDING} for row in inserts]
            bulk_insert(session, table, inserts)
        if updates:
            reset = {"review_status": ReviewStatus.PENDING, "review_comments": None} if revised else {}
            rows_ = [{**u, **reset} for u in updates]
            for u in rows_:
                del u["id"]
            replace = update(table).where(table.c.id == bindparam("b_id"))
            session.connection().execute(replace, rows_)
        outcome.inserted += len(inserts) if revised else 0
        outcome.updated += len(updates)
    return changed


def _audit(
    session: Session,
    actor: Actor,
    bundle: IncomingBundle,
    changed: list[tuple[str, dict[str, Any], int | None]],
) -> None:
    head = chain_head(session)
    now = utc_now()
    events: list[dict[str, Any]] = []
    provenance: list[dict[str, Any]] = []
    for record_type, values, previous in changed:
        source = bundle.sources.get(str(values["id"])) or None
        event = build_event(
            head,
            actor=actor.login,
            origin=actor.origin,
            action=AuditAction.IMPORT,
            record_type=record_type,
            record_id=values["id"],
            revision=values["revision"],
            changes={
                "bundle": bundle.name,
                "bundle_sha256": bundle.manifest_sha256,
                "producer": bundle.fingerprint,
                "from_revision": previous,
            },
        )
        head = type(head)(event["seq"], event["hash"])
        events.append(event)
        provenance.append(
            {
                "record_id": values["id"],
                "revision": values["revision"],
                "record_type": record_type,
                "bundle_sha256": bundle.manifest_sha256,
                "producer_fingerprint": bundle.fingerprint,
                "source_bundle_sha256": source,
                "imported_at": now,
            }
        )
    if events:
        # Core statements on the tables: the ORM bulk path costs more than the inserts themselves.
        bulk_insert(session, cast(Table, AuditEvent.__table__), events)
        bulk_insert(session, cast(Table, RecordProvenance.__table__), provenance, or_ignore=True)
