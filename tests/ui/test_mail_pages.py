"""The mail screens driven as a liaison would: settings, compose, outbox sending in the background."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from models.outbox import MailState
from storage.accounts import SignedIn
from storage.outbox import list_outbox, load_account, load_password
from tests.mail.smtp_server import PASSWORD as SMTP_PASSWORD
from tests.mail.smtp_server import USER, LocalSmtpServer
from tests.mail.test_mail import make_bundle
from ui.mail_pages import ComposeDialog, MailSettingsDialog, OutboxPage


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LocalSmtpServer]:
    smtp = LocalSmtpServer(tmp_path)
    smtp.start()
    yield smtp
    smtp.stop()


def configure(qtbot: QtBot, worker: SignedIn, server: LocalSmtpServer) -> None:
    dialog = MailSettingsDialog(worker.db)
    qtbot.addWidget(dialog)
    dialog.host.setText("127.0.0.1")
    dialog.security.setCurrentIndex(dialog.security.findData("starttls"))
    assert dialog.port.value() == 587  # the port follows the security choice
    dialog.port.setValue(server.port)
    dialog.user.setText(USER)
    dialog.password.setText(SMTP_PASSWORD)
    dialog.ca_file.setText(str(server.cert))
    dialog.save()
    account = load_account(worker.db)
    assert account is not None and account.sender == USER
    assert load_password(worker.db, account) == SMTP_PASSWORD


def test_compose_queue_and_send_in_the_background(
    qtbot: QtBot, worker: SignedIn, server: LocalSmtpServer, tmp_path: Path
) -> None:
    configure(qtbot, worker, server)
    compose = ComposeDialog(worker.db, make_bundle(tmp_path))
    qtbot.addWidget(compose)
    assert compose.recipients.text() == "xxjrswfwzx@163.com"  # the county mailbox from the profile
    assert "【兴县防非】蔚汾镇 2025年上半年 台账报送" in compose.preview.toPlainText()
    compose.queue()
    assert [m.state for m in list_outbox(worker.db)] == [MailState.QUEUED]

    page = OutboxPage(worker.db)
    qtbot.addWidget(page)
    assert page.table.item(0, 0).text() == "排队"  # type: ignore[union-attr]
    page.send_now()
    qtbot.waitUntil(lambda: page.sender_thread is None, timeout=15_000)
    assert page.table.item(0, 0).text() == "已发送"  # type: ignore[union-attr]
    assert len(server.mailbox.messages) == 1
    page.shutdown()


def test_compose_without_recipient_says_so(qtbot: QtBot, worker: SignedIn, tmp_path: Path) -> None:
    compose = ComposeDialog(worker.db, make_bundle(tmp_path))
    qtbot.addWidget(compose)
    compose.recipients.setText("")
    assert compose.error.text() == "请填写收件人"
    compose.queue()
    assert list_outbox(worker.db) == []
