"""List models: qtmodeltester on each, lazy pages, sorting in SQL, Chinese substring search, overdue marks."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from storage.accounts import SignedIn
from storage.queries import ListFilter
from storage.services import create_record
from ui.context import DeskContext
from ui.data import DbPageSource
from ui.list_page import ListPage
from ui.table_models import (
    ID_ROLE,
    MODELS,
    OVERDUE_COLOR,
    SORT_ROLE,
    ClueTableModel,
    RecordTableModel,
)


@pytest.fixture
def filled(
    worker: SignedIn, subject_id: uuid.UUID, clue_values: dict[str, Any], visit_values: dict[str, Any]
) -> None:
    for i in range(5):
        values = {**clue_values, "received_date": dt.date(2025, 3, 1) + dt.timedelta(days=i)}
        if i == 4:
            values["facts"] = "某合作社承诺分红，吸收社员存款。"
            values["deadline"] = None
        create_record(worker.db, worker.actor, "clue", values)
        create_record(worker.db, worker.actor, "visit", {**visit_values, "people_reached": i})
        create_record(
            worker.db,
            worker.actor,
            "survey",
            {
                "subject_id": subject_id,
                "survey_date": dt.date(2025, 3, 1 + i),
                "screeners": ["张伟"],
                "township_code": "141123100",
                "key_domains": ["理财"],
            },
        )


@pytest.mark.parametrize("sort_column", [None, 1])
@pytest.mark.parametrize("record_type", sorted(MODELS))
def test_qtmodeltester_on_every_model(
    qtmodeltester: ModelTester, ctx: DeskContext, filled: None, record_type: str, sort_column: int | None
) -> None:
    model = MODELS[record_type](DbPageSource(ctx.db, record_type), ctx.reference.townships, page_size=2)
    if sort_column is not None:
        # Sorted before the tester attaches: pytest-qt runs its checks (which fetch more) from modelReset
        # before it clears its own reset flag, so a reset of a model with more pages trips it.
        model.sort(sort_column, Qt.SortOrder.AscendingOrder)
    qtmodeltester.check(model, force_py=True)  # type: ignore[no-untyped-call]
    assert model.rowCount() == (1 if record_type == "subject" else 5)


def test_pages_load_lazily_and_sort_in_sql(ctx: DeskContext, filled: None) -> None:
    model = ClueTableModel(DbPageSource(ctx.db, "clue"), ctx.reference.townships, page_size=2)
    assert model.rowCount() == 2 and model.canFetchMore()
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == 5 and not model.canFetchMore()
    received = model.index(0, ClueTableModel.RECEIVED)
    assert received.data(SORT_ROLE) == "2025-03-05"
    assert uuid.UUID(received.data(ID_ROLE)) == model.record_id(0)
    model.sort(ClueTableModel.RECEIVED, Qt.SortOrder.AscendingOrder)
    assert model.rowCount() == 2 and model.index(0, ClueTableModel.RECEIVED).data() == "2025-03-01"
    header = model.headerData(ClueTableModel.LEDGER_NO, Qt.Orientation.Horizontal)
    assert header in ("Ledger no.", "台账编号")


def test_overdue_rows_are_red(ctx: DeskContext, filled: None) -> None:
    model = ClueTableModel(DbPageSource(ctx.db, "clue"), ctx.reference.townships)
    colors = {}
    for row in range(model.rowCount()):
        brush = model.index(row, 0).data(Qt.ItemDataRole.ForegroundRole)
        colors[row] = brush.color() if isinstance(brush, QBrush) else None
    assert sum(c == OVERDUE_COLOR for c in colors.values()) == 4  # the fifth has no deadline
    overdue_row = next(r for r, c in colors.items() if c == OVERDUE_COLOR)
    assert model.index(overdue_row, ClueTableModel.DEADLINE).data().startswith("2025-04-30")


def make_page(qtbot: QtBot, ctx: DeskContext, record_type: str) -> ListPage:
    model: RecordTableModel = MODELS[record_type](DbPageSource(ctx.db, record_type), ctx.reference.townships)
    page = ListPage(model, townships=ctx.reference.townships, key_domains=ctx.reference.codes("key_domains"))
    qtbot.addWidget(page)
    page.show()
    return page


def test_search_finds_chinese_substrings(qtbot: QtBot, ctx: DeskContext, filled: None) -> None:
    page = make_page(qtbot, ctx, "clue")
    assert page.model.rowCount() == 5
    page.search.setText("高息为诱饵")
    qtbot.waitUntil(lambda: page.model.rowCount() == 4, timeout=2000)  # the debounce timer applies it
    qtbot.waitUntil(lambda: page.total == 4)
    assert "4" in page.count_label.text()
    page.search.setText("分红")  # two characters: found among the newest rows
    page.apply_filter()
    assert page.model.rowCount() == 1
    page.search.setText("鑫源")  # two characters of a name: found through the name index
    page.apply_filter()
    assert page.model.rowCount() == 5
    page.search.setText("")
    page.overdue.setChecked(True)
    assert page.current_filter().overdue and page.model.rowCount() == 4
    page.overdue.setChecked(False)
    page.status.setCurrentIndex(page.status.findData("closed"))
    assert page.model.rowCount() == 0
    page.status.setCurrentIndex(0)
    page.use_dates.setChecked(True)
    page.date_from.setDate(page.date_from.date().fromString("2025-03-02", "yyyy-MM-dd"))
    page.date_to.setDate(page.date_to.date().fromString("2025-03-03", "yyyy-MM-dd"))
    assert page.current_filter().date_from == dt.date(2025, 3, 2)
    assert page.model.rowCount() == 2


def test_survey_and_visit_filters(qtbot: QtBot, ctx: DeskContext, filled: None) -> None:
    surveys = make_page(qtbot, ctx, "survey")
    assert surveys.model.rowCount() == 5
    surveys.search.setText("鑫源财富")
    surveys.apply_filter()
    assert surveys.model.rowCount() == 5
    surveys.domain.setCurrentIndex(surveys.domain.findData("养老"))
    assert surveys.model.rowCount() == 0
    visits = make_page(qtbot, ctx, "visit")
    visits.township.setCurrentIndex(visits.township.findData("141123101"))
    assert visits.model.rowCount() == 0
    assert visits.current_filter() == ListFilter(township_code="141123101")
