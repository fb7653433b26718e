"""Photos and scans of a record: add by button or drag-and-drop, thumbnails, open in the system viewer."""

from __future__ import annotations

import atexit
import shutil
import tempfile
import uuid
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent, QIcon, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from storage.attachments import add_attachment, list_attachments, read_attachment
from storage.errors import UserFacingError
from ui.context import DeskContext

THUMB = 96
_open_folder: Path | None = None


def open_folder() -> Path:
    """A private folder for files handed to the system viewer; removed when the program exits (the viewer
    may still be reading them while the app runs)."""
    global _open_folder
    if _open_folder is None:
        _open_folder = Path(tempfile.mkdtemp(prefix="gridledger-"))
        atexit.register(shutil.rmtree, _open_folder, ignore_errors=True)
    return _open_folder


class AttachmentsPanel(QGroupBox):
    def __init__(
        self, ctx: DeskContext, owner_type: str, owner_id: uuid.UUID, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Attachments (photos and scans)"))
        self.ctx = ctx
        self.owner_type = owner_type
        self.owner_id = owner_id
        self.setAcceptDrops(True)
        self.list = QListWidget()
        self.list.setViewMode(QListWidget.ViewMode.IconMode)
        self.list.setIconSize(QSize(THUMB, THUMB))
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setFixedHeight(THUMB + 48)
        self.list.itemDoubleClicked.connect(self.open_item)
        self.add_button = QPushButton(self.tr("Add files…"))
        self.add_button.clicked.connect(self.choose_files)
        self.hint = QLabel(self.tr("or drag files here; double-click to open"))
        self.hint.setStyleSheet("color: #777;")
        self.error = QLabel()
        self.error.setStyleSheet("color: #c0392b;")
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.hint, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(row)
        layout.addWidget(self.error)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        for info in list_attachments(self.ctx.db, self.owner_type, self.owner_id):
            item = QListWidgetItem(info.file_name)
            item.setData(Qt.ItemDataRole.UserRole, str(info.id))
            item.setToolTip(f"{info.file_name}\n{info.size // 1024 + 1} KB")
            icon = None
            if info.mime_type.startswith("image/"):
                _name, data = read_attachment(self.ctx.db, info.id)
                pixmap = QPixmap()
                if pixmap.loadFromData(data):
                    icon = QIcon(pixmap.scaled(THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio))
            if icon is None:
                icon = self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)
            item.setIcon(icon)
            self.list.addItem(item)

    def add_files(self, paths: list[Path]) -> int:
        added = 0
        for path in paths:
            try:
                add_attachment(
                    self.ctx.db, self.ctx.actor, self.owner_type, self.owner_id, path.name, path.read_bytes()
                )
                added += 1
            except (OSError, UserFacingError) as exc:
                self.error.setText(str(exc))
        self.refresh()
        return added

    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Add attachments"),
            "",
            self.tr("Images and scans (*.jpg *.jpeg *.png *.pdf);;All files (*)"),
        )
        self.add_files([Path(n) for n in names])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if self.add_files([p for p in paths if p.is_file()]):
            event.acceptProposedAction()

    def export_to_temp(self, attachment_id: uuid.UUID) -> Path:
        name, data = read_attachment(self.ctx.db, attachment_id)
        target = open_folder() / f"{attachment_id.hex[:8]}-{Path(name).name}"
        target.write_bytes(data)
        return target

    def open_item(self, item: QListWidgetItem) -> None:
        path = self.export_to_temp(uuid.UUID(item.data(Qt.ItemDataRole.UserRole)))
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
