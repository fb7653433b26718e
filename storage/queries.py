"""Read-only queries for the desk: paged lists with filters, search and counts, and dashboard figures.

Lists never load everything: one page (LIMIT/OFFSET) at a time, in an order SQLite computes from an index.
Search: FTS5 trigram tables for 3+ characters, name indexes for 1–2 (see _text_match and _probe).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, Table, and_, false, func, literal_column, or_, select, text
from sqlalchemy.orm import Session

from models.accounts import Installation
from models.enums import TERMINAL_CLUE_STATUSES, ClueStatus
from models.records import ClueEventRecord, ClueRecord, SubjectRecord, SurveyRecord, VisitRecord
from models.reference import ReportingDeadline

PAGE_SIZE = 200
OPEN_STATUSES = [s.value for s in ClueStatus if s not in TERMINAL_CLUE_STATUSES]
MIN_TRIGRAM = 3
PROBE_ROWS = 1500
FEW_HITS = 1000

SUBJECT: Table = SubjectRecord.__table__  # type: ignore[assignment]
SURVEY: Table = SurveyRecord.__table__  # type: ignore[assignment]
CLUE: Table = ClueRecord.__table__  # type: ignore[assignment]
VISIT: Table = VisitRecord.__table__  # type: ignore[assignment]
TABLES = (SUBJECT, SURVEY, CLUE, VISIT)


@dataclass(frozen=True)
class ListFilter:
    """What the user narrowed a list to. Empty fields do not filter."""

    township_code: str | None = None
    village_code: str | None = None
    grid_code: str | None = None
    status: str | None = None
    risk_level: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    key_domain: str | None = None
    overdue: bool = False
    search: str = ""
    today: dt.date | None = None


@dataclass(frozen=True)
class ListSpec:
    """How one record type is listed: its table, the columns a list shows, and what it searches."""

    record_type: str
    table: Table
    columns: tuple[str, ...]
    date_column: str
    default_sort: str
    fts: str | None
    search_columns: tuple[str, ...]


def _spec(record_type: str, table: Table, columns: str, dates: str, sort: str, search: str) -> ListSpec:
    fts = f"fts_{record_type}" if record_type in ("clue", "subject", "visit") else None
    return ListSpec(record_type, table, tuple(columns.split()), dates, sort, fts, tuple(search.split()))


# Per type: the columns a list shows, its date column (date filter), default sort, and searched columns.
SPECS: dict[str, ListSpec] = {
    "clue": _spec(
        "clue",
        CLUE,
        "ledger_no received_date subject_name source township_code amount_fen key_domains status deadline",
        "received_date",
        "received_date",
        "ledger_no subject_name facts",
    ),
    "subject": _spec(
        "subject",
        SUBJECT,
        "name kind credit_code id_number legal_representative phone township_code restricted_words status",
        "created_at",
        "name",
        "name address credit_code",
    ),
    "survey": _spec(
        "survey",
        SURVEY,
        "survey_date subject_id township_code risk_level methods key_domains status",
        "survey_date",
        "survey_date",
        "subject_name",
    ),
    "visit": _spec(
        "visit",
        VISIT,
        "visited_at visit_type visited_party place visitors township_code materials_handed_out "
        "people_reached status",
        "visited_at",
        "visited_at",
        "visited_party place content",
    ),
}

EXTRA_SORT = {"survey": ("subject_name",)}  # sortable besides the shown columns: a survey's subject name


def fts_phrase(text_: str) -> str:
    """A MATCH expression that finds `text_` as a literal substring (quotes doubled, wrapped as a phrase)."""
    return '"' + text_.replace('"', '""') + '"'


def _escape_like(text_: str) -> str:
    return text_.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _rowids(table: Table, query: str, **params: Any) -> ColumnElement[bool]:
    """Rows of `table` whose rowid the SQL `query` (selecting rowids) returns."""
    sub = text(query).bindparams(**params).columns(literal_column("rowid"))
    return literal_column(f"{table.name}.rowid").in_(sub)


def _text_match(spec: ListSpec, table: Table, needle: str) -> ColumnElement[bool]:
    """Rows whose searched columns contain `needle`, by an index wherever there is one."""
    if spec.fts is None:
        raise ValueError(f"{spec.record_type} has no text index")
    if len(needle) >= MIN_TRIGRAM:
        match = f"SELECT rowid FROM {spec.fts} WHERE {spec.fts} MATCH :m"
        return _rowids(table, match, m=fts_phrase(needle))
    pattern = f"%{_escape_like(needle)}%"
    # One or two characters are almost always part of a name (张伟). Trigrams cannot find them; the name
    # indexes can (a scan of a small covering index instead of the whole table). Other fields are searched
    # for short text only among the newest rows (see _probe).
    if spec.record_type == "subject":
        return _rowids(SUBJECT, "SELECT rowid FROM subject WHERE name LIKE :p ESCAPE '\\'", p=pattern)
    if spec.record_type == "clue":
        return _rowids(
            CLUE,
            "SELECT rowid FROM clue WHERE subject_id IN (SELECT id FROM subject WHERE rowid IN "
            "(SELECT rowid FROM subject WHERE name LIKE :p ESCAPE '\\')) "
            "UNION ALL SELECT rowid FROM clue WHERE subject_id IS NULL AND subject_name LIKE :p ESCAPE '\\'",
            p=pattern,
        )
    return or_(*(table.c[name].like(pattern, escape="\\") for name in spec.search_columns))


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)


def _conditions(spec: ListSpec, flt: ListFilter) -> list[ColumnElement[bool]]:
    table = spec.table
    conds: list[ColumnElement[bool]] = [table.c.deleted_at.is_(None)]
    for name in ("township_code", "village_code", "grid_code"):
        value = getattr(flt, name)
        if value:
            conds.append(table.c[name] == value)
    if flt.status and "status" in table.c:
        conds.append(table.c.status == flt.status)
    if flt.risk_level:
        conds.append(table.c.risk_level == flt.risk_level if "risk_level" in table.c else false())
    date_col, timed = table.c[spec.date_column], spec.date_column in ("visited_at", "created_at")
    if flt.date_from:
        conds.append(date_col >= (_midnight(flt.date_from) if timed else flt.date_from))
    if flt.date_to:
        end = flt.date_to + dt.timedelta(days=1)
        conds.append(date_col < _midnight(end) if timed else date_col < end)
    if flt.key_domain:
        if "key_domains" in table.c:
            each = func.json_each(table.c.key_domains).table_valued("value")
            conds.append(select(each.c.value).where(each.c.value == flt.key_domain).exists())
        else:
            conds.append(false())
    if flt.overdue:
        if spec.record_type == "clue":
            today = flt.today or dt.date.today()
            conds.append(
                and_(
                    table.c.deadline < today,
                    # "+status": keeps SQLite walking the list's own order (most rows are overdue or
                    # near it) instead of sorting every overdue clue found through the status index.
                    literal_column("+clue.status").in_(OPEN_STATUSES),
                )
            )
        else:
            conds.append(false())
    needle = flt.search.strip()
    if needle:
        if spec.record_type == "survey":
            subject_ids = select(SUBJECT.c.id).where(_text_match(SPECS["subject"], SUBJECT, needle))
            conds.append(table.c.subject_id.in_(subject_ids))
        else:
            conds.append(_text_match(spec, table, needle))
    return conds


def sortable_columns(record_type: str) -> tuple[str, ...]:
    return SPECS[record_type].columns + EXTRA_SORT.get(record_type, ())


def _base_select(spec: ListSpec) -> Select[Any]:
    table = spec.table
    cols: list[Any] = [table.c.id, *(table.c[c] for c in spec.columns)]
    if spec.record_type == "survey":
        name = select(SUBJECT.c.name).where(SUBJECT.c.id == table.c.subject_id).scalar_subquery()
        cols.append(name.label("subject_name"))
    return select(*cols)


def list_page(
    session: Session,
    record_type: str,
    flt: ListFilter,
    *,
    sort: str | None = None,
    descending: bool = True,
    offset: int = 0,
    limit: int = PAGE_SIZE,
) -> list[dict[str, Any]]:
    """One page of rows (dicts of column values, with `id`), filtered and sorted in SQL."""
    spec = SPECS[record_type]
    sort = sort or spec.default_sort
    if sort not in sortable_columns(record_type):
        raise ValueError(f"cannot sort {record_type} by {sort!r}")
    needle = flt.search.strip()
    if needle and spec.search_columns and not _few_hits(session, spec, needle):
        rows = _probe(session, spec, flt, sort, descending, offset, limit)
        if rows is not None:
            return rows
    stmt = _base_select(spec).where(*_conditions(spec, flt)).order_by(*_order(spec, sort, descending))
    return [dict(row) for row in session.execute(stmt.offset(offset).limit(limit)).mappings()]


def _order(spec: ListSpec, sort: str, descending: bool, inner: Any = None) -> tuple[Any, Any]:
    """The sort column then the rowid (a stable order for paging), of the table or of a subquery."""
    if inner is not None:
        column, tiebreak = inner.c[sort], inner.c.row_no
    else:
        column = literal_column("subject_name") if sort == "subject_name" else spec.table.c[sort]
        tiebreak = literal_column(f"{spec.table.name}.rowid")
    return (column.desc(), tiebreak.desc()) if descending else (column.asc(), tiebreak.asc())


def _few_hits(session: Session, spec: ListSpec, needle: str) -> bool:
    """Whether the trigram index finds the text in only a few rows (then it is the fastest way)."""
    if spec.fts is None or len(needle) < MIN_TRIGRAM:
        return False
    sub = text(f"SELECT rowid FROM {spec.fts} WHERE {spec.fts} MATCH :needle LIMIT :most").bindparams(
        needle=fts_phrase(needle), most=FEW_HITS
    )
    hits = session.scalar(select(func.count()).select_from(sub.columns(literal_column("rowid")).subquery()))
    return int(hits or 0) < FEW_HITS


def _probe(
    session: Session, spec: ListSpec, flt: ListFilter, sort: str, descending: bool, offset: int, limit: int
) -> list[dict[str, Any]] | None:
    """A common search word fills the first screen from the newest rows: look for it with LIKE among the
    first few thousand rows in list order, and use the index only when that does not fill the page.
    (Matching a frequent phrase through the trigram index costs hundreds of milliseconds on 200,000 rows;
    reading the first rows in order costs a few.)"""
    window = max(PROBE_ROWS, 10 * (offset + limit))
    table = spec.table
    plain = ListFilter(**{**flt.__dict__, "search": ""})
    base = _base_select(spec)
    shown = [c.name for c in base.selected_columns]
    extra = [table.c[n] for n in spec.search_columns if n not in shown]
    inner = (
        base.add_columns(*extra, literal_column(f"{table.name}.rowid").label("row_no"))
        .where(*_conditions(spec, plain))
        .order_by(*_order(spec, sort, descending))
        .limit(window)
        .subquery()
    )
    pattern = f"%{_escape_like(flt.search.strip())}%"
    stmt = (
        select(*(inner.c[name] for name in shown))
        .where(or_(*(inner.c[name].like(pattern, escape="\\") for name in spec.search_columns)))
        .order_by(*_order(spec, sort, descending, inner))
        .offset(offset)
        .limit(limit)
    )
    rows = [dict(row) for row in session.execute(stmt).mappings()]
    if len(rows) == limit:
        return rows
    # Fewer: exact only when the window held every row of the table (a small ledger).
    highest = int(session.scalar(select(func.max(literal_column("rowid"))).select_from(table)) or 0)
    return rows if highest < window else None


def count_rows(session: Session, record_type: str, flt: ListFilter) -> int:
    spec = SPECS[record_type]
    stmt = select(func.count()).select_from(spec.table).where(*_conditions(spec, flt))
    return int(session.scalar(stmt) or 0)


def changes_since(session: Session, when: dt.datetime | None = None) -> int:
    """Records created or changed after `when` (what the next bundle would carry); `None`: since this
    installation was set up (until bundles record when they were made)."""
    since = (
        when or session.scalar(select(func.min(Installation.created_at))) or _midnight(dt.date(1970, 1, 1))
    )
    return sum(int(session.scalar(select(func.count()).where(t.c.updated_at > since)) or 0) for t in TABLES)


@dataclass(frozen=True)
class Dashboard:
    counts: dict[str, int]
    clue_status_counts: dict[str, int]
    overdue: list[dict[str, Any]]
    overdue_total: int
    deadlines: list[tuple[str, dt.date | None, str | None]]


def dashboard(session: Session, today: dt.date, overdue_limit: int = 20) -> Dashboard:
    counts = {
        name: int(session.scalar(select(func.count()).where(t.c.deleted_at.is_(None))) or 0)
        for name, t in (("subject", SUBJECT), ("survey", SURVEY), ("visit", VISIT))
    }
    # Clue figures come from the (status, deadline) index alone, minus the few soft-deleted clues: asking
    # "not deleted" of every row would read the whole table at random (seconds on 200,000 clues).
    by_status: dict[str, int] = {
        str(status): int(n)
        for status, n in session.execute(select(CLUE.c.status, func.count()).group_by(CLUE.c.status))
    }
    overdue_total = int(
        session.scalar(select(func.count()).where(CLUE.c.status.in_(OPEN_STATUSES), CLUE.c.deadline < today))
        or 0
    )
    for status, deadline in session.execute(
        select(CLUE.c.status, CLUE.c.deadline).where(CLUE.c.deleted_at.is_not(None))
    ):
        by_status[str(status)] -= 1
        if str(status) in OPEN_STATUSES and deadline is not None and deadline < today:
            overdue_total -= 1
    by_status = {k: v for k, v in by_status.items() if v > 0}
    counts["clue"] = sum(by_status.values())
    # One query per open status walks the (status, deadline) index in order; one query over all of them
    # would sort every overdue clue first.
    overdue: list[dict[str, Any]] = []
    for status in ClueStatus:
        if status not in TERMINAL_CLUE_STATUSES:
            one = ListFilter(overdue=True, today=today, status=status.value)
            overdue += list_page(session, "clue", one, sort="deadline", descending=False, limit=overdue_limit)
    overdue = sorted(overdue, key=lambda r: (r["deadline"], r["ledger_no"]))[:overdue_limit]
    deadlines = [
        (d.what, d.due_on, d.recurrence)
        for d in session.scalars(select(ReportingDeadline).order_by(ReportingDeadline.id))
    ]
    return Dashboard(counts, by_status, overdue, overdue_total, deadlines)


@dataclass(frozen=True)
class SubjectMatches:
    """Existing subjects a new one may duplicate: same identifier (the same subject), or same phone and a
    similar name (probably the same, worth a warning)."""

    same_identifier: list[dict[str, Any]]
    similar: list[dict[str, Any]]


def subject_matches(
    session: Session,
    *,
    credit_code: str | None = None,
    id_number: str | None = None,
    name: str | None = None,
    phone: str | None = None,
    exclude: uuid.UUID | None = None,
) -> SubjectMatches:
    spec = SPECS["subject"]
    live: list[ColumnElement[bool]] = [SUBJECT.c.deleted_at.is_(None)]
    if exclude is not None:
        live.append(SUBJECT.c.id != exclude)
    same: list[dict[str, Any]] = []
    idents = [SUBJECT.c[c] == v for c, v in (("credit_code", credit_code), ("id_number", id_number)) if v]
    if idents:
        stmt = _base_select(spec).where(*live, or_(*idents)).limit(10)
        same = [dict(r) for r in session.execute(stmt).mappings()]
    similar: list[dict[str, Any]] = []
    name = (name or "").strip()
    if (
        phone and name
    ):  # similar: one name contains the other, or they begin alike (兴县鑫源… / 兴县鑫源财富…)
        stmt = _base_select(spec).where(*live, SUBJECT.c.phone == phone).limit(50)
        seen = {s["id"] for s in same}
        for r in session.execute(stmt).mappings():
            if (name in r["name"] or r["name"] in name or name[:4] == r["name"][:4]) and r["id"] not in seen:
                similar.append(dict(r))
    return SubjectMatches(same, similar)


def clue_events(session: Session, clue_id: uuid.UUID) -> list[dict[str, Any]]:
    """A clue's timeline, oldest first."""
    table: Table = ClueEventRecord.__table__  # type: ignore[assignment]
    stmt = select(table).where(table.c.clue_id == clue_id).order_by(table.c.occurred_at, table.c.id)
    return [dict(r) for r in session.execute(stmt).mappings()]
