"""Reading records for export: filtered, streamed in batches (never all rows in memory), with labels
instead of codes and identifiers masked unless asked otherwise. The informant is never selected.

Each row comes out as a dict keyed by `exports.columns.Column.key`, plus `id`, `revision` and `digest`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, String, func, select, type_coerce
from sqlalchemy.orm import Session

from exports.context import CHINA_TZ, ExportFilter, Section
from exports.fingerprint import EXCLUDED_COLUMNS, record_digest
from models.clue_workflow import is_overdue
from models.records import ClueRecord, SubjectRecord, SurveyRecord, VisitRecord
from models.reference import Grid, Village
from models.validators import mask_mobile, mask_resident_id
from storage.profile import township_names

BATCH = 1000
JOIN = "、"

MODELS: dict[Section, Any] = {"surveys": SurveyRecord, "clues": ClueRecord, "visits": VisitRecord}


@dataclass(frozen=True)
class Lookups:
    """Small reference tables loaded once per export, and the options that shape every row."""

    townships: dict[str, str]
    villages: dict[str, str]
    grids: dict[str, str]
    today: dt.date
    unmasked: bool
    # The record digest needs every stored column (and their conversion): only PDFs print it.
    digests: bool

    def id_number(self, value: str | None) -> str | None:
        return value if value is None or self.unmasked else mask_resident_id(value)

    def phone(self, value: str | None) -> str | None:
        return value if value is None or self.unmasked else mask_mobile(value)


def load_lookups(session: Session, *, unmasked: bool, today: dt.date, digests: bool) -> Lookups:
    return Lookups(
        townships=township_names(session),
        villages=dict(session.execute(select(Village.code, Village.name)).all()),
        grids=dict(session.execute(select(Grid.code, Grid.name)).all()),
        today=today,
        unmasked=unmasked,
        digests=digests,
    )


# Stored columns no export shows: read only when the digest needs the whole record.
DIGEST_ONLY = frozenset(
    {
        "created_at",
        "updated_at",
        "created_by",
        "origin",
        "deleted_at",
        "review_comments",
        "subject_id",
        "clue_id",
    }
)


def _own_columns(model: Any, digests: bool) -> list[Any]:
    skip = EXCLUDED_COLUMNS if digests else EXCLUDED_COLUMNS | DIGEST_ONLY
    return [c for c in model.__table__.c if c.name not in skip]


def _local_midnight_utc(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), CHINA_TZ).astimezone(dt.UTC)


def _filtered(stmt: Select[Any], section: Section, flt: ExportFilter) -> Select[Any]:
    model = MODELS[section]
    stmt = stmt.where(model.deleted_at.is_(None))
    if flt.township:
        stmt = stmt.where(model.township_code == flt.township)
    if flt.record_ids is not None:
        # One JSON parameter instead of one per id: a selection (a bundle's records) can be larger than
        # SQLite's limit on bound parameters. Ids are stored as 32 hex digits.
        ids = json.dumps(sorted(i.hex for i in flt.record_ids))
        selected = select(func.json_each(ids).table_valued("value").c.value)
        stmt = stmt.where(type_coerce(model.id, String).in_(selected))
    if section == "visits":
        # visited_at is stored in UTC; the range is in local calendar days.
        if flt.date_from:
            stmt = stmt.where(VisitRecord.visited_at >= _local_midnight_utc(flt.date_from))
        if flt.date_to:
            stmt = stmt.where(
                VisitRecord.visited_at < _local_midnight_utc(flt.date_to + dt.timedelta(days=1))
            )
    else:
        day = SurveyRecord.survey_date if section == "surveys" else ClueRecord.received_date
        if flt.date_from:
            stmt = stmt.where(day >= flt.date_from)
        if flt.date_to:
            stmt = stmt.where(day <= flt.date_to)
    return stmt


def count_records(session: Session, section: Section, flt: ExportFilter) -> int:
    stmt = _filtered(select(func.count()).select_from(MODELS[section]), section, flt)
    return int(session.scalar(stmt) or 0)


def _joined(items: list[str] | None) -> str | None:
    return JOIN.join(items) if items else None


def _area(rec: dict[str, Any], lk: Lookups) -> dict[str, Any]:
    village, grid = rec["village_code"], rec["grid_code"]
    return {
        "township": lk.townships.get(rec["township_code"], rec["township_code"]),
        "village": lk.villages.get(village, village) if village else None,
        "grid": lk.grids.get(grid, grid) if grid else None,
    }


def _common(rec: dict[str, Any], seq: int, lk: Lookups) -> dict[str, Any]:
    return {
        "seq": seq,
        "id": rec["id"],
        "revision": rec["revision"],
        "digest": record_digest(rec) if lk.digests else None,
        "review": rec["review_status"].label,
    }


def _yuan(fen: int | None) -> float | None:
    return None if fen is None else fen / 100


def _subject_code(credit_code: str | None, id_number: str | None, lk: Lookups) -> str | None:
    return credit_code or lk.id_number(id_number)


def _survey_row(rec: dict[str, Any], extra: dict[str, Any], seq: int, lk: Lookups) -> dict[str, Any]:
    kind = extra["subject_kind"]
    return {
        **_common(rec, seq, lk),
        **_area(rec, lk),
        "survey_date": rec["survey_date"],
        "subject_name": extra["subject_name"],
        "subject_kind": kind.label if kind is not None else None,
        "subject_code": _subject_code(extra["credit_code"], extra["id_number"], lk),
        "legal_rep": extra["legal_rep"],
        "subject_phone": lk.phone(extra["subject_phone"]),
        "address": extra["address"],
        "screeners": _joined(rec["screeners"]),
        "methods": _joined(rec["methods"]),
        "key_domains": _joined(rec["key_domains"]),
        "four_features": _joined(rec["four_features"]),
        "promotion_channel": rec["promotion_channel"],
        "promised_return": rec["promised_return"],
        "participants": rec["estimated_participants"],
        "amount": _yuan(rec["estimated_amount_fen"]),
        "risk_level": rec["risk_level"].label,
        "conclusion": rec["conclusion"],
        "record_status": rec["status"].label,
    }


def _clue_row(rec: dict[str, Any], extra: dict[str, Any], seq: int, lk: Lookups) -> dict[str, Any]:
    status = rec["status"]
    return {
        **_common(rec, seq, lk),
        **_area(rec, lk),
        "ledger_no": rec["ledger_no"],
        "source": rec["source"],
        "received_date": rec["received_date"],
        "subject_name": rec["subject_name"],
        "subject_code": _subject_code(extra["credit_code"], extra["id_number"], lk),
        "facts": rec["facts"],
        "participants": rec["participants"],
        "amount": _yuan(rec["amount_fen"]),
        "key_domains": _joined(rec["key_domains"]),
        "key_case_flags": _joined(rec["key_case_flags"]),
        "area_type": rec["area_type"],
        "lead_unit": rec["lead_unit"],
        "responsible_units": _joined(rec["responsible_units"]),
        "deadline": rec["deadline"],
        "status": status.label,
        "status_date": rec["status_date"],
        "overdue": "逾期" if is_overdue(status, rec["deadline"], lk.today) else None,
        "opinion": rec["opinion"],
        "disposal_idea": rec["disposal_idea"],
        "measures": _joined(rec["measures"]),
        "result": rec["result"],
    }


def _visit_row(rec: dict[str, Any], extra: dict[str, Any], seq: int, lk: Lookups) -> dict[str, Any]:
    return {
        **_common(rec, seq, lk),
        **_area(rec, lk),
        # Excel has no time zones: local China time, without tzinfo.
        "visited_at": rec["visited_at"].astimezone(CHINA_TZ).replace(tzinfo=None),
        "visit_type": rec["visit_type"].label,
        "place": rec["place"],
        "visitors": _joined(rec["visitors"]),
        "visited_party": rec["visited_party"],
        "visited_phone": lk.phone(rec["visited_phone"]),
        "content": rec["content"],
        "findings": rec["findings"],
        "public_requests": rec["public_requests"],
        "follow_up": rec["follow_up"],
        "materials": rec["materials_handed_out"],
        "people": rec["people_reached"],
        "clue_ledger_no": extra["clue_ledger_no"],
        "subject_name": extra["subject_name"],
        "record_status": rec["status"].label,
    }


RowFn = Callable[[dict[str, Any], dict[str, Any], int, Lookups], dict[str, Any]]


def _statement(section: Section, digests: bool) -> tuple[Select[Any], list[str], list[str], RowFn]:
    """The select, the names of the record's own and of the joined columns, and the row maker."""
    s = SubjectRecord
    if section == "surveys":
        own = _own_columns(SurveyRecord, digests)
        extras = {
            "subject_name": s.name,
            "subject_kind": s.kind,
            "credit_code": s.credit_code,
            "id_number": s.id_number,
            "legal_rep": s.legal_representative,
            "subject_phone": s.phone,
            "address": s.address,
        }
        base = select(*own, *extras.values()).join(s, SurveyRecord.subject_id == s.id)
        order = (SurveyRecord.survey_date, SurveyRecord.id)
        fn: RowFn = _survey_row
    elif section == "clues":
        own = _own_columns(ClueRecord, digests)
        extras = {"credit_code": s.credit_code, "id_number": s.id_number}
        base = select(*own, *extras.values()).outerjoin(s, ClueRecord.subject_id == s.id)
        order = (ClueRecord.received_date, ClueRecord.id)
        fn = _clue_row
    else:
        own = _own_columns(VisitRecord, digests)
        extras = {"clue_ledger_no": ClueRecord.ledger_no, "subject_name": s.name}
        base = (
            select(*own, *extras.values())
            .outerjoin(ClueRecord, VisitRecord.clue_id == ClueRecord.id)
            .outerjoin(s, VisitRecord.subject_id == s.id)
        )
        order = (VisitRecord.visited_at, VisitRecord.id)
        fn = _visit_row
    return base.order_by(*order), [c.name for c in own], list(extras), fn


def stream_rows(
    session: Session, section: Section, flt: ExportFilter, lookups: Lookups
) -> Iterator[dict[str, Any]]:
    """Yields one export row per record, oldest first, fetching `BATCH` rows at a time."""
    stmt, own_names, extra_names, make = _statement(section, lookups.digests)
    stmt = _filtered(stmt, section, flt).execution_options(yield_per=BATCH)
    n_own = len(own_names)
    for seq, row in enumerate(session.execute(stmt), start=1):
        values = tuple(row)
        rec = dict(zip(own_names, values[:n_own], strict=True))
        extra = dict(zip(extra_names, values[n_own:], strict=True))
        yield make(rec, extra, seq, lookups)
