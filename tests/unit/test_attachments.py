"""Attachments are stored once by content hash, listed per record, read back intact, and audited."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select

from models.audit import AuditEvent
from models.records import AttachmentBlob
from storage.accounts import SignedIn
from storage.attachments import add_attachment, list_attachments, read_attachment
from storage.audit import verify_audit_chain
from storage.errors import RecordNotFoundError


def test_same_content_is_stored_once(worker: SignedIn, subject_id: uuid.UUID) -> None:
    data = b"\x89PNG fake photo"
    first = add_attachment(worker.db, worker.actor, "subject", subject_id, "门头照片.png", data)
    second = add_attachment(worker.db, worker.actor, "subject", subject_id, "副本.png", data)
    third = add_attachment(worker.db, worker.actor, "subject", subject_id, "scan.pdf", b"%PDF-1.4")
    infos = list_attachments(worker.db, "subject", subject_id)
    assert [i.id for i in infos] == [first, second, third]
    assert infos[0].mime_type == "image/png" and infos[0].size == len(data)
    assert read_attachment(worker.db, second) == ("副本.png", data)
    with worker.db.reader() as s:
        assert s.scalar(select(func.count()).select_from(AttachmentBlob)) == 2
        events = s.scalar(
            select(func.count()).select_from(AuditEvent).where(AuditEvent.record_type == "attachment")
        )
        assert events == 3
        assert verify_audit_chain(s) is None


def test_unknown_owner_is_refused(worker: SignedIn) -> None:
    with pytest.raises(RecordNotFoundError):
        add_attachment(worker.db, worker.actor, "clue", uuid.uuid4(), "a.jpg", b"x")
    with pytest.raises(ValueError):
        add_attachment(worker.db, worker.actor, "audit", uuid.uuid4(), "a.jpg", b"x")
    with pytest.raises(RecordNotFoundError):
        read_attachment(worker.db, uuid.uuid4())
