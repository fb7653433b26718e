"""The main window: navigation between the lists and the dashboard, menus, shortcuts and the status bar."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from storage import queries
from storage.accounts import SignedIn
from ui.background import run_in_background, wait_for_background
from ui.context import DeskContext
from ui.dashboard import DashboardPage
from ui.data import DbPageSource
from ui.exchange import Exchange
from ui.forms.kinds import make_form
from ui.forms.record_form import RecordForm
from ui.idle_lock import IdleLock
from ui.list_page import ListPage
from ui.reference import load_reference
from ui.table_models import MODELS

Keys = QKeySequence.StandardKey
PAGES = ("dashboard", "survey", "clue", "visit", "subject")


class MainWindow(QMainWindow):
    def __init__(self, signed: SignedIn) -> None:
        super().__init__()
        self.ctx = DeskContext(signed, load_reference(signed.db))
        self.forms: list[RecordForm] = []
        self.lists: dict[str, ListPage] = {}
        self.setWindowTitle(self.tr("Grid Ledger — %1").replace("%1", signed.unit_name))
        self.resize(1280, 800)

        titles = {
            "dashboard": self.tr("Dashboard"),
            "survey": self.tr("Survey registration"),
            "clue": self.tr("Risk clue ledger"),
            "visit": self.tr("Visit records"),
            "subject": self.tr("Subjects"),
        }
        self.nav = QListWidget()
        self.nav.setFixedWidth(150)
        self.nav.setStyleSheet("QListWidget { font-size: 11pt; } QListWidget::item { padding: 10px 8px; }")
        for key in PAGES:
            item = QListWidgetItem(titles[key])
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.nav.addItem(item)
        self.stack = QStackedWidget()
        self.placeholders: dict[str, QWidget] = {}
        self.dashboard = DashboardPage(self.ctx.db)
        self.dashboard.open_clue.connect(lambda clue_id: self.open_record("clue", clue_id))
        self.stack.addWidget(self.dashboard)
        for key in PAGES[1:]:
            placeholder = QWidget()
            self.placeholders[key] = placeholder
            self.stack.addWidget(placeholder)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.nav.currentRowChanged.connect(self.show_page)

        self.person_label = QLabel(f"{signed.actor.display_name}（{signed.actor.role.label}）")
        self.unit_label = QLabel(signed.unit_name)
        self.changes_label = QLabel()
        self.changes: int | None = None
        bar = self.statusBar()
        bar.addWidget(self.person_label)
        bar.addWidget(self.unit_label)
        bar.addPermanentWidget(self.changes_label)
        self._build_menus()
        self.exchange = Exchange(self)
        self.idle_lock = IdleLock(self, signed)
        self.update_changes()
        self.nav.setCurrentRow(0)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.new_action = QAction(self.tr("&New record"), self, shortcut=QKeySequence(Keys.New))
        self.new_action.triggered.connect(self.new_record)
        self.save_action = QAction(self.tr("&Save"), self, shortcut=QKeySequence(Keys.Save))
        self.save_action.triggered.connect(self.save_active_form)
        quit_action = QAction(self.tr("&Quit"), self, shortcut=QKeySequence(Keys.Quit))
        quit_action.triggered.connect(self.close)
        for action in (self.new_action, self.save_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        self.find_action = QAction(self.tr("&Find"), self, shortcut=QKeySequence(Keys.Find))
        self.find_action.triggered.connect(self.focus_search)
        edit_menu.addAction(self.find_action)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        refresh = QAction(self.tr("&Refresh"), self, shortcut=QKeySequence(Keys.Refresh))
        refresh.triggered.connect(self.refresh_all)
        view_menu.addAction(refresh)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About"), self)
        about.triggered.connect(self.about)
        help_menu.addAction(about)

    # Pages ---------------------------------------------------------------------------------------
    def current_key(self) -> str:
        item = self.nav.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else "dashboard"

    def list_page(self, key: str) -> ListPage:
        """The list of one record type, built the first time it is shown (keeps sign-in fast)."""
        page = self.lists.get(key)
        if page is None:
            model = MODELS[key](DbPageSource(self.ctx.db, key), self.ctx.reference.townships)
            page = ListPage(
                model,
                townships=self.ctx.reference.townships,
                key_domains=self.ctx.reference.codes("key_domains"),
            )
            page.open_record.connect(lambda record_id, k=key: self.open_record(k, record_id))
            page.new_record.connect(lambda k=key: self.open_record(k, None))
            placeholder = self.placeholders[key]
            index = self.stack.indexOf(placeholder)
            self.stack.insertWidget(index, page)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self.lists[key] = page
        return page

    def show_page(self, row: int) -> None:
        key = PAGES[row] if 0 <= row < len(PAGES) else "dashboard"
        if key == "dashboard":
            self.stack.setCurrentWidget(self.dashboard)
        else:
            self.stack.setCurrentWidget(self.list_page(key))

    def go_to(self, key: str) -> None:
        self.nav.setCurrentRow(PAGES.index(key))

    # Records -------------------------------------------------------------------------------------
    def open_record(self, record_type: str, record_id: uuid.UUID | None) -> RecordForm:
        for form in self.forms:
            if record_id is not None and form.record_type == record_type and form.record_id == record_id:
                form.raise_()
                form.activateWindow()
                return form
        form = make_form(self.ctx, record_type, record_id, self)
        form.saved.connect(lambda _id, k=record_type: self.record_saved(k))
        form.closed.connect(lambda f=form: self._forget(f))
        self.forms.append(form)
        form.show()
        return form

    def _forget(self, form: RecordForm) -> None:
        if form in self.forms:
            self.forms.remove(form)
            form.deleteLater()

    def record_saved(self, record_type: str) -> None:
        page = self.lists.get(record_type)
        if page is not None:
            page.refresh()
        self.update_changes()

    def new_record(self) -> None:
        key = self.current_key()
        self.open_record("clue" if key == "dashboard" else key, None)

    def save_active_form(self) -> None:
        """Ctrl+S from the main window saves the active form, or else the form opened last."""
        active = QApplication.activeWindow()
        forms = [f for f in self.forms if f is active] or self.forms[-1:]
        for form in forms:
            form.save()

    def focus_search(self) -> None:
        key = self.current_key()
        if key == "dashboard":
            self.go_to("clue")
            key = "clue"
        self.list_page(key).focus_search()

    def refresh_all(self) -> None:
        self.dashboard.refresh()
        for page in self.lists.values():
            page.refresh()
        self.update_changes()

    def update_changes(self) -> None:
        db = self.ctx.db

        def count() -> int:
            with db.reader() as session:
                return queries.changes_since(session)

        run_in_background(count, self._show_changes, self)

    def _show_changes(self, changed: int | None) -> None:
        if changed is not None:
            self.changes = changed
            self.changes_label.setText(self.tr("%n record(s) changed since the last bundle", "", changed))

    def about(self) -> None:
        from models.version import APP_VERSION

        QMessageBox.about(
            self,
            self.tr("About Grid Ledger"),
            self.tr("Grid Ledger %1\nOffline ledger for the campaign against illegal fundraising.").replace(
                "%1", APP_VERSION
            ),
        )

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        for form in list(self.forms):
            form.keep_draft_and_close()
        self.exchange.shutdown()
        self.idle_lock.stop()
        wait_for_background()
        self.ctx.signed.close()
        event.accept()
