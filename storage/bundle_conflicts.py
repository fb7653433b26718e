"""Conflicts from imports (same record and revision, other content): listed for a person, and settled by
keeping this installation's copy with a reason. Never resolved silently (DESIGN §3)."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from models.base import utc_now
from models.bundles import RecordConflict
from models.enums import AuditAction
from storage.database import Database
from storage.errors import RecordNotFoundError, UserFacingError
from storage.services import Actor, audit_action


def open_conflicts(db: Database) -> list[RecordConflict]:
    with db.reader() as session:
        rows = list(
            session.scalars(
                select(RecordConflict)
                .where(RecordConflict.resolved_at.is_(None))
                .order_by(RecordConflict.detected_at)
            )
        )
        for row in rows:
            session.expunge(row)
        return rows


def keep_local_copy(db: Database, actor: Actor, conflict_id: uuid.UUID, reason: str) -> None:
    """Settles a conflict by keeping the copy already here; the incoming content stays in the table."""
    if not reason.strip():
        raise UserFacingError("处理冲突需填写原因")
    with db.writer() as session:
        conflict = session.get(RecordConflict, conflict_id)
        if conflict is None:
            raise RecordNotFoundError("没有这条冲突记录")
        if conflict.resolved_at is not None:
            return
        conflict.resolved_at = utc_now()
        audit_action(
            session,
            actor,
            action=AuditAction.UPDATE,
            record_type=conflict.record_type,
            record_id=conflict.record_id,
            revision=conflict.revision,
            changes={"conflict": str(conflict.id), "kept": "local"},
            reason=reason.strip(),
        )
