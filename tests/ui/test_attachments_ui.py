"""Attachments in a form: added from files, shown as thumbnails, opened from a temporary copy."""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from ui.attachments_panel import AttachmentsPanel
from ui.context import DeskContext


def test_add_show_and_export(qtbot: QtBot, ctx: DeskContext, subject_id: uuid.UUID, tmp_path: Path) -> None:
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    photo = tmp_path / "门头.png"
    assert image.save(str(photo))
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF-1.4 not really")
    panel = AttachmentsPanel(ctx, "subject", subject_id)
    qtbot.addWidget(panel)
    assert panel.add_files([photo, scan, photo]) == 3
    assert panel.list.count() == 3
    assert not panel.list.item(0).icon().isNull()
    attachment_id = uuid.UUID(panel.list.item(0).data(0x0100))
    exported = panel.export_to_temp(attachment_id)
    assert exported.read_bytes() == photo.read_bytes() and exported.name.endswith("门头.png")
    assert panel.add_files([tmp_path / "missing.jpg"]) == 0 and panel.error.text()
