"""The e-mail outbox: every message is stored, complete, before anyone tries to send it."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import JSON, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UtcDateTime, enum_column, new_id, str200, utc_now
from models.enums import LabelledEnum


class MailState(LabelledEnum):
    QUEUED = "queued", "排队"
    SENDING = "sending", "发送中"
    SENT = "sent", "已发送"
    FAILED = "failed", "失败"
    # The process stopped after the message text went to the server but before the server's answer was
    # recorded: it may have been delivered. Never resent automatically, so nothing is delivered twice.
    UNCERTAIN = "uncertain", "待确认"


class OutboxMessage(Base):
    __tablename__ = "outbox_message"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    message_id: Mapped[str] = mapped_column(String(200), unique=True)  # RFC 5322 Message-ID, fixed once
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utc_now)
    sender: Mapped[str200]
    recipients: Mapped[list[str]] = mapped_column(JSON)
    subject: Mapped[str] = mapped_column(String(300))
    attachment_name: Mapped[str | None] = mapped_column(String(200), default=None)
    size: Mapped[int] = mapped_column(Integer)
    # The whole message as it goes on the wire: a resend is byte-identical, Message-ID included.
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    state: Mapped[MailState] = mapped_column(enum_column(MailState), default=MailState.QUEUED, index=True)
    # Set just before the message text is handed to the server; see MailState.UNCERTAIN.
    data_started_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime(), default=None)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utc_now)
    last_error: Mapped[str | None] = mapped_column(Text, default=None)
    sent_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime(), default=None)
