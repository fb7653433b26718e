"""Exporting the current list to Excel or PDF with a progress bar and cancel, and printing with a preview.

The preview draws the very pages of the PDF export (rendered by QtPdf), so what is printed is what the PDF
says: one code path for paper and file.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QObject,
    QRectF,
    QSize,
    Qt,
    QThread,
    Signal,
    Slot,
)
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from exports.api import Format, export, export_bytes
from exports.context import ExportCancelled, ExportFilter, What
from storage.accounts import SignedIn
from storage.errors import UserFacingError

PRINT_DPI = 200


class _ExportWorker(QObject):
    progressed = Signal(int, int)
    done = Signal(str)  # empty on success, else the reason

    def __init__(self, signed: SignedIn, what: What, fmt: Format, out: Path, flt: ExportFilter) -> None:
        super().__init__()
        self.signed, self.what, self.fmt, self.out, self.flt = signed, what, fmt, out, flt
        self.cancelled = False

    @Slot()
    def run(self) -> None:
        try:
            export(
                self.signed.db,
                self.signed.actor,
                self.what,
                self.fmt,
                self.out,
                township=self.flt.township,
                date_from=self.flt.date_from,
                date_to=self.flt.date_to,
                progress=lambda done, total: self.progressed.emit(done, total),
                cancel=lambda: self.cancelled,
                record_ids=self.flt.record_ids,
            )
        except ExportCancelled:
            self.done.emit("cancelled")
        except (UserFacingError, OSError) as exc:
            self.done.emit(str(exc))
        else:
            self.done.emit("")


class ExportRunner(QObject):
    """Asks where to save, then exports on a worker thread behind a cancellable progress dialog."""

    finished = Signal(bool)

    def __init__(self, signed: SignedIn, parent: QWidget) -> None:
        super().__init__(parent)
        self.signed, self.parent_widget = signed, parent
        self.worker_thread: QThread | None = None

    def start(
        self, what: What, fmt: Format, flt: ExportFilter, suggested_name: str, out: Path | None = None
    ) -> None:
        if out is None:
            pattern = self.tr("Excel workbook (*.xlsx)") if fmt == "xlsx" else self.tr("PDF document (*.pdf)")
            chosen, _ = QFileDialog.getSaveFileName(
                self.parent_widget, self.tr("Export"), suggested_name, pattern
            )
            if not chosen:
                return
            out = Path(chosen)
        self.progress = QProgressDialog(self.tr("Exporting…"), self.tr("Cancel"), 0, 100, self.parent_widget)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(300)
        self.worker = _ExportWorker(self.signed, what, fmt, out, flt)
        self.worker_thread = QThread(self)
        self.worker.moveToThread(self.worker_thread)
        self.worker_thread.started.connect(self.worker.run)
        self.worker.progressed.connect(self._progressed)
        self.worker.done.connect(self._done)
        self.progress.canceled.connect(self._cancel)
        self.out = out
        self.worker_thread.start()

    @Slot(int, int)
    def _progressed(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(min(done, max(total, 1)))

    @Slot()
    def _cancel(self) -> None:
        self.worker.cancelled = True

    @Slot(str)
    def _done(self, problem: str) -> None:
        assert self.worker_thread is not None
        self.worker_thread.quit()
        self.worker_thread.wait()
        self.worker_thread = None
        self.progress.reset()
        if problem and problem != "cancelled":
            QMessageBox.warning(self.parent_widget, self.tr("Export failed"), problem)
        elif not problem:
            self.parent_widget.window().statusBar().showMessage(  # type: ignore[attr-defined]
                self.tr("Exported to %1").replace("%1", str(self.out)), 8000
            )
        self.finished.emit(not problem)


def pdf_document(data: bytes, parent: QObject) -> QPdfDocument:
    """A QtPdf document over PDF bytes kept alive with it (QPdfDocument reads lazily from the device)."""
    document = QPdfDocument(parent)
    buffer = QBuffer(document)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    return document


def paint_pdf(document: QPdfDocument, printer: QPrinter) -> None:
    """Draws every page of the PDF onto the printer, scaled to the paper's printable area."""
    painter = QPainter()
    if not painter.begin(printer):
        return
    try:
        for page in range(document.pageCount()):
            size = document.pagePointSize(page)
            landscape = size.width() > size.height()
            if page:
                printer.setPageOrientation(
                    QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
                )
                printer.newPage()
            target = QRectF(printer.pageLayout().paintRectPixels(printer.resolution()))
            target.moveTo(0, 0)
            scale = PRINT_DPI / 72
            image = document.render(page, QSize(int(size.width() * scale), int(size.height() * scale)))
            fitted = image.size().scaled(target.size().toSize(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRectF(target.topLeft(), fitted.toSizeF()), image)
    finally:
        painter.end()


def print_preview(
    signed: SignedIn, what: What, parent: QWidget, record_ids: Collection[uuid.UUID] | None = None
) -> QPrintPreviewDialog | None:
    """Opens Qt's print preview on the PDF pages of one record, a selection, or the whole list."""
    try:
        data = export_bytes(signed.db, signed.actor, what, "pdf", ExportFilter(record_ids=record_ids))
    except UserFacingError as exc:
        QMessageBox.warning(parent, QCoreApplication.translate("PrintPreview", "Print"), str(exc))
        return None
    document = pdf_document(data, parent)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    if document.pageCount():
        first = document.pagePointSize(0)
        printer.setPageOrientation(
            QPageLayout.Orientation.Landscape
            if first.width() > first.height()
            else QPageLayout.Orientation.Portrait
        )
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.paintRequested.connect(lambda p: paint_pdf(document, p))
    dialog.setWindowTitle(QCoreApplication.translate("PrintPreview", "Print preview"))
    return dialog
