"""E-mail screens: account settings with a test button, composing a bundle message, and the outbox.

Sending runs on a worker thread (QThread) so the window never freezes; the outbox state lives in the
database (storage/outbox.py), so closing the app or losing power mid-send loses nothing.
"""

from __future__ import annotations

import uuid
from email.message import EmailMessage
from pathlib import Path

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from exports.mail import (
    SendError,
    compose_bundle_message,
    queue_bundle_message,
    save_eml,
    send_due,
    test_account,
)
from models.outbox import MailState
from models.reference import Setting
from storage.database import Database
from storage.errors import UserFacingError
from storage.outbox import (
    SmtpAccount,
    list_outbox,
    load_account,
    load_password,
    recover_interrupted,
    requeue,
    save_account,
    store_password,
)

SECURITY_PORTS = {"ssl": 465, "starttls": 587, "none": 25}
RETRY_INTERVAL_MS = 60_000


class MailSettingsDialog(QDialog):
    """SMTP server, port, security, user, password (to the OS keyring or sealed in the database)."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(self.tr("Mail settings"))
        self.host = QLineEdit()
        self.host.setPlaceholderText("smtp.163.com")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.security = QComboBox()
        self.security.addItem(self.tr("SSL (port 465)"), "ssl")
        self.security.addItem(self.tr("STARTTLS (port 587)"), "starttls")
        self.security.addItem(self.tr("None (local relay only)"), "none")
        self.security.currentIndexChanged.connect(self._security_changed)
        self.user = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.sender_address = QLineEdit()
        self.ca_file = QLineEdit()
        self.feedback = QLabel()
        self.feedback.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("SMTP server"), self.host)
        form.addRow(self.tr("Port"), self.port)
        form.addRow(self.tr("Security"), self.security)
        form.addRow(self.tr("User name"), self.user)
        form.addRow(self.tr("Password or authorisation code"), self.password)
        form.addRow(self.tr("Sender address"), self.sender_address)
        form.addRow(self.tr("Root certificate (optional)"), self.ca_file)
        self.test_button = QPushButton(self.tr("Send test message"))
        self.test_button.clicked.connect(self.send_test)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.test_button)
        layout.addWidget(self.feedback)
        layout.addWidget(buttons)
        self._load()

    def _load(self) -> None:
        account = load_account(self.db)
        if account is None:
            self.security.setCurrentIndex(0)
            self.port.setValue(465)
            return
        self.host.setText(account.host)
        self.port.setValue(account.port)
        self.security.setCurrentIndex(self.security.findData(account.security))
        self.user.setText(account.user)
        self.sender_address.setText(account.sender)
        self.ca_file.setText(account.ca_file or "")
        self.password.setText(load_password(self.db, account) or "")

    def _security_changed(self) -> None:
        self.port.setValue(SECURITY_PORTS[str(self.security.currentData())])

    def account(self) -> SmtpAccount:
        return SmtpAccount(
            host=self.host.text().strip(),
            port=self.port.value(),
            security=self.security.currentData(),
            user=self.user.text().strip(),
            sender=(self.sender_address.text() or self.user.text()).strip(),
            ca_file=self.ca_file.text().strip() or None,
        )

    @Slot()
    def save(self) -> None:
        try:
            account = self.account()
            save_account(self.db, account)
            store_password(self.db, account, self.password.text())
        except UserFacingError as exc:
            self.feedback.setText(str(exc))
            return
        self.accept()

    @Slot()
    def send_test(self) -> None:
        try:
            account = self.account()
        except UserFacingError as exc:
            self.feedback.setText(str(exc))
            return
        address, ok = QInputDialog.getText(self, self.tr("Send test message"), self.tr("Send to address:"))
        if not ok or not address.strip():
            return
        try:
            test_account(account, self.password.text(), send_to=address.strip())
        except SendError as exc:
            self.feedback.setText(self.tr("Test failed: %1").replace("%1", exc.reason))
        else:
            self.feedback.setText(self.tr("Test message sent to %1").replace("%1", address.strip()))


class ComposeDialog(QDialog):
    """A covering message for a bundle: recipients default to the county mailbox in the profile."""

    def __init__(self, db: Database, bundle: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.bundle = db, bundle
        self.setWindowTitle(self.tr("Send bundle by e-mail"))
        with db.reader() as session:
            mailbox = session.get(Setting, "profile.submission_mailbox")
        self.recipients = QLineEdit(mailbox.value if mailbox is not None and mailbox.value else "")
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.error = QLabel()
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("To"), self.recipients)
        form.addRow(self.tr("Attachment"), QLabel(bundle.name))
        queue_button = QPushButton(self.tr("Put in outbox"))
        queue_button.clicked.connect(self.queue)
        eml_button = QPushButton(self.tr("Save as .eml…"))
        eml_button.clicked.connect(self.save_eml)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(eml_button)
        row.addWidget(queue_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview)
        layout.addWidget(self.error)
        layout.addLayout(row)
        self.recipients.textChanged.connect(self._refresh)
        self._refresh()

    def _message(self) -> EmailMessage:
        account = load_account(self.db)
        recipients = [
            a.strip() for a in self.recipients.text().replace("；", ",").replace(";", ",").split(",")
        ]
        return compose_bundle_message(
            self.bundle,
            sender=account.sender if account else "gridledger@localhost",
            recipients=[a for a in recipients if a],
            max_bytes=account.max_message_bytes if account else None,
        )

    def _refresh(self) -> None:
        try:
            message = self._message()
        except UserFacingError as exc:
            self.error.setText(str(exc))
            self.preview.clear()
            return
        self.error.clear()
        body = message.get_body(preferencelist=("plain",))
        self.preview.setPlainText(f"{message['Subject']}\n\n{body.get_content() if body else ''}")

    @Slot()
    def queue(self) -> None:
        try:
            queue_bundle_message(self.db, self._message())
        except UserFacingError as exc:
            self.error.setText(str(exc))
            return
        self.accept()

    @Slot()
    def save_eml(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save as .eml"), f"{self.bundle.stem}.eml", "*.eml"
        )
        if path:
            try:
                save_eml(self._message(), Path(path))
            except (UserFacingError, OSError) as exc:
                self.error.setText(str(exc))
                return
            self.accept()


class _Sender(QObject):
    """Runs send_due on a worker thread and reports how many were sent and what failed."""

    finished = Signal(int, list)

    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db

    @Slot()
    def run(self) -> None:
        sent, failures = 0, []
        account = load_account(self.db)
        if account is not None:
            for _message_id, reason in send_due(self.db, account, load_password(self.db, account)):
                if reason is None:
                    sent += 1
                else:
                    failures.append(reason)
        self.finished.emit(sent, failures)


class OutboxPage(QWidget):
    """发件箱: every message with its state and reason; sends in the background and retries by itself."""

    COLUMNS = ("State", "Created", "Subject", "To", "Attachment", "Reason")

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.sender_thread: QThread | None = None
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels(
            [self.tr("State"), self.tr("Created"), self.tr("Subject"), self.tr("To"),
             self.tr("Attachment"), self.tr("Reason")]
        )  # fmt: skip
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.status = QLabel()
        self.send_button = QPushButton(self.tr("Send now"))
        self.send_button.clicked.connect(self.send_now)
        self.resend_button = QPushButton(self.tr("Send selected again"))
        self.resend_button.clicked.connect(self.resend_selected)
        settings_button = QPushButton(self.tr("Mail settings…"))
        settings_button.clicked.connect(lambda: MailSettingsDialog(self.db, self).exec())
        row = QHBoxLayout()
        for widget in (self.send_button, self.resend_button, settings_button):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table)
        self.ids: list[uuid.UUID] = []
        recover_interrupted(self.db)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.send_now)
        self.timer.start(RETRY_INTERVAL_MS)
        self.refresh()

    def refresh(self) -> None:
        messages = list_outbox(self.db)
        self.ids = [m.id for m in messages]
        self.table.setRowCount(len(messages))
        for row, m in enumerate(messages):
            values = [
                m.state.label,
                m.created_at.astimezone().strftime("%Y-%m-%d %H:%M"),
                m.subject,
                ", ".join(m.recipients),
                m.attachment_name or "",
                "" if m.state is MailState.SENT else (m.last_error or ""),
            ]
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))

    @Slot()
    def send_now(self) -> None:
        if self.sender_thread is not None:
            return
        self.send_button.setEnabled(False)
        self.status.setText(self.tr("Sending…"))
        self.sender_thread = QThread(self)
        self.worker = _Sender(self.db)
        self.worker.moveToThread(self.sender_thread)
        self.sender_thread.started.connect(self.worker.run)
        self.worker.finished.connect(self._sent)
        self.sender_thread.start()

    @Slot(int, list)
    def _sent(self, sent: int, failures: list[str]) -> None:
        assert self.sender_thread is not None
        self.sender_thread.quit()
        self.sender_thread.wait()
        self.sender_thread = None
        self.send_button.setEnabled(True)
        text = self.tr("Sent: %1").replace("%1", str(sent))
        if failures:
            text += "；" + self.tr("failed: %1").replace("%1", failures[0])
        self.status.setText(text)
        self.refresh()

    @Slot()
    def resend_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()})
        for row in rows:
            item = self.table.item(row, 0)
            if item is not None and item.text() == MailState.UNCERTAIN.label:
                answer = QMessageBox.question(
                    self,
                    self.tr("Send again?"),
                    self.tr("This message may already have been delivered. Send it again only after the "
                            "recipient confirmed it did not arrive. Send again?"),
                )  # fmt: skip
                if answer != QMessageBox.StandardButton.Yes:
                    continue
            try:
                requeue(self.db, self.ids[row])
            except UserFacingError as exc:
                self.status.setText(str(exc))
        self.refresh()
        self.send_now()

    def shutdown(self) -> None:
        self.timer.stop()
        if self.sender_thread is not None:
            self.sender_thread.quit()
            self.sender_thread.wait()
