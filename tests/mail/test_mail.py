"""Mail against a real SMTP server on 127.0.0.1 (STARTTLS + AUTH): delivery once, retry, errors, .eml."""

from __future__ import annotations

import datetime as dt
import email
import json
import os
import signal
import subprocess
import sys
import zipfile
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import keyring
import keyring.backends.fail
import pytest
from keyring.backend import KeyringBackend
from sqlalchemy import select

from exports.mail import compose_bundle_message, period_text, queue_bundle_message, save_eml, send_due
from models.outbox import MailState, OutboxMessage
from models.reference import Setting
from storage.accounts import SignedIn, sign_in
from storage.errors import UserFacingError
from storage.outbox import (
    SmtpAccount,
    list_outbox,
    load_password,
    recover_interrupted,
    requeue,
    save_account,
    store_password,
)
from tests.conftest import PASSWORD
from tests.mail.smtp_server import PASSWORD as SMTP_PASSWORD
from tests.mail.smtp_server import USER, LocalSmtpServer

ROOT = Path(__file__).resolve().parents[2]
COUNTY = "xxjrswfwzx@163.com"
LATER = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)  # past every back-off


def make_bundle(folder: Path, size: int = 40_000) -> Path:
    """A zip with a manifest in the bundle format's shape and an incompressible payload."""
    path = folder / "GL-township-141123100-20250701-1.zip"
    manifest = {
        "format_version": 1,
        "producer": {"unit_name": "蔚汾镇", "fingerprint": "SHA256:abcdEFGH1234"},
        "period": {"from": "2025-01-01", "to": "2025-06-30"},
        "counts": {"clues": 12, "visits": 30},
    }
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False))
        archive.writestr("data.json", os.urandom(size))
    return path


def account_for(server: LocalSmtpServer, user: str = USER) -> SmtpAccount:
    return SmtpAccount("127.0.0.1", server.port, "starttls", user, USER, ca_file=str(server.cert))


def queue(worker: SignedIn, bundle: Path, to: str = COUNTY) -> EmailMessage:
    message = compose_bundle_message(bundle, sender=USER, recipients=[to])
    queue_bundle_message(worker.db, message)
    return message


def states(worker: SignedIn) -> list[MailState]:
    return [m.state for m in list_outbox(worker.db)]


def attachment_of(raw: bytes) -> tuple[str | None, bytes]:
    parsed = email.message_from_bytes(raw, policy=policy.default)
    assert isinstance(parsed, EmailMessage)
    part = next(iter(parsed.iter_attachments()))
    payload = part.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return part.get_filename(), payload


def test_period_text() -> None:
    assert period_text(dt.date(2025, 1, 1), dt.date(2025, 6, 30)) == "2025年上半年"
    assert period_text(dt.date(2025, 7, 1), dt.date(2025, 12, 31)) == "2025年下半年"
    assert period_text(dt.date(2025, 3, 1), dt.date(2025, 5, 31)) == "2025-03-01至2025-05-31"


def test_queued_message_is_delivered_once_byte_identical(
    worker: SignedIn, smtp_server: LocalSmtpServer, tmp_path: Path
) -> None:
    bundle = make_bundle(tmp_path)
    message = queue(worker, bundle)
    assert message["Subject"] == "【兴县防非】蔚汾镇 2025年上半年 台账报送"
    assert states(worker) == [MailState.QUEUED]
    results = send_due(worker.db, account_for(smtp_server), SMTP_PASSWORD)
    assert [reason for _, reason in results] == [None]
    assert send_due(worker.db, account_for(smtp_server), SMTP_PASSWORD, now=LATER) == []  # nothing twice
    assert len(smtp_server.mailbox.messages) == 1
    received = email.message_from_bytes(smtp_server.mailbox.messages[0], policy=policy.default)
    assert received["Subject"] == "【兴县防非】蔚汾镇 2025年上半年 台账报送"
    assert received["Message-ID"] == message["Message-ID"]
    assert attachment_of(smtp_server.mailbox.messages[0]) == (bundle.name, bundle.read_bytes())
    assert states(worker) == [MailState.SENT]


def test_server_down_then_back_after_a_restart(
    worker: SignedIn, db_path: Path, smtp_server: LocalSmtpServer, tmp_path: Path
) -> None:
    smtp_server.stop()
    queue(worker, make_bundle(tmp_path))
    results = send_due(worker.db, account_for(smtp_server), SMTP_PASSWORD)
    assert len(results) == 1 and "连接服务器失败" in (results[0][1] or "")
    (waiting,) = list_outbox(worker.db)
    assert waiting.state is MailState.QUEUED and waiting.next_attempt_at > dt.datetime.now(dt.UTC)
    assert send_due(worker.db, account_for(smtp_server), SMTP_PASSWORD) == []  # backing off
    worker.close()

    smtp_server.start()
    again = sign_in(db_path, PASSWORD)  # the app was closed and opened again in between
    try:
        assert recover_interrupted(again.db) == 0
        results = send_due(again.db, account_for(smtp_server), SMTP_PASSWORD, now=LATER)
        assert [r for _, r in results] == [None]
        assert send_due(again.db, account_for(smtp_server), SMTP_PASSWORD, now=LATER) == []
        assert [m.state for m in list_outbox(again.db)] == [MailState.SENT]
    finally:
        again.close()
    assert len(smtp_server.mailbox.messages) == 1


def test_wrong_password_is_a_clear_final_error(
    worker: SignedIn, smtp_server: LocalSmtpServer, tmp_path: Path
) -> None:
    queue(worker, make_bundle(tmp_path))
    results = send_due(worker.db, account_for(smtp_server), "not-the-password")
    assert "用户名或密码（授权码）不正确" in (results[0][1] or "")
    assert states(worker) == [MailState.FAILED]
    assert (
        send_due(worker.db, account_for(smtp_server), SMTP_PASSWORD, now=LATER) == []
    )  # not retried blindly
    (failed,) = list_outbox(worker.db)
    requeue(worker.db, failed.id)  # after the user fixed the password
    assert [r for _, r in send_due(worker.db, account_for(smtp_server), SMTP_PASSWORD)] == [None]


def test_rejected_recipient_and_oversize_are_named(
    worker: SignedIn, smtp_server: LocalSmtpServer, tmp_path: Path
) -> None:
    queue(worker, make_bundle(tmp_path), to="nobody@nowhere.invalid")
    (result,) = send_due(worker.db, account_for(smtp_server), SMTP_PASSWORD)
    assert "服务器拒绝收件人：nobody@nowhere.invalid" in (result[1] or "")

    big = tmp_path / "big"
    big.mkdir()
    queue(worker, make_bundle(big, size=6 * 1024 * 1024))
    results = send_due(worker.db, account_for(smtp_server), SMTP_PASSWORD)
    assert any("超过服务器限制" in (r or "") for _, r in results)
    assert smtp_server.mailbox.messages == []


def test_attachment_over_the_account_limit_is_refused_before_queueing(tmp_path: Path) -> None:
    with pytest.raises(UserFacingError, match="超过邮箱附件限制"):
        compose_bundle_message(
            make_bundle(tmp_path, 2_000_000), sender=USER, recipients=[COUNTY], max_bytes=1_000_000
        )


def test_eml_opens_with_subject_recipients_and_attachment(tmp_path: Path) -> None:
    bundle = make_bundle(tmp_path)
    message = compose_bundle_message(bundle, sender=USER, recipients=[COUNTY, "b@example.cn"])
    eml = tmp_path / "报送.eml"
    save_eml(message, eml)
    raw = eml.read_bytes()
    assert b"Subject: =?utf-8?" in raw  # RFC 2047: webmail and Outlook/Foxmail show it as Chinese
    parsed = email.message_from_bytes(raw, policy=policy.default)
    assert parsed["Subject"] == "【兴县防非】蔚汾镇 2025年上半年 台账报送"
    assert parsed["To"] == f"{COUNTY}, b@example.cn"
    assert attachment_of(raw) == (bundle.name, bundle.read_bytes())
    assert "SHA256:abcdEFGH1234" in parsed.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]


class MemoryKeyring(KeyringBackend):
    """Stands in for the OS keyring (none runs on this headless machine)."""

    priority = 10

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


def test_password_goes_to_the_keyring_or_sealed_into_the_database(worker: SignedIn) -> None:
    account = SmtpAccount("smtp.163.com", 465, "ssl", USER, USER)
    save_account(worker.db, account)
    previous = keyring.get_keyring()
    try:
        # A machine without any keyring service:
        keyring.set_keyring(keyring.backends.fail.Keyring())  # type: ignore[no-untyped-call]
        assert store_password(worker.db, account, "secret-auth-code") == "database"
        with worker.db.reader() as session:
            sealed = session.get_one(Setting, "mail.password_sealed").value
        assert "secret-auth-code" not in str(sealed)
        assert load_password(worker.db, account) == "secret-auth-code"

        memory = MemoryKeyring()
        keyring.set_keyring(memory)
        assert store_password(worker.db, account, "keyring-code") == "keyring"
        assert memory.store[("GridLedger SMTP", account.keyring_user)] == "keyring-code"
        assert load_password(worker.db, account) == "keyring-code"
    finally:
        keyring.set_keyring(previous)


def cli(*args: str, db: Path, **popen: Any) -> subprocess.Popen[str]:
    env = {**os.environ, "GRIDLEDGER_PASSWORD": PASSWORD, "GRIDLEDGER_SMTP_PASSWORD": SMTP_PASSWORD}
    return subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), *args, "--db", str(db)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **popen,
    )


def run_cli(*args: str, db: Path) -> tuple[int, str, str]:
    process = cli(*args, db=db)
    out, err = process.communicate(timeout=60)
    return process.returncode, out, err


def configure_cli(db: Path, server: LocalSmtpServer, bundle: Path) -> None:
    code, _, err = run_cli(
        "smtp", "--host", "127.0.0.1", "--port", str(server.port), "--security", "starttls",
        "--user", USER, "--ca-file", str(server.cert), db=db,
    )  # fmt: skip
    assert code == 0, err
    code, out, err = run_cli("mail", str(bundle), db=db)
    assert code == 0 and COUNTY in out, err


def kill_sender_while_server_waits_at(step: str, db: Path, server: LocalSmtpServer) -> None:
    """Runs `outbox --send`, stalls the server at `step` ("rcpt" or "data") and kills the sender there."""
    mailbox = server.mailbox
    setattr(mailbox, f"{step}_delay", 2.0)
    sender = cli("outbox", "--send", db=db)
    assert getattr(mailbox, f"{step}_entered").wait(30)
    sender.send_signal(signal.SIGKILL)
    sender.communicate(timeout=30)
    setattr(mailbox, f"{step}_delay", 0.0)


def test_kill_after_data_started_never_sends_twice(
    worker: SignedIn, db_path: Path, smtp_server: LocalSmtpServer, tmp_path: Path
) -> None:
    worker.close()
    configure_cli(db_path, smtp_server, make_bundle(tmp_path))
    kill_sender_while_server_waits_at("data", db_path, smtp_server)

    code, out, _ = run_cli("outbox", "--send", db=db_path)
    assert "待确认" in out and code == 0
    code, out, _ = run_cli("outbox", "--send", db=db_path)
    assert "待确认" in out
    assert len(smtp_server.mailbox.messages) == 1  # the server kept the one it had; no second copy


def test_kill_before_data_is_retried_and_delivered_once(
    worker: SignedIn, db_path: Path, smtp_server: LocalSmtpServer, tmp_path: Path
) -> None:
    worker.close()
    configure_cli(db_path, smtp_server, make_bundle(tmp_path))
    kill_sender_while_server_waits_at("rcpt", db_path, smtp_server)

    code, out, err = run_cli("outbox", "--send", db=db_path)
    assert code == 0 and "已发送" in out, out + err
    assert len(smtp_server.mailbox.messages) == 1
    signed = sign_in(db_path, PASSWORD)
    try:
        with signed.db.reader() as session:
            (message,) = session.scalars(select(OutboxMessage)).all()
        assert (message.state, message.attempts) == (MailState.SENT, 2)
    finally:
        signed.close()
