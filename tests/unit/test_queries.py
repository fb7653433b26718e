"""Paged list queries: filters, search (trigram and short LIKE), sorting in SQL, counts and dashboard."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest

from models.enums import ClueEventKind
from storage import queries as q
from storage.accounts import SignedIn
from storage.services import create_record, transition_clue


def make_clues(worker: SignedIn, clue_values: dict[str, Any], n: int) -> list[uuid.UUID]:
    ids = []
    for i in range(n):
        values = {**clue_values, "received_date": dt.date(2025, 3, 1) + dt.timedelta(days=i)}
        if i % 2:
            values["facts"] = f"第{i}条：某合作社承诺分红，吸收社员存款。"
            values["key_domains"] = ["涉农"]
        ids.append(create_record(worker.db, worker.actor, "clue", values))
    return ids


def test_pages_are_sorted_in_sql_and_never_overlap(worker: SignedIn, clue_values: dict[str, Any]) -> None:
    make_clues(worker, clue_values, 7)
    with worker.db.reader() as s:
        first = q.list_page(s, "clue", q.ListFilter(), limit=3)
        second = q.list_page(s, "clue", q.ListFilter(), offset=3, limit=3)
        third = q.list_page(s, "clue", q.ListFilter(), offset=6, limit=3)
        ascending = q.list_page(s, "clue", q.ListFilter(), sort="received_date", descending=False, limit=1)
        assert q.count_rows(s, "clue", q.ListFilter()) == 7
    dates = [r["received_date"] for r in first + second + third]
    assert dates == sorted(dates, reverse=True) and len(set(dates)) == 7
    assert ascending[0]["received_date"] == dt.date(2025, 3, 1)
    with worker.db.reader() as s, pytest.raises(ValueError):
        q.list_page(s, "clue", q.ListFilter(), sort="informant_sealed")


def test_search_long_and_short_chinese(worker: SignedIn, clue_values: dict[str, Any]) -> None:
    make_clues(worker, clue_values, 4)
    with worker.db.reader() as s:
        assert q.count_rows(s, "clue", q.ListFilter(search="高息为诱饵")) == 2
        assert q.count_rows(s, "clue", q.ListFilter(search="合作社")) == 2
        # One or two characters: names through their indexes everywhere, other text among the newest rows.
        assert q.count_rows(s, "clue", q.ListFilter(search="鑫源")) == 4
        assert q.count_rows(s, "clue", q.ListFilter(search="分红")) == 0
        assert len(q.list_page(s, "clue", q.ListFilter(search="分红"))) == 2
        assert len(q.list_page(s, "clue", q.ListFilter(search="分红"), limit=1)) == 1
        assert len(q.list_page(s, "clue", q.ListFilter(search="高息为诱饵"), limit=1)) == 1
        assert q.count_rows(s, "clue", q.ListFilter(search='"%_')) == 0
        assert q.count_rows(s, "subject", q.ListFilter(search="财富管理")) == 1
        assert q.count_rows(s, "subject", q.ListFilter(search="鑫源")) == 1
        assert q.count_rows(s, "survey", q.ListFilter(search="财富管理")) == 0


def test_filters(worker: SignedIn, clue_values: dict[str, Any]) -> None:
    ids = make_clues(worker, clue_values, 4)
    transition_clue(
        worker.db, worker.actor, ids[0], ClueEventKind.START_VERIFY, {}, on_date=dt.date(2025, 3, 2)
    )
    with worker.db.reader() as s:
        assert q.count_rows(s, "clue", q.ListFilter(status="verifying")) == 1
        assert q.count_rows(s, "clue", q.ListFilter(key_domain="涉农")) == 2
        assert q.count_rows(s, "clue", q.ListFilter(key_domain="理财")) == 2
        assert q.count_rows(s, "clue", q.ListFilter(township_code="141123100")) == 4
        assert q.count_rows(s, "clue", q.ListFilter(township_code="141123101")) == 0
        span = q.ListFilter(date_from=dt.date(2025, 3, 2), date_to=dt.date(2025, 3, 3))
        assert q.count_rows(s, "clue", span) == 2
        overdue = q.ListFilter(overdue=True, today=dt.date(2025, 5, 1))
        assert q.count_rows(s, "clue", overdue) == 4
        assert q.count_rows(s, "clue", q.ListFilter(overdue=True, today=dt.date(2025, 4, 1))) == 0
        assert q.count_rows(s, "visit", q.ListFilter(overdue=True)) == 0
        assert q.count_rows(s, "visit", q.ListFilter(risk_level="high")) == 0


def test_survey_list_carries_subject_name(worker: SignedIn, subject_id: uuid.UUID) -> None:
    create_record(
        worker.db,
        worker.actor,
        "survey",
        {
            "subject_id": subject_id,
            "survey_date": dt.date(2025, 3, 1),
            "screeners": ["张伟"],
            "township_code": "141123100",
            "risk_level": "high",
        },
    )
    with worker.db.reader() as s:
        rows = q.list_page(s, "survey", q.ListFilter(risk_level="high"), sort="subject_name")
        assert rows[0]["subject_name"] == "兴县鑫源财富管理咨询有限公司"
        assert q.count_rows(s, "survey", q.ListFilter(search="鑫源财富")) == 1


def test_changes_since_and_dashboard(worker: SignedIn, clue_values: dict[str, Any]) -> None:
    with worker.db.reader() as s:
        assert q.changes_since(s) == 1  # the subject fixture, since the installation was set up
    make_clues(worker, clue_values, 2)
    with worker.db.reader() as s:
        assert q.changes_since(s) == 3
        assert q.changes_since(s, dt.datetime(2000, 1, 1, tzinfo=dt.UTC)) == 3
        assert q.changes_since(s, dt.datetime.now(dt.UTC) + dt.timedelta(days=1)) == 0
        board = q.dashboard(s, dt.date(2025, 6, 1))
    assert board.counts == {"subject": 1, "survey": 0, "clue": 2, "visit": 0}
    assert board.clue_status_counts == {"registered": 2}
    assert board.overdue_total == 2 and len(board.overdue) == 2
    assert board.deadlines


def test_subject_matches(worker: SignedIn, subject_id: uuid.UUID) -> None:
    with worker.db.reader() as s:
        same = q.subject_matches(s, credit_code="91350100M000100Y43")
        assert [r["id"] for r in same.same_identifier] == [subject_id]
        similar = q.subject_matches(s, name="兴县鑫源财富", phone="13912345678")
        assert [r["id"] for r in similar.similar] == [subject_id]
        assert q.subject_matches(s, name="别的公司", phone="13912345678").similar == []


def test_clue_events_timeline(worker: SignedIn, clue_values: dict[str, Any]) -> None:
    clue = create_record(worker.db, worker.actor, "clue", clue_values)
    transition_clue(
        worker.db, worker.actor, clue, ClueEventKind.START_VERIFY, {}, on_date=dt.date(2025, 3, 2)
    )
    with worker.db.reader() as s:
        events = q.clue_events(s, clue)
    assert [e["kind"].value for e in events] == ["register", "start_verify"]


def test_dashboard_leaves_out_deleted_clues(worker: SignedIn, clue_values: dict[str, Any]) -> None:
    from storage.services import soft_delete_record

    ids = make_clues(worker, clue_values, 3)
    soft_delete_record(worker.db, worker.actor, "clue", ids[0], "重复登记")
    with worker.db.reader() as s:
        board = q.dashboard(s, dt.date(2025, 6, 1))
        assert q.count_rows(s, "clue", q.ListFilter()) == 2
    assert board.counts["clue"] == 2 and board.clue_status_counts == {"registered": 2}
    assert board.overdue_total == 2 and ids[0] not in {r["id"] for r in board.overdue}
