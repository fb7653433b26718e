"""The menus that move data out and in: export and print the current list, make and import bundles, this
installation's key, and e-mail (outbox, settings, sending a bundle). Installed on the main window."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from storage.errors import UserFacingError

if TYPE_CHECKING:
    from ui.main_window import MainWindow

SECTION_OF = {"survey": "surveys", "clue": "clues", "visit": "visits"}


class Exchange(QWidget):
    """Holds the actions; a QWidget only so that tr() has a context and dialogs a parent."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.signed = window.ctx.signed
        self.runner = None
        self.outbox_dialog: QDialog | None = None
        bar = window.menuBar()
        help_menu = bar.actions()[-1]
        data_menu = bar.addMenu(self.tr("&Data"))
        bar.insertMenu(help_menu, data_menu)
        self._add(data_menu, self.tr("Export current list to &Excel…"), lambda: self.export("xlsx"))
        self._add(data_menu, self.tr("Export current list to &PDF…"), lambda: self.export("pdf"))
        self._add(data_menu, self.tr("Print &preview…"), self.print_preview, QKeySequence.StandardKey.Print)
        data_menu.addSeparator()
        self._add(data_menu, self.tr("&Make bundle…"), self.make_bundle)
        self._add(data_menu, self.tr("&Import bundles…"), self.import_bundles)
        self._add(data_menu, self.tr("This installation's &key…"), self.show_key)
        mail_menu = bar.addMenu(self.tr("&Mail"))
        bar.insertMenu(help_menu, mail_menu)
        self._add(mail_menu, self.tr("&Outbox"), self.show_outbox)
        self._add(mail_menu, self.tr("Send a bundle by e-mail…"), self.mail_bundle)
        self._add(mail_menu, self.tr("Mail &settings…"), self.mail_settings)
        self.hide()

    def _add(
        self,
        menu: QMenu,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence.StandardKey | None = None,
    ) -> QAction:
        action = QAction(text, self.window_)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    # Export and print ----------------------------------------------------------------------------
    def _section(self) -> str | None:
        key = self.window_.current_key()
        section = SECTION_OF.get(key)
        if section is None:
            QMessageBox.information(
                self.window_, self.tr("Export"), self.tr("Open the survey, clue or visit list first.")
            )
        return section

    def export(self, fmt: str) -> None:
        from exports.context import ExportFilter
        from ui.print_export import ExportRunner

        section = self._section()
        if section is None:
            return
        page = self.window_.list_page(self.window_.current_key())
        flt = page.current_filter()
        export_filter = ExportFilter(township=flt.township_code, date_from=flt.date_from, date_to=flt.date_to)
        self.runner = ExportRunner(self.signed, self.window_)  # type: ignore[assignment]
        name = f"{self.signed.unit_name}{self.window_.nav.currentItem().text()}.{fmt}"
        self.runner.start(section, fmt, export_filter, name)  # type: ignore[attr-defined]

    def print_preview(self) -> None:
        from ui.print_export import print_preview

        section = self._section()
        if section is None:
            return
        page = self.window_.list_page(self.window_.current_key())
        selected = page.selected_id()
        ids = [selected] if selected is not None else None
        QApplication.setOverrideCursor(self.cursor())
        try:
            dialog = print_preview(self.signed, section, self.window_, ids)  # type: ignore[arg-type]
        finally:
            QApplication.restoreOverrideCursor()
        if dialog is not None:
            dialog.exec()

    # Bundles -------------------------------------------------------------------------------------
    def make_bundle(self) -> None:
        from exports.bundle.build import build_bundle
        from storage.trust import trusted_recipients

        folder = QFileDialog.getExistingDirectory(self.window_, self.tr("Save bundle in folder"))
        if not folder:
            return
        since_last = (
            QMessageBox.question(
                self.window_,
                self.tr("Make bundle"),
                self.tr("Only the records changed since the last bundle? (No: every record)"),
            )
            == QMessageBox.StandardButton.Yes
        )
        with self.signed.db.reader() as session:
            recipients = trusted_recipients(session)
        try:
            built = build_bundle(self.signed, Path(folder), since_last=since_last, recipients=recipients)
        except UserFacingError as exc:
            QMessageBox.warning(self.window_, self.tr("Make bundle"), str(exc))
            return
        sealed = self.tr("sealed to %1 recipients").replace("%1", str(len(recipients))) if recipients else ""
        QMessageBox.information(
            self.window_,
            self.tr("Make bundle"),
            self.tr("Bundle saved: %1").replace("%1", str(built.path)) + (f"\n{sealed}" if sealed else ""),
        )

    def import_bundles(self) -> None:
        from exports.bundle.importer import import_bundles, verify_for

        paths, _ = QFileDialog.getOpenFileNames(self.window_, self.tr("Import bundles"), "", "*.zip")
        if not paths:
            return
        trust_new = False
        for path in paths:
            try:
                verified = verify_for(self.signed, Path(path))
            except UserFacingError:
                continue  # the import below reports the reason
            if verified.trust == "unknown":
                answer = QMessageBox.question(
                    self.window_,
                    self.tr("Unknown producer"),
                    self.tr("%1 was signed by a key that is not in your trust list:\n%2\nCompare this "
                            "fingerprint with the one the sender reads to you. Trust it?")
                    .replace("%1", Path(path).name).replace("%2", verified.fingerprint),
                )  # fmt: skip
                trust_new = trust_new or answer == QMessageBox.StandardButton.Yes
        lines = []
        QApplication.setOverrideCursor(self.cursor())
        try:
            files = [Path(p) for p in paths]
            for bundle, outcome in import_bundles(self.signed, files, trust_new=trust_new):
                if isinstance(outcome, UserFacingError):
                    lines.append(f"{bundle.name}：{outcome}")
                else:
                    lines.append(outcome.summary())
        finally:
            QApplication.restoreOverrideCursor()
        self._show_text(self.tr("Import results"), "\n".join(lines))
        self.window_.refresh_all()

    def show_key(self) -> None:
        from storage.trust import export_key_file, own_fingerprint

        fingerprint = own_fingerprint(self.signed)
        answer = QMessageBox.question(
            self.window_,
            self.tr("This installation's key"),
            self.tr("Fingerprint: %1\n\nSave the public key file to hand to the township or county?").replace(
                "%1", fingerprint
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            path, _ = QFileDialog.getSaveFileName(
                self.window_, self.tr("Save public key"), f"{self.signed.unit_code}.pub", "*.pub"
            )
            if path:
                export_key_file(self.signed, Path(path))

    # Mail ----------------------------------------------------------------------------------------
    def show_outbox(self) -> None:
        from ui.mail_pages import OutboxPage

        if self.outbox_dialog is None:
            self.outbox_dialog = QDialog(self.window_)
            self.outbox_dialog.setWindowTitle(self.tr("Outbox"))
            self.outbox_dialog.resize(1000, 420)
            layout = QVBoxLayout(self.outbox_dialog)
            self.outbox_page = OutboxPage(self.signed.db, self.outbox_dialog)
            layout.addWidget(self.outbox_page)
        self.outbox_page.refresh()
        self.outbox_dialog.show()
        self.outbox_dialog.raise_()

    def mail_bundle(self) -> None:
        from ui.mail_pages import ComposeDialog

        path, _ = QFileDialog.getOpenFileName(self.window_, self.tr("Bundle to send"), "", "*.zip")
        if path and ComposeDialog(self.signed.db, Path(path), self.window_).exec():
            self.show_outbox()
            self.outbox_page.send_now()

    def mail_settings(self) -> None:
        from ui.mail_pages import MailSettingsDialog

        MailSettingsDialog(self.signed.db, self.window_).exec()

    def _show_text(self, title: str, text: str) -> None:
        dialog = QDialog(self.window_)
        dialog.setWindowTitle(title)
        dialog.resize(700, 360)
        view = QPlainTextEdit(text)
        view.setReadOnly(True)
        QVBoxLayout(dialog).addWidget(view)
        dialog.exec()

    def shutdown(self) -> None:
        if self.outbox_dialog is not None:
            self.outbox_page.shutdown()
