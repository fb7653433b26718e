"""The sign-in window: the first thing a user sees, so it imports nothing heavy before it is shown."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.keyfile_probe import keyfile_path

if TYPE_CHECKING:
    from storage.accounts import SignedIn

ERROR_STYLE = "color: #c0392b;"
MAX_DELAY_S = 60
WARM_UP_DELAY_MS = 300


def retry_delay_seconds(failures: int) -> int:
    """1 s after the first wrong password, then 2, 4, 8 … up to a minute."""
    return 0 if failures <= 0 else min(2 ** (failures - 1), MAX_DELAY_S)


def logins_from_keyfile(db_path: Path) -> list[str]:
    """The user names in the key file (plain JSON), read without loading the crypto modules."""
    try:
        data = json.loads(keyfile_path(db_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    wraps = data.get("wraps") if isinstance(data, dict) else None
    if not isinstance(wraps, list):
        return []
    return [str(w["login"]) for w in wraps if isinstance(w, dict) and w.get("kind") == "password"]


class SignInWindow(QWidget):
    """User name, password, and a growing pause after each wrong password."""

    signed_in = Signal(object)  # SignedIn

    def __init__(self, db_path: Path) -> None:
        super().__init__()
        self.db_path = db_path
        self.failures = 0
        self.setWindowTitle(self.tr("Grid Ledger: sign in"))
        self.setMinimumWidth(420)

        title = QLabel(self.tr("Grid Ledger"))
        title.setStyleSheet("font-size: 20pt; font-weight: bold; margin: 8px 0;")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        subtitle = QLabel(self.tr("Campaign against illegal fundraising: grid ledger"))
        subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        subtitle.setStyleSheet("color: #555; margin-bottom: 12px;")

        self.login = QComboBox()
        self.login.setEditable(True)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Password"))
        self.password.returnPressed.connect(self.attempt)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.button = QPushButton(self.tr("Sign in"))
        self.button.setDefault(True)
        self.button.clicked.connect(self.attempt)
        self.location = QLabel(self.tr("Database: %1").replace("%1", str(db_path)))
        self.location.setStyleSheet("color: #888; font-size: 8pt;")
        self.location.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("User name"), self.login)
        form.addRow(self.tr("Password"), self.password)
        self.error.setMinimumHeight(40)
        self.error.setAlignment(Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.button)
        layout.addWidget(self.location)

        self.cooldown = QTimer(self)
        self.cooldown.setSingleShot(True)
        self.cooldown.timeout.connect(self._end_cooldown)
        self.login.addItems(logins_from_keyfile(db_path))
        self.password.setFocus()
        # Load the storage modules while the user types, once the window is painted.
        QTimer.singleShot(WARM_UP_DELAY_MS, self._warm_up)

    def _warm_up(self) -> None:
        import storage.accounts  # noqa: F401 - importing is the point

    def attempt(self) -> None:
        if not self.button.isEnabled():
            return
        from storage.errors import UserFacingError, WrongPasswordError

        password = self.password.text()
        if not password:
            self.error.setText(self.tr("Please enter your password."))
            return
        from storage.accounts import sign_in

        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            signed = sign_in(self.db_path, password, self.login.currentText().strip() or None)
        except WrongPasswordError:
            self._wrong_password()
            return
        except UserFacingError as exc:
            self.error.setText(str(exc))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.error.clear()
        self.password.clear()
        self.failures = 0
        self.signed_in.emit(signed)

    def _wrong_password(self) -> None:
        self.failures += 1
        delay = retry_delay_seconds(self.failures)
        self.error.setText(
            self.tr("Wrong user name or password. You can try again in %n second(s).", "", delay)
        )
        self.password.selectAll()
        self.button.setEnabled(False)
        self.password.setEnabled(False)
        self.cooldown.start(delay * 1000)

    def _end_cooldown(self) -> None:
        self.button.setEnabled(True)
        self.password.setEnabled(True)
        self.password.setFocus()
        self.error.setText(self.tr("Wrong user name or password. Please try again."))

    def set_signed_in(self, signed: SignedIn) -> None:
        """For callers that sign in by other means (tests, recovery)."""
        self.signed_in.emit(signed)
