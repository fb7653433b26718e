"""Conflicts are listed until a person settles them with a reason; settling is audited."""

from __future__ import annotations

import uuid

import pytest

from models.bundles import RecordConflict
from storage.accounts import SignedIn
from storage.audit import verify_audit_chain
from storage.bundle_conflicts import keep_local_copy, open_conflicts
from storage.errors import UserFacingError


def test_list_then_keep_local_copy(worker: SignedIn, subject_id: uuid.UUID) -> None:
    with worker.db.writer() as session:
        conflict = RecordConflict(
            record_type="subject",
            record_id=subject_id,
            revision=1,
            reason="同一版本内容不同：address",
            incoming={"address": "别处"},
            bundle_sha256="0" * 64,
        )
        session.add(conflict)
        session.flush()
        conflict_id = conflict.id
    assert [c.id for c in open_conflicts(worker.db)] == [conflict_id]
    with pytest.raises(UserFacingError, match="原因"):
        keep_local_copy(worker.db, worker.actor, conflict_id, " ")
    keep_local_copy(worker.db, worker.actor, conflict_id, "与网格员电话核实，本机为准")
    assert open_conflicts(worker.db) == []
    with worker.db.reader() as session:
        assert verify_audit_chain(session) is None
