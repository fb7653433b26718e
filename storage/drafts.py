"""Form drafts: an unsaved form is autosaved every few seconds and offered again after a crash."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select

from models.base import utc_now
from models.records import FormDraft
from storage.database import Database


@dataclass(frozen=True)
class Draft:
    id: uuid.UUID
    record_type: str
    record_id: uuid.UUID | None
    payload: dict[str, Any]
    saved_at: dt.datetime


def save_draft(
    db: Database,
    login: str,
    record_type: str,
    payload: dict[str, Any],
    *,
    record_id: uuid.UUID | None = None,
    draft_id: uuid.UUID | None = None,
) -> uuid.UUID:
    """Creates or overwrites a draft; `payload` must be JSON (the form's text values). Returns its id."""
    with db.writer() as session:
        draft = session.get(FormDraft, draft_id) if draft_id is not None else None
        if draft is None:
            draft = FormDraft(
                id=draft_id or uuid.uuid4(),
                login=login,
                record_type=record_type,
                record_id=record_id,
                payload=payload,
            )
            session.add(draft)
        else:
            draft.payload = payload
            draft.record_id = record_id
            draft.saved_at = utc_now()
        saved: uuid.UUID = draft.id
        return saved


def load_drafts(db: Database, login: str, record_type: str | None = None) -> list[Draft]:
    """This user's drafts, newest first (optionally of one record type)."""
    with db.reader() as session:
        stmt = select(FormDraft).where(FormDraft.login == login).order_by(FormDraft.saved_at.desc())
        if record_type is not None:
            stmt = stmt.where(FormDraft.record_type == record_type)
        return [
            Draft(d.id, d.record_type, d.record_id, dict(d.payload), d.saved_at)
            for d in session.scalars(stmt)
        ]


def discard_draft(db: Database, draft_id: uuid.UUID) -> None:
    with db.writer() as session:
        session.execute(delete(FormDraft).where(FormDraft.id == draft_id))
