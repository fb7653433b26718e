"""The zh_CN catalog: every string translated, in step with the sources, compiled and loaded by default."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ui.app import load_cjk_font, load_translations
from ui.i18n.update_catalog import CATALOG_QM, CATALOG_TS, lupdate


def messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    found = {}
    for context in ET.parse(path).getroot().iter("context"):  # noqa: S314 - our own catalog, not untrusted
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found[(name, message.findtext("source") or "")] = message
    return found


def test_every_message_has_a_finished_translation() -> None:
    untranslated = []
    for key, message in messages(CATALOG_TS).items():
        translation = message.find("translation")
        assert translation is not None
        texts = [translation.text or ""] + [f.text or "" for f in translation.iter("numerusform")]
        if translation.get("type") in ("unfinished", "obsolete", "vanished") or not any(
            t.strip() for t in texts
        ):
            untranslated.append(key)
    assert untranslated == []


def test_catalog_is_not_stale(tmp_path: Path) -> None:
    if shutil.which("pyside6-lupdate") is None and not Path(CATALOG_TS).exists():
        pytest.skip("pyside6-lupdate not installed")
    fresh = tmp_path / "fresh.ts"
    lupdate(fresh)
    assert set(messages(fresh)) == set(messages(CATALOG_TS)), "run: python -m ui.i18n.update_catalog"
    assert CATALOG_QM.stat().st_mtime >= CATALOG_TS.stat().st_mtime - 1, "the .qm is older than the .ts"


def test_catalog_is_loaded_by_default(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    installed: list[QTranslator] = load_translations(app)
    load_cjk_font(app)
    try:
        assert QCoreApplication.translate("MainWindow", "Risk clue ledger") == "风险线索台账"
        assert QCoreApplication.translate("SignInWindow", "Sign in") == "登录"
    finally:
        for translator in installed:
            app.removeTranslator(translator)
