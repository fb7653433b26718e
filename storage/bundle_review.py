"""Review verdicts (accept / return with per-field comments) and receipts, on both ends (DESIGN §3).

The liaison's verdict lives on the liaison's copy of the record (its review columns); the worker keeps the
verdicts it received in `review_note`, never in its own record, which only the worker edits.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from models.bundles import BundleLog, ReviewNote
from models.enums import AuditAction, ReviewStatus
from models.records import RECORD_TYPES
from storage.accounts import SignedIn
from storage.audit import append_event
from storage.bundle_export import OUT, STATUS_CONFIRMED
from storage.errors import PermissionDeniedError, RecordNotFoundError, UserFacingError
from storage.services import editable_fields

VERDICTS = {m.value: m for m in ReviewStatus}


@dataclass(frozen=True)
class Decision:
    record_id: uuid.UUID
    verdict: ReviewStatus  # ACCEPTED or RETURNED
    comments: dict[str, str]


def find_record_type(signed: SignedIn, record_id: uuid.UUID) -> str:
    with signed.db.reader() as session:
        for name, model in RECORD_TYPES.items():
            if session.get(model, record_id) is not None:
                return name
    raise RecordNotFoundError(f"记录 {record_id} 不存在")


def set_reviews(signed: SignedIn, decisions: list[Decision]) -> list[dict[str, Any]]:
    """Records the verdicts on this installation's copies; returns the items of the review file."""
    items: list[dict[str, Any]] = []
    types = {d.record_id: find_record_type(signed, d.record_id) for d in decisions}
    with signed.db.writer() as session:
        for decision in decisions:
            record_type = types[decision.record_id]
            record: Any = session.get(RECORD_TYPES[record_type], decision.record_id)
            if record.origin == signed.actor.origin:
                raise PermissionDeniedError("不能审核本机自己创建的记录")
            if decision.verdict is ReviewStatus.RETURNED and not decision.comments:
                raise UserFacingError("退回修改需至少对一个字段填写意见")
            unknown = set(decision.comments) - set(editable_fields(record_type))
            if unknown:
                raise UserFacingError(f"意见所指的字段不存在：{'、'.join(sorted(unknown))}")
            old = record.review_status
            record.review_status = decision.verdict
            record.review_comments = dict(decision.comments) or None
            append_event(
                session,
                actor=signed.actor.login,
                origin=signed.actor.origin,
                action=AuditAction.UPDATE,
                record_type=record_type,
                record_id=record.id,
                revision=record.revision,
                changes={
                    "review_status": [old.value, decision.verdict.value],
                    "review_comments": decision.comments,
                },
                reason="审核",
            )
            items.append(
                {
                    "record_type": record_type,
                    "record_id": str(record.id),
                    "origin": str(record.origin),
                    "revision": record.revision,
                    "verdict": decision.verdict.value,
                    "comments": dict(decision.comments),
                }
            )
    return items


def pending_reviews(signed: SignedIn) -> list[uuid.UUID]:
    """Records from others that wait for a verdict (待审核)."""
    ids: list[uuid.UUID] = []
    with signed.db.reader() as session:
        for model in RECORD_TYPES.values():
            if not hasattr(model, "review_status"):
                continue
            query = select(model.id).where(
                model.origin != signed.actor.origin,
                model.review_status == ReviewStatus.PENDING,
            )
            ids += list(session.scalars(query))
    return ids


def store_review_notes(
    signed: SignedIn,
    items: list[Any],
    reviewer: str,
    fingerprint: str,
    file_sha256: str,
    made_at: dt.datetime,
) -> int:
    """Keeps the verdicts on this installation's records; the same file twice changes nothing."""
    with signed.db.writer() as session:
        if session.scalar(select(ReviewNote.id).where(ReviewNote.file_sha256 == file_sha256).limit(1)):
            return 0
        stored = 0
        for item in items:
            if not isinstance(item, dict) or item.get("origin") != str(signed.actor.origin):
                continue
            verdict = VERDICTS[str(item["verdict"])]
            record_type = str(item["record_type"])
            if record_type not in RECORD_TYPES or not isinstance(item.get("comments"), dict):
                raise UserFacingError("审核文件中的记录格式不正确")
            session.add(
                ReviewNote(
                    record_type=record_type,
                    record_id=uuid.UUID(item["record_id"]),
                    revision=int(item["revision"]),
                    verdict=verdict.value,
                    comments={str(k): str(v) for k, v in item["comments"].items()},
                    reviewer=reviewer[:200],
                    reviewer_fingerprint=fingerprint,
                    file_sha256=file_sha256,
                    reviewed_at=made_at,
                )
            )
            stored += 1
        return stored


def review_notes(signed: SignedIn, record_id: uuid.UUID) -> list[ReviewNote]:
    """What the liaison said about this record, newest first (shown with the record)."""
    with signed.db.reader() as session:
        query = select(ReviewNote).where(ReviewNote.record_id == record_id)
        return list(session.scalars(query.order_by(ReviewNote.reviewed_at.desc())))


def mark_confirmed(signed: SignedIn, manifest_sha256: str) -> BundleLog | None:
    """A receipt for a bundle sent from here: marks it 已确认; None when no such bundle was sent."""
    with signed.db.writer() as session:
        row = session.scalars(
            select(BundleLog).where(BundleLog.direction == OUT, BundleLog.manifest_sha256 == manifest_sha256)
        ).first()
        if row is not None:
            row.status = STATUS_CONFIRMED
        return row
