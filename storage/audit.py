"""Appending to and verifying the audit hash chain."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.audit import GENESIS_HASH, AuditEvent, audit_hash
from models.base import utc_now
from models.enums import AuditAction


@dataclass(frozen=True)
class ChainHead:
    seq: int
    hash: str


def chain_head(session: Session) -> ChainHead:
    row = session.execute(
        select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)
    ).first()
    return ChainHead(0, GENESIS_HASH) if row is None else ChainHead(row.seq, row.hash)


def build_event(
    head: ChainHead,
    *,
    actor: str,
    origin: uuid.UUID,
    action: AuditAction,
    record_type: str,
    record_id: uuid.UUID,
    revision: int,
    changes: dict[str, Any],
    reason: str | None = None,
    at: dt.datetime | None = None,
) -> dict[str, Any]:
    """The column values of the next event after `head` (usable for ORM or bulk Core inserts)."""
    values: dict[str, Any] = {
        "seq": head.seq + 1,
        "at": at or utc_now(),
        "actor": actor,
        "origin": origin,
        "action": action,
        "record_type": record_type,
        "record_id": record_id,
        "revision": revision,
        "changes": changes,
        "reason": reason,
        "prev_hash": head.hash,
    }
    values["hash"] = audit_hash(**values)
    return values


def append_event(session: Session, **fields: Any) -> AuditEvent:
    """Adds the next event. The caller's write transaction (BEGIN IMMEDIATE) keeps the chain linear."""
    values = build_event(chain_head(session), **fields)
    event = AuditEvent(**values)
    session.add(event)
    return event


@dataclass(frozen=True)
class ChainBreak:
    seq: int
    record_type: str | None
    record_id: str | None
    problem: str

    def __str__(self) -> str:
        where = f"审计事件 #{self.seq}"
        if self.record_type:
            where += f"（{self.record_type} {self.record_id}）"
        return f"{where}：{self.problem}"


def verify_audit_chain(session: Session, batch: int = 5000) -> ChainBreak | None:
    """Walks the chain in order; returns the first broken link, or None when every event checks out."""
    expected_prev, expected_seq = GENESIS_HASH, 1
    rows = session.execute(select(AuditEvent).order_by(AuditEvent.seq).execution_options(yield_per=batch))
    for event in rows.scalars():
        kind, rid = event.record_type, str(event.record_id)
        if event.seq != expected_seq:
            return ChainBreak(expected_seq, None, None, f"缺失（下一条为 #{event.seq}），事件被删除")
        if event.prev_hash != expected_prev:
            return ChainBreak(event.seq, kind, rid, "与前一条事件的哈希不衔接，前一条事件被改动或删除")
        recomputed = audit_hash(
            seq=event.seq,
            at=event.at,
            actor=event.actor,
            origin=event.origin,
            action=event.action,
            record_type=event.record_type,
            record_id=event.record_id,
            revision=event.revision,
            changes=event.changes,
            reason=event.reason,
            prev_hash=event.prev_hash,
        )
        if recomputed != event.hash:
            return ChainBreak(event.seq, kind, rid, "内容与其哈希不符，事件被改动")
        expected_prev, expected_seq = event.hash, event.seq + 1
        session.expunge(event)
    return None
