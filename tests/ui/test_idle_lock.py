"""The desk locks after a quiet spell and opens again only with the user's password."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from storage.accounts import SignedIn
from tests.conftest import PASSWORD
from ui.idle_lock import IdleLock
from ui.main_window import MainWindow


def test_quiet_spell_locks_and_password_unlocks(qtbot: QtBot, worker: SignedIn) -> None:
    window = MainWindow(worker)
    qtbot.addWidget(window)
    window.show()
    window.idle_lock.stop()
    lock = IdleLock(window, worker, minutes=0.002)  # about 0.1 s
    form = window.open_record("subject", None)
    qtbot.waitUntil(lambda: lock.locked, timeout=5_000)
    central = window.centralWidget()
    assert central is not None and not central.isVisible()
    assert not form.isVisible()
    assert lock.dialog is not None
    lock.dialog.password.setText("not-the-password")
    assert not lock.dialog.try_unlock()
    assert lock.locked and lock.dialog.error.text()
    lock.dialog.reject()  # Esc does not unlock
    assert lock.locked
    lock.dialog.password.setText(PASSWORD)
    assert lock.dialog.try_unlock()
    assert not lock.locked and central.isVisible() and form.isVisible()
    lock.stop()
    form.keep_draft_and_close()
