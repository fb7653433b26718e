"""Starting the GUI: the application object, the shipped CJK font, the zh_CN catalog, and the first window.

Only Qt is imported before the first window shows; storage (SQLAlchemy, SQLCipher, Argon2) and the main
window load after it, so the sign-in appears about as fast as a bare Qt window.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    from storage.accounts import SignedIn

FONT_PATH = Path(__file__).resolve().parents[1] / "exports" / "fonts" / "wqy-microhei.ttc"
I18N_DIR = Path(__file__).resolve().parent / "i18n"
CATALOG = "gridledger_zh_CN"


def load_cjk_font(app: QApplication) -> None:
    """Ships its own font so Chinese never shows as boxes on a machine without Chinese fonts."""
    font_id = QFontDatabase.addApplicationFont(str(FONT_PATH))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if families:
        app.setFont(QFont(families[0], 10))


def load_translations(app: QApplication) -> list[QTranslator]:
    """Loads the zh_CN catalog (the app's language) and Qt's own strings; returns them to keep them alive."""
    loaded: list[QTranslator] = []
    ours = QTranslator(app)
    if ours.load(CATALOG, str(I18N_DIR)):
        app.installTranslator(ours)
        loaded.append(ours)
    from PySide6.QtCore import QLibraryInfo

    qt_base = QTranslator(app)
    if qt_base.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_base)
        loaded.append(qt_base)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    return loaded


def application() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName("GridLedger")
    app.setApplicationDisplayName(app.translate("App", "Grid Ledger"))
    return app


class Launcher:
    """Shows the set-up wizard or the sign-in window, then the main window once someone is signed in."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self.window: QWidget | None = None

    def start(self) -> QWidget:
        from ui.keyfile_probe import is_set_up

        if is_set_up(self.db_path):
            return self.show_sign_in()
        from ui.wizard import SetupWizard

        wizard = SetupWizard(self.db_path)
        wizard.installed.connect(self.show_sign_in)
        self._show(wizard)
        return wizard

    def show_sign_in(self) -> QWidget:
        from ui.signin import SignInWindow

        window = SignInWindow(self.db_path)
        window.signed_in.connect(self.show_main)
        self._show(window)
        return window

    def show_main(self, signed: SignedIn) -> QWidget:
        from ui.main_window import MainWindow

        window = MainWindow(signed)
        self._show(window)
        return window

    def _show(self, window: QWidget) -> None:
        previous, self.window = self.window, window
        window.show()
        if previous is not None and previous is not window:
            previous.close()
            previous.deleteLater()


def run(db_path: Path) -> int:
    app = application()
    load_cjk_font(app)
    load_translations(app)
    launcher = Launcher(db_path)
    launcher.start()
    if os.environ.get("GRIDLEDGER_EXIT_WHEN_SHOWN") == "1":
        # For bench/bench_desk.py: report the wall-clock time of the first event-loop turn with the first
        # window on screen, then quit.
        import time

        from PySide6.QtCore import QTimer

        def shown() -> None:
            print(f"shown {time.time():.6f}", flush=True)
            app.quit()

        QTimer.singleShot(0, shown)
    return app.exec()
