"""UI fixtures: a desk context on the worker's database; offscreen-platform noise that is not ours ignored."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from storage.accounts import SignedIn
from storage.services import create_record
from ui.background import wait_for_background
from ui.context import DeskContext
from ui.reference import load_reference
from ui.selftest import OFFSCREEN_NOISE_PATTERN

# The offscreen platform plugin warns about window-manager calls it cannot do; not a fault of ours, and a
# real platform does them. The same pattern the frozen self-test filters.
OFFSCREEN_NOISE = OFFSCREEN_NOISE_PATTERN


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/ui/" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture
def ctx(worker: SignedIn) -> Iterator[DeskContext]:
    yield DeskContext(worker, load_reference(worker.db))
    wait_for_background()  # counts still running must finish before the database closes


@pytest.fixture
def clue_id(worker: SignedIn, clue_values: dict[str, Any]) -> uuid.UUID:
    return create_record(worker.db, worker.actor, "clue", clue_values)


@pytest.fixture
def visit_values(subject_id: uuid.UUID) -> dict[str, Any]:
    return {
        "visited_at": dt.datetime(2025, 3, 5, 2, 30, tzinfo=dt.UTC),
        "visit_type": "interview",
        "visitors": ["张伟", "李娜"],
        "visited_party": "王秀英",
        "content": "宣传防范非法集资知识，提醒警惕高息理财。",
        "township_code": "141123100",
        "materials_handed_out": 20,
        "people_reached": 35,
        "subject_id": subject_id,
    }


@pytest.fixture(autouse=True)
def no_modal_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    """A modal box would block an offscreen test forever: forms get default answers (tests override)."""
    from PySide6.QtWidgets import QMessageBox

    from ui.forms.record_form import RecordForm

    monkeypatch.setattr(RecordForm, "ask_close", lambda self: QMessageBox.StandardButton.Discard)
    monkeypatch.setattr(RecordForm, "ask_restore", lambda self, draft: False)
    monkeypatch.setattr(RecordForm, "ask_reason", lambda self: None)
