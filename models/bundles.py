"""Keys, trust, bundles sent and received, record provenance and conflicts (DESIGN §4).

Kept in tables of their own: the record tables (subject, survey, clue, visit) are never altered for
bundles, so their full-text triggers stay as they are.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import JSON, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UtcDateTime, new_id, str16, str64, str200, utc_now


class InstallationKey(Base):
    """One of this installation's own key pairs: `ed25519` signs bundles, `x25519` receives sealed ones.

    The private half is sealed with AES-GCM under a key derived from the database key."""

    __tablename__ = "installation_key"

    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    public_key: Mapped[str] = mapped_column(String(200))  # OpenSSH line or age recipient
    private_sealed: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utc_now)


class TrustedKey(Base):
    """A producer whose bundles this installation accepts (like an SSH known_hosts line)."""

    __tablename__ = "trusted_key"

    fingerprint: Mapped[str] = mapped_column(String(64), primary_key=True)  # SHA256:<base64>
    public_key: Mapped[str] = mapped_column(String(200))  # ssh-ed25519 AAAA…
    age_recipient: Mapped[str | None] = mapped_column(String(100), default=None)
    label: Mapped[str200] = mapped_column(default="")
    added_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utc_now)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime(), default=None)


class BundleLog(Base):
    """Every bundle made here (`out`) or imported here (`in`), keyed by the SHA-256 of its manifest."""

    __tablename__ = "bundle_log"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    direction: Mapped[str16]
    manifest_sha256: Mapped[str] = mapped_column(String(64), index=True)
    name: Mapped[str200]
    producer_fingerprint: Mapped[str64] = mapped_column(index=True)
    producer_installation: Mapped[uuid.UUID]
    producer_unit: Mapped[str] = mapped_column(String(24))
    level: Mapped[str16]
    seq: Mapped[int] = mapped_column(Integer)
    previous_sha256: Mapped[str | None] = mapped_column(String(64), default=None)
    period_to: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    summary: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str16] = mapped_column(default="")  # out: 已发送 / 已确认; in: 已导入
    # The exact signed bytes, kept so a township bundle can carry its workers' manifests unchanged.
    manifest: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)
    signature: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utc_now)


class RecordProvenance(Base):
    """Which bundle (and producer) delivered a revision of a record to this installation."""

    __tablename__ = "record_provenance"

    record_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    revision: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_type: Mapped[str16]
    bundle_sha256: Mapped[str] = mapped_column(String(64), index=True)
    producer_fingerprint: Mapped[str64]
    # The worker bundle a township bundle passed on (None when the producer made the record itself).
    source_bundle_sha256: Mapped[str | None] = mapped_column(String(64), default=None)
    imported_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utc_now)


class RecordConflict(Base):
    """Same id and revision arrived with other content: kept for a person to decide, never auto-resolved."""

    __tablename__ = "record_conflict"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    record_type: Mapped[str16]
    record_id: Mapped[uuid.UUID] = mapped_column(index=True)
    revision: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    incoming: Mapped[dict[str, Any]] = mapped_column(JSON)
    bundle_sha256: Mapped[str] = mapped_column(String(64))
    detected_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utc_now)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime(), default=None)


class ReviewNote(Base):
    """A liaison's verdict on one revision of this installation's record, from a signed review file."""

    __tablename__ = "review_note"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    record_type: Mapped[str16]
    record_id: Mapped[uuid.UUID] = mapped_column(index=True)
    revision: Mapped[int] = mapped_column(Integer)
    verdict: Mapped[str16]  # accepted / returned
    comments: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # field -> comment
    reviewer: Mapped[str200]
    reviewer_fingerprint: Mapped[str64]
    file_sha256: Mapped[str] = mapped_column(String(64), index=True)
    reviewed_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    received_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utc_now)
