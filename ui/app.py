"""Starting the GUI: the application object, the shipped CJK font, and the first window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

FONT_PATH = Path(__file__).resolve().parents[1] / "exports" / "fonts" / "wqy-microhei.ttc"


def load_cjk_font(app: QApplication) -> None:
    """Ships its own font so Chinese never shows as boxes on a machine without Chinese fonts."""
    font_id = QFontDatabase.addApplicationFont(str(FONT_PATH))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if families:
        app.setFont(QFont(families[0], 10))


def run(db_path: Path) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("GridLedger")
    load_cjk_font(app)
    window = QMainWindow()
    window.setWindowTitle("网格防非台账")
    window.setCentralWidget(QLabel(f"网格防非台账\n数据库：{db_path}"))
    window.resize(640, 400)
    window.show()
    return app.exec()
