"""Export with progress, print preview drawing the PDF's pages, and the Data and Mail menus."""

from __future__ import annotations

import subprocess
import uuid
from pathlib import Path
from typing import Any

from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from exports.api import export_bytes
from exports.context import ExportFilter
from storage.accounts import SignedIn
from storage.services import create_record
from ui.main_window import MainWindow
from ui.print_export import ExportRunner, paint_pdf, pdf_document, print_preview


def test_data_and_mail_menus_are_there(qtbot: QtBot, worker: SignedIn) -> None:
    window = MainWindow(worker)
    qtbot.addWidget(window)
    titles = [a.text() for a in window.menuBar().actions()]
    assert window.exchange.tr("&Data") in titles and window.exchange.tr("&Mail") in titles
    assert titles[-1] == window.tr("&Help")  # 帮助 stays last


def test_export_runs_in_the_background_to_a_file(
    qtbot: QtBot, worker: SignedIn, visit_values: dict[str, Any], tmp_path: Path
) -> None:
    create_record(worker.db, worker.actor, "visit", visit_values)
    window = MainWindow(worker)
    qtbot.addWidget(window)
    runner = ExportRunner(worker, window)
    out = tmp_path / "走访记录.xlsx"
    with qtbot.waitSignal(runner.finished, timeout=30_000) as finished:
        runner.start("visits", "xlsx", ExportFilter(), "x.xlsx", out=out)
    assert finished.args == [True] and out.exists()
    assert not list(tmp_path.glob(".*.part"))


def test_print_preview_draws_the_pdf_pages(
    qtbot: QtBot, worker: SignedIn, visit_values: dict[str, Any], tmp_path: Path
) -> None:
    ids: list[uuid.UUID] = [create_record(worker.db, worker.actor, "visit", visit_values) for _ in range(2)]
    window = MainWindow(worker)
    qtbot.addWidget(window)
    dialog = print_preview(worker, "visits", window, ids)
    assert dialog is not None
    qtbot.addWidget(dialog)

    data = export_bytes(worker.db, worker.actor, "visits", "pdf", ExportFilter(record_ids=ids))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    paint_pdf(pdf_document(data, window), printer)
    info = subprocess.run(["pdfinfo", str(printed)], capture_output=True, text=True, check=True).stdout
    pages = next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:"))
    assert pages == "2"  # one visit record per printed page, as in the PDF
