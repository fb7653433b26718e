"""The bridge from widgets to storage: page sources and small lookups, each in its own read transaction."""

from __future__ import annotations

from typing import Any

from storage import queries
from storage.database import Database
from storage.queries import ListFilter


class DbPageSource:
    """Feeds a RecordTableModel from storage.queries."""

    def __init__(self, db: Database, record_type: str) -> None:
        self.db = db
        self.record_type = record_type

    def page(
        self, flt: ListFilter, sort: str, descending: bool, offset: int, limit: int
    ) -> list[dict[str, Any]]:
        with self.db.reader() as session:
            return queries.list_page(
                session, self.record_type, flt, sort=sort, descending=descending, offset=offset, limit=limit
            )

    def count(self, flt: ListFilter) -> int:
        with self.db.reader() as session:
            return queries.count_rows(session, self.record_type, flt)
