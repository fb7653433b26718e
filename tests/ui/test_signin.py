"""Sign-in: a wrong password gets a clear message and a growing pause; the right one signs in."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from storage.accounts import SignedIn
from storage.keys import keyfile_path as storage_keyfile_path
from tests.conftest import PASSWORD
from ui.app import Launcher
from ui.keyfile_probe import is_set_up, keyfile_path
from ui.signin import SignInWindow, logins_from_keyfile, retry_delay_seconds
from ui.wizard import SetupWizard


def test_probe_agrees_with_storage(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    assert keyfile_path(path) == storage_keyfile_path(path)
    assert not is_set_up(path)


def test_delay_grows() -> None:
    assert [retry_delay_seconds(n) for n in range(1, 6)] == [1, 2, 4, 8, 16]
    assert retry_delay_seconds(0) == 0 and retry_delay_seconds(30) == 60


def test_wrong_password_then_right(qtbot: QtBot, worker: SignedIn, db_path: Path) -> None:
    window = SignInWindow(db_path)
    qtbot.addWidget(window)
    window.show()
    assert window.login.currentText() == "张伟" == logins_from_keyfile(db_path)[0]
    window.password.setText("not-the-password")
    window.attempt()
    assert "不正确" in window.error.text() or "Wrong" in window.error.text()
    assert not window.button.isEnabled() and window.cooldown.isActive()
    assert window.cooldown.interval() == 1000
    window.attempt()  # ignored while paused
    window.cooldown.stop()
    window._end_cooldown()
    window.password.setText("still-wrong")
    window.attempt()
    assert window.cooldown.interval() == 2000
    window.cooldown.stop()
    window._end_cooldown()
    assert window.button.isEnabled()
    window.password.setText(PASSWORD)
    with qtbot.waitSignal(window.signed_in, timeout=5000) as blocker:
        window.attempt()
    signed = blocker.args[0]
    assert isinstance(signed, SignedIn) and signed.actor.login == "张伟"
    signed.close()


def test_empty_password_is_explained(qtbot: QtBot, worker: SignedIn, db_path: Path) -> None:
    window = SignInWindow(db_path)
    qtbot.addWidget(window)
    window.attempt()
    assert window.error.text() and window.button.isEnabled()


def test_launcher_starts_with_the_wizard_then_sign_in(qtbot: QtBot, tmp_path: Path) -> None:
    launcher = Launcher(tmp_path / "new.db")
    first = launcher.start()
    qtbot.addWidget(first)
    assert isinstance(first, SetupWizard)
    second = launcher.show_sign_in()
    qtbot.addWidget(second)
    assert isinstance(second, SignInWindow)
