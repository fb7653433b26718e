"""The records grid workers keep (DESIGN §3): subjects, surveys, clues and their events, visits, files."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import (
    Base,
    RecordMixin,
    UtcDateTime,
    enum_column,
    new_id,
    str16,
    str32,
    str64,
    str200,
    utc_now,
)
from models.enums import (
    ClueEventKind,
    ClueStatus,
    DraftStatus,
    ReviewStatus,
    RiskLevel,
    SubjectKind,
    VisitType,
)


class AreaMixin:
    """Where a record belongs: township, village and grid codes from the county profile."""

    township_code: Mapped[str16] = mapped_column(index=True)
    village_code: Mapped[str | None] = mapped_column(String(16), default=None)
    grid_code: Mapped[str | None] = mapped_column(String(24), default=None)


class ReviewMixin:
    """A liaison accepts a worker's record or returns it with per-field comments (never overwrites it)."""

    review_status: Mapped[ReviewStatus] = mapped_column(
        enum_column(ReviewStatus), default=ReviewStatus.PENDING
    )
    review_comments: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)


class SubjectRecord(RecordMixin, AreaMixin, ReviewMixin, Base):
    """涉及主体: an enterprise, social organisation, individual business or natural person."""

    __tablename__ = "subject"

    kind: Mapped[SubjectKind] = mapped_column(enum_column(SubjectKind))
    name: Mapped[str200] = mapped_column(index=True)
    credit_code: Mapped[str | None] = mapped_column(String(18), index=True, default=None)
    id_number: Mapped[str | None] = mapped_column(String(18), index=True, default=None)
    legal_representative: Mapped[str | None] = mapped_column(String(64), default=None)
    phone: Mapped[str | None] = mapped_column(String(20), default=None)
    address: Mapped[str | None] = mapped_column(String(300), default=None)
    business_scope: Mapped[str | None] = mapped_column(Text, default=None)
    # Words of 条例 art. 9 found in the name or business scope; recomputed on every save.
    restricted_words: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[DraftStatus] = mapped_column(enum_column(DraftStatus), default=DraftStatus.DRAFT)


class SurveyRecord(RecordMixin, AreaMixin, ReviewMixin, Base):
    """排查登记: one screening of a subject."""

    __tablename__ = "survey"

    subject_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("subject.id"), index=True)
    survey_date: Mapped[dt.date] = mapped_column(Date, index=True)
    screeners: Mapped[list[str]] = mapped_column(JSON, default=list)
    methods: Mapped[list[str]] = mapped_column(JSON, default=list)
    key_domains: Mapped[list[str]] = mapped_column(JSON, default=list)
    # The items of the four-features checklist (非法性、公开性、利诱性、社会性) that were found.
    four_features: Mapped[list[str]] = mapped_column(JSON, default=list)
    promotion_channel: Mapped[str | None] = mapped_column(String(200), default=None)
    promised_return: Mapped[str | None] = mapped_column(String(200), default=None)
    estimated_participants: Mapped[int | None] = mapped_column(Integer, default=None)
    # Money is kept in 分 (hundredths of a yuan) as an integer: exact, and SQLite has no decimal type.
    estimated_amount_fen: Mapped[int | None] = mapped_column(Integer, default=None)
    risk_level: Mapped[RiskLevel] = mapped_column(enum_column(RiskLevel), default=RiskLevel.NONE)
    conclusion: Mapped[str | None] = mapped_column(Text, default=None)
    status: Mapped[DraftStatus] = mapped_column(enum_column(DraftStatus), default=DraftStatus.DRAFT)

    subject: Mapped[SubjectRecord] = relationship(lazy="raise")


class ClueRecord(RecordMixin, AreaMixin, ReviewMixin, Base):
    """风险线索台账: a risk clue and its latest state; the steps themselves are ClueEventRecord rows."""

    __tablename__ = "clue"
    __table_args__ = (Index("ix_clue_status_deadline", "status", "deadline"),)

    ledger_no: Mapped[str32] = mapped_column(index=True)
    source: Mapped[str64]
    received_date: Mapped[dt.date] = mapped_column(Date, index=True)
    # The informant (举报人) is kept sealed: AES-GCM under a key derived from the database key, so it never
    # appears in plain text in queries, exports or logs unless a role that may see it asks (条例 art. 16).
    informant_sealed: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)
    subject_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("subject.id"), index=True, default=None)
    subject_name: Mapped[str200]  # copied from the subject so the ledger lists and searches without a join
    facts: Mapped[str] = mapped_column(Text)
    participants: Mapped[int | None] = mapped_column(Integer, default=None)
    amount_fen: Mapped[int | None] = mapped_column(Integer, default=None)
    key_domains: Mapped[list[str]] = mapped_column(JSON, default=list)
    key_case_flags: Mapped[list[str]] = mapped_column(JSON, default=list)
    area_type: Mapped[str | None] = mapped_column(String(32), default=None)
    lead_unit: Mapped[str | None] = mapped_column(String(64), default=None)
    responsible_units: Mapped[list[str]] = mapped_column(JSON, default=list)
    deadline: Mapped[dt.date | None] = mapped_column(Date, default=None)
    status: Mapped[ClueStatus] = mapped_column(enum_column(ClueStatus), default=ClueStatus.REGISTERED)
    status_date: Mapped[dt.date] = mapped_column(Date)
    # Latest values set by the workflow, for lists and printouts; the events hold the history.
    opinion: Mapped[str | None] = mapped_column(Text, default=None)
    disposal_idea: Mapped[str | None] = mapped_column(Text, default=None)
    measures: Mapped[list[str]] = mapped_column(JSON, default=list)
    result: Mapped[str | None] = mapped_column(Text, default=None)

    events: Mapped[list[ClueEventRecord]] = relationship(
        back_populates="clue", order_by="ClueEventRecord.occurred_at", lazy="raise"
    )


class ClueEventRecord(Base):
    """One step of a clue's life: what happened, when, by whom, and what the step required."""

    __tablename__ = "clue_event"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    clue_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("clue.id"), index=True)
    kind: Mapped[ClueEventKind] = mapped_column(enum_column(ClueEventKind))
    from_status: Mapped[ClueStatus | None] = mapped_column(enum_column(ClueStatus), default=None)
    to_status: Mapped[ClueStatus] = mapped_column(enum_column(ClueStatus))
    on_date: Mapped[dt.date] = mapped_column(Date)
    occurred_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utc_now)
    actor: Mapped[str64]
    origin: Mapped[uuid.UUID]
    note: Mapped[str | None] = mapped_column(Text, default=None)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    clue: Mapped[ClueRecord] = relationship(back_populates="events", lazy="raise")


class VisitRecord(RecordMixin, AreaMixin, ReviewMixin, Base):
    """走访记录: a visit, printed for the signatures of two visitors and the visited party."""

    __tablename__ = "visit"

    visited_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), index=True)
    visit_type: Mapped[VisitType] = mapped_column(enum_column(VisitType))
    visitors: Mapped[list[str]] = mapped_column(JSON, default=list)
    visited_party: Mapped[str200]
    visited_phone: Mapped[str | None] = mapped_column(String(20), default=None)
    place: Mapped[str | None] = mapped_column(String(300), default=None)
    content: Mapped[str] = mapped_column(Text)
    findings: Mapped[str | None] = mapped_column(Text, default=None)
    public_requests: Mapped[str | None] = mapped_column(Text, default=None)
    follow_up: Mapped[str | None] = mapped_column(Text, default=None)
    materials_handed_out: Mapped[int] = mapped_column(Integer, default=0)
    people_reached: Mapped[int] = mapped_column(Integer, default=0)
    clue_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("clue.id"), index=True, default=None)
    subject_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("subject.id"), index=True, default=None)
    status: Mapped[DraftStatus] = mapped_column(enum_column(DraftStatus), default=DraftStatus.DRAFT)


class AttachmentBlob(Base):
    """Attachment content, stored once by SHA-256 inside the encrypted database."""

    __tablename__ = "attachment_blob"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class AttachmentRecord(RecordMixin, Base):
    """A photo or scan attached to a subject, survey, clue or visit."""

    __tablename__ = "attachment"

    owner_type: Mapped[str16]
    owner_id: Mapped[uuid.UUID] = mapped_column(index=True)
    sha256: Mapped[str] = mapped_column(String(64), ForeignKey("attachment_blob.sha256"))
    file_name: Mapped[str200]
    mime_type: Mapped[str64]
    caption: Mapped[str | None] = mapped_column(String(200), default=None)
    status: Mapped[DraftStatus] = mapped_column(enum_column(DraftStatus), default=DraftStatus.FINAL)


RECORD_TYPES: dict[str, type[RecordMixin]] = {
    "subject": SubjectRecord,
    "survey": SurveyRecord,
    "clue": ClueRecord,
    "visit": VisitRecord,
    "attachment": AttachmentRecord,
}


class FormDraft(Base):
    """An unsaved form, autosaved every few seconds so a crash or a flat battery loses nothing.

    Kept in the encrypted database (drafts hold the same personal data as records); offered again at the
    next sign-in and removed when the form is saved or discarded.
    """

    __tablename__ = "form_draft"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    login: Mapped[str64] = mapped_column(index=True)
    record_type: Mapped[str16]
    record_id: Mapped[uuid.UUID | None] = mapped_column(default=None)  # None: a new record
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    saved_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utc_now, onupdate=utc_now)
