"""The audit trail: one event per change, each carrying the hash of the one before it."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from typing import Any

from sqlalchemy import JSON, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UtcDateTime, enum_column, str16, str64
from models.enums import AuditAction

GENESIS_HASH = "0" * 64


class AuditEvent(Base):
    __tablename__ = "audit_event"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    actor: Mapped[str64]
    origin: Mapped[uuid.UUID]
    action: Mapped[AuditAction] = mapped_column(enum_column(AuditAction))
    record_type: Mapped[str16]
    record_id: Mapped[uuid.UUID] = mapped_column(index=True)
    revision: Mapped[int] = mapped_column(Integer)
    changes: Mapped[dict[str, Any]] = mapped_column(JSON)
    reason: Mapped[str | None] = mapped_column(Text, default=None)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


def audit_hash(
    *,
    seq: int,
    at: dt.datetime,
    actor: str,
    origin: uuid.UUID,
    action: str,
    record_type: str,
    record_id: uuid.UUID,
    revision: int,
    changes: dict[str, Any],
    reason: str | None,
    prev_hash: str,
) -> str:
    """SHA-256 over a canonical JSON of every field: any edit, insertion or removal breaks the chain."""
    payload = {
        "seq": seq,
        "at": at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "actor": actor,
        "origin": str(origin),
        "action": str(action),
        "record_type": record_type,
        "record_id": str(record_id),
        "revision": revision,
        "changes": changes,
        "reason": reason,
        "prev_hash": prev_hash,
    }
    canonical = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
