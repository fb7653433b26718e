"""The self-test's GUI step: the real main window, offscreen, on the self-test's database."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable

from exports.selftest import SelfTest

# The offscreen platform warns about window-manager calls it cannot make (size hints, raise).
OFFSCREEN_NOISE_PATTERN = "This plugin does not support (propagateSizeHints|raise)"
OFFSCREEN_NOISE = re.compile(OFFSCREEN_NOISE_PATTERN)


def gui_steps(test: SelfTest) -> list[tuple[str, Callable[[], None]]]:
    def open_main_window() -> None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtCore import QtMsgType, qInstallMessageHandler
        from PySide6.QtWidgets import QApplication

        from ui.app import load_cjk_font, load_translations
        from ui.background import wait_for_background
        from ui.main_window import MainWindow

        def quiet_offscreen(kind: QtMsgType, context: object, message: str) -> None:
            # The offscreen plugin warns about window-manager calls it cannot make; anything else is shown,
            # so the release smoke test (which fails on any stderr output) still sees real problems.
            if not OFFSCREEN_NOISE.search(message):
                sys.stderr.write(f"{message}\n")

        qInstallMessageHandler(quiet_offscreen)
        app = QApplication.instance() or QApplication([])
        assert isinstance(app, QApplication)
        load_cjk_font(app)
        load_translations(app)
        window = MainWindow(test.session)
        window.show()
        for key in ("clue", "visit", "survey", "subject"):
            window.go_to(key)
            app.processEvents()
            if window.list_page(key).table.model().rowCount() < 1:
                raise RuntimeError(f"列表 {key} 为空")
        wait_for_background()
        window.hide()
        window.deleteLater()
        app.processEvents()

    return [("打开主窗口（无界面模式）", open_main_window)]
