"""Locks the desk after a quiet spell (DESIGN §6): a laptop left open in a village office shows nothing.

An application-wide event filter notices keys, clicks and wheel turns; after `minutes` without any, the main
window's content is hidden behind a password prompt. Open forms and their drafts stay as they are.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from storage.accounts import SignedIn, verify_password

DEFAULT_MINUTES = 10
ACTIVITY = frozenset(
    {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel, QEvent.Type.TouchBegin}
)


def idle_minutes() -> float:
    """GRIDLEDGER_IDLE_MINUTES overrides the default (e.g. for a shared office PC)."""
    try:
        return max(float(os.environ.get("GRIDLEDGER_IDLE_MINUTES", DEFAULT_MINUTES)), 0.01)
    except ValueError:
        return DEFAULT_MINUTES


class LockDialog(QDialog):
    unlocked = Signal()

    def __init__(self, signed: SignedIn, parent: QWidget) -> None:
        super().__init__(parent)
        self.signed = signed
        self.setWindowTitle(self.tr("Locked"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.returnPressed.connect(self.try_unlock)
        self.error = QLabel()
        self.error.setStyleSheet("color: #c0392b;")
        button = QPushButton(self.tr("Unlock"))
        button.setDefault(True)
        button.clicked.connect(self.try_unlock)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(self.tr("Locked after a quiet spell. %1, enter your password:").replace(
                "%1", signed.actor.display_name))
        )  # fmt: skip
        layout.addWidget(self.password)
        layout.addWidget(self.error)
        layout.addWidget(button)

    def try_unlock(self) -> bool:
        if verify_password(self.signed, self.password.text()):
            self.password.clear()
            self.error.clear()
            self.accept()
            self.unlocked.emit()
            return True
        self.password.clear()
        self.error.setText(self.tr("Wrong password."))
        return False

    def reject(self) -> None:  # Esc must not unlock
        pass


class IdleLock(QObject):
    """Watches for activity and locks `window` after `minutes` of none."""

    def __init__(self, window: QMainWindow, signed: SignedIn, minutes: float | None = None) -> None:
        super().__init__(window)
        self.window, self.signed = window, signed
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(int((minutes if minutes is not None else idle_minutes()) * 60_000))
        self.timer.timeout.connect(self.lock)
        self.dialog: LockDialog | None = None
        self.hidden: list[QWidget] = []
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.timer.start()

    @property
    def locked(self) -> bool:
        return self.dialog is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in ACTIVITY and not self.locked:
            self.timer.start()
        return False

    def lock(self) -> None:
        if self.locked:
            return
        central = self.window.centralWidget()
        if central is not None:
            central.setVisible(False)
        # Forms and other windows of the desk are hidden too, with their unsaved text kept as it is.
        self.hidden = [
            w
            for w in QApplication.topLevelWidgets()
            if w.isVisible() and w is not self.window and w.isWindow()
        ]
        for widget in self.hidden:
            widget.hide()
        self.dialog = LockDialog(self.signed, self.window)
        self.dialog.unlocked.connect(self._unlocked)
        self.dialog.open()

    def _unlocked(self) -> None:
        central = self.window.centralWidget()
        if central is not None:
            central.setVisible(True)
        for widget in self.hidden:
            widget.show()
        self.hidden = []
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
