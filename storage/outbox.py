"""The outbox's state, kept in the database so it survives closing the app and power loss.

A message moves 排队 → 发送中 → 已发送, or back to 排队/失败 with the reason and a back-off. The moment the
message text is handed to the server is written down first (`data_started_at`): a process that dies before
that point is retried automatically; one that dies after it is 待确认, because the server may have delivered
it, and a person decides whether to send it again. So no message is lost and none is sent twice unasked.
"""

from __future__ import annotations

import base64
import datetime as dt
import uuid
from dataclasses import asdict, dataclass
from typing import Literal

import keyring
import keyring.errors
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from models.base import utc_now
from models.outbox import MailState, OutboxMessage
from models.reference import Setting
from storage.database import Database
from storage.errors import RecordNotFoundError, UserFacingError

Security = Literal["ssl", "starttls", "none"]
KEYRING_SERVICE = "GridLedger SMTP"
SEAL_CONTEXT = "smtp-password"  # AES-GCM associated data: a sealed informant cannot pass for it
MAX_BACKOFF = dt.timedelta(hours=1)
FIRST_BACKOFF = dt.timedelta(minutes=1)


@dataclass(frozen=True)
class SmtpAccount:
    host: str
    port: int
    security: Security
    user: str
    sender: str
    ca_file: str | None = None  # a county relay with its own certificate authority
    max_message_bytes: int = 20 * 1024 * 1024  # refused before queueing; the server's SIZE is checked too

    def __post_init__(self) -> None:
        if self.security not in ("ssl", "starttls", "none"):
            raise UserFacingError("加密方式应为 ssl、starttls 或 none")
        if not self.host.strip() or not 0 < self.port < 65536:
            raise UserFacingError("SMTP 服务器地址或端口不正确")
        if "@" not in self.sender:
            raise UserFacingError(f"发件地址“{self.sender}”不正确")

    @property
    def keyring_user(self) -> str:
        return f"{self.user}@{self.host}:{self.port}"


def save_account(db: Database, account: SmtpAccount) -> None:
    with db.writer() as session:
        session.merge(Setting(key="mail.account", value=asdict(account)))


def load_account(db: Database) -> SmtpAccount | None:
    with db.reader() as session:
        row = session.get(Setting, "mail.account")
        return None if row is None else SmtpAccount(**row.value)


def _os_keyring_available() -> bool:
    backend = keyring.get_keyring()
    priority: float = getattr(backend, "priority", 0)
    return priority > 0 and "fail" not in type(backend).__module__


def store_password(db: Database, account: SmtpAccount, password: str) -> str:
    """Keeps the SMTP password in the OS keyring where there is one, else sealed in the database.
    Returns where it went, for the settings screen."""
    if _os_keyring_available():
        try:
            keyring.set_password(KEYRING_SERVICE, account.keyring_user, password)
        except keyring.errors.KeyringError:
            pass
        else:
            with db.writer() as session:
                session.merge(Setting(key="mail.password_sealed", value=None))
            return "keyring"
    sealed = db.sealer.seal({"password": password}, SEAL_CONTEXT)
    with db.writer() as session:
        session.merge(Setting(key="mail.password_sealed", value=base64.b64encode(sealed).decode("ascii")))
    return "database"


def load_password(db: Database, account: SmtpAccount) -> str | None:
    with db.reader() as session:
        row = session.get(Setting, "mail.password_sealed")
        sealed = row.value if row is not None else None
    if sealed:
        value = db.sealer.unseal(base64.b64decode(sealed), SEAL_CONTEXT)
        return str(value["password"])
    if _os_keyring_available():
        try:
            return keyring.get_password(KEYRING_SERVICE, account.keyring_user)
        except keyring.errors.KeyringError:
            return None
    return None


def queue_message(
    db: Database,
    *,
    raw: bytes,
    message_id: str,
    sender: str,
    recipients: list[str],
    subject: str,
    attachment_name: str | None,
) -> uuid.UUID:
    with db.writer() as session:
        message = OutboxMessage(
            message_id=message_id,
            sender=sender,
            recipients=recipients,
            subject=subject,
            attachment_name=attachment_name,
            size=len(raw),
            raw=raw,
        )
        session.add(message)
        session.flush()
        message_uuid: uuid.UUID = message.id
        return message_uuid


def recover_interrupted(db: Database) -> int:
    """Run at start: messages a dead process left 发送中 go back to 排队, or to 待确认 if their text may
    have reached the server. Returns how many were found."""
    with db.writer() as session:
        stuck = list(session.scalars(select(OutboxMessage).where(OutboxMessage.state == MailState.SENDING)))
        for message in stuck:
            if message.data_started_at is None:
                message.state = MailState.QUEUED
                message.last_error = "上次发送被中断（未发出），将自动重试"
            else:
                message.state = MailState.UNCERTAIN
                message.last_error = "上次发送在服务器确认前中断，可能已送达。请向收件方确认后再决定是否重发"
        return len(stuck)


def due_messages(db: Database, now: dt.datetime | None = None) -> list[uuid.UUID]:
    now = now or utc_now()
    with db.reader() as session:
        return list(
            session.scalars(
                select(OutboxMessage.id)
                .where(
                    or_(OutboxMessage.state == MailState.QUEUED, OutboxMessage.state == MailState.FAILED),
                    OutboxMessage.next_attempt_at <= now,
                )
                .order_by(OutboxMessage.created_at)
            )
        )


def claim(db: Database, message_id: uuid.UUID) -> OutboxMessage | None:
    """Marks a due message 发送中 and returns a detached copy; None if another sender took it."""
    with db.writer() as session:
        message = session.get(OutboxMessage, message_id)
        if message is None or message.state not in (MailState.QUEUED, MailState.FAILED):
            return None
        message.state = MailState.SENDING
        message.attempts += 1
        message.data_started_at = None
        session.flush()
        session.expunge(message)
        return message


def mark_data_started(db: Database, message_id: uuid.UUID) -> None:
    with db.writer() as session:
        _get(session, message_id).data_started_at = utc_now()


def mark_sent(db: Database, message_id: uuid.UUID) -> None:
    with db.writer() as session:
        message = _get(session, message_id)
        message.state, message.sent_at, message.last_error = MailState.SENT, utc_now(), None


def mark_failed(db: Database, message_id: uuid.UUID, reason: str, *, retry: bool) -> None:
    """A failure: back to the queue after a growing pause (1, 2, 4 … 60 minutes), or 失败 for good."""
    with db.writer() as session:
        message = _get(session, message_id)
        message.last_error = reason
        message.data_started_at = None
        if retry:
            delay = min(FIRST_BACKOFF * 2 ** max(message.attempts - 1, 0), MAX_BACKOFF)
            message.state = MailState.QUEUED
            message.next_attempt_at = utc_now() + delay
        else:
            message.state = MailState.FAILED
            message.next_attempt_at = dt.datetime.max.replace(tzinfo=dt.UTC)


def requeue(db: Database, message_id: uuid.UUID) -> None:
    """The user's decision to send a 失败 or 待确认 message again, now."""
    with db.writer() as session:
        message = _get(session, message_id)
        if message.state is MailState.SENT:
            raise UserFacingError("该邮件已发送，不能重复发送")
        message.state, message.next_attempt_at, message.data_started_at = MailState.QUEUED, utc_now(), None


def list_outbox(db: Database) -> list[OutboxMessage]:
    with db.reader() as session:
        rows = list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.created_at.desc())))
        for row in rows:
            session.expunge(row)
        return rows


def _get(session: Session, message_id: uuid.UUID) -> OutboxMessage:
    message = session.get(OutboxMessage, message_id)
    if message is None:
        raise RecordNotFoundError("发件箱中没有这封邮件")
    return message
