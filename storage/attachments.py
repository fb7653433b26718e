"""Attachments: photos and scans of any record, stored once by content hash inside the encrypted database."""

from __future__ import annotations

import hashlib
import mimetypes
import uuid
from dataclasses import dataclass

from sqlalchemy import select

from models.base import new_id
from models.enums import AuditAction
from models.records import RECORD_TYPES, AttachmentBlob, AttachmentRecord
from storage.audit import append_event
from storage.database import Database
from storage.errors import RecordNotFoundError, UserFacingError
from storage.services import Actor

MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024
OWNER_TYPES = frozenset({"subject", "survey", "clue", "visit"})


@dataclass(frozen=True)
class AttachmentInfo:
    id: uuid.UUID
    owner_type: str
    owner_id: uuid.UUID
    sha256: str
    file_name: str
    mime_type: str
    size: int
    caption: str | None


def add_attachment(
    db: Database,
    actor: Actor,
    owner_type: str,
    owner_id: uuid.UUID,
    file_name: str,
    data: bytes,
    *,
    mime_type: str | None = None,
    caption: str | None = None,
) -> uuid.UUID:
    """Attaches a file to a record (one transaction, one audit event); identical content is stored once."""
    if owner_type not in OWNER_TYPES:
        raise ValueError(f"attachments cannot belong to {owner_type!r}")
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise UserFacingError(f"附件过大（上限 {MAX_ATTACHMENT_BYTES // 1024 // 1024} MB）")
    digest = hashlib.sha256(data).hexdigest()
    mime = mime_type or mimetypes.guess_type(file_name)[0] or "application/octet-stream"
    with db.writer() as session:
        owner = session.get(RECORD_TYPES[owner_type], owner_id)
        if owner is None or owner.is_deleted:
            raise RecordNotFoundError("记录不存在或已被移除")
        if session.get(AttachmentBlob, digest) is None:
            session.add(AttachmentBlob(sha256=digest, size=len(data), data=data))
            session.flush()
        record = AttachmentRecord(
            id=new_id(),
            owner_type=owner_type,
            owner_id=owner_id,
            sha256=digest,
            file_name=file_name[:200],
            mime_type=mime[:64],
            caption=caption,
            created_by=actor.login,
            origin=actor.origin,
            revision=1,
        )
        session.add(record)
        session.flush()
        append_event(
            session,
            actor=actor.login,
            origin=actor.origin,
            action=AuditAction.CREATE,
            record_type="attachment",
            record_id=record.id,
            revision=1,
            changes={
                "owner_type": owner_type,
                "owner_id": str(owner_id),
                "file_name": record.file_name,
                "sha256": digest,
                "size": len(data),
            },
        )
        created: uuid.UUID = record.id
        return created


def list_attachments(db: Database, owner_type: str, owner_id: uuid.UUID) -> list[AttachmentInfo]:
    with db.reader() as session:
        rows = session.execute(
            select(AttachmentRecord, AttachmentBlob.size)
            .join(AttachmentBlob, AttachmentBlob.sha256 == AttachmentRecord.sha256)
            .where(
                AttachmentRecord.owner_type == owner_type,
                AttachmentRecord.owner_id == owner_id,
                AttachmentRecord.deleted_at.is_(None),
            )
            .order_by(AttachmentRecord.created_at)
        )
        return [
            AttachmentInfo(
                a.id, a.owner_type, a.owner_id, a.sha256, a.file_name, a.mime_type, size, a.caption
            )
            for a, size in rows
        ]


def read_attachment(db: Database, attachment_id: uuid.UUID) -> tuple[str, bytes]:
    """The file name and content of an attachment."""
    with db.reader() as session:
        record = session.get(AttachmentRecord, attachment_id)
        if record is None:
            raise RecordNotFoundError("附件不存在")
        blob = session.get_one(AttachmentBlob, record.sha256)
        return record.file_name, bytes(blob.data)
