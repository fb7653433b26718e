"""Records as exports read them: filters, labels, masking, soft deletion, digests. Also provides
`make_records`, the small set of records the workbook and PDF tests export."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import select

from exports.context import CHINA_TZ, ExportFilter, Section
from exports.fingerprint import canonical_json, qr_payload, record_digest
from exports.queries import count_records, load_lookups, stream_rows
from models.enums import ClueEventKind
from models.records import VisitRecord
from models.validators import resident_id_check_digit
from storage.accounts import SignedIn
from storage.services import create_record, jsonable, soft_delete_record, transition_clue, update_record

ID_BODY = "14112319800101123"
RESIDENT_ID = ID_BODY + resident_id_check_digit(ID_BODY)
VISIT_PHONE = "13912345678"
INFORMANT = {"name": "李举报", "phone": "13700001111"}
FORMULA = '=HYPERLINK("http://example.invalid","点击")'


@dataclass(frozen=True)
class Records:
    enterprise: uuid.UUID
    person: uuid.UUID
    surveys: list[uuid.UUID]
    clue: uuid.UUID
    visits: list[uuid.UUID]
    deleted_visit: uuid.UUID


def make_records(signed: SignedIn, subject_id: Any, clue_values: dict[str, Any]) -> Records:
    """Two subjects (an enterprise and a natural person), two surveys, one clue in 处置中 with an
    informant, three visits and one deleted visit, all in 蔚汾镇 and all through the services."""
    db, actor = signed.db, signed.actor
    person = create_record(
        db,
        actor,
        "subject",
        {
            "kind": "natural_person",
            "name": "赵某某",
            "id_number": RESIDENT_ID,
            "phone": "13698765432",
            "township_code": "141123100",
        },
    )
    surveys = [
        create_record(
            db,
            actor,
            "survey",
            {
                "subject_id": subject_id,
                "survey_date": dt.date(2025, 2, 20),
                "screeners": ["张伟", "李娜"],
                "methods": ["实地走访"],
                "key_domains": ["理财"],
                "four_features": ["公开宣传(公开性)"],
                "estimated_participants": 40,
                "estimated_amount_fen": 1_234_567_89,
                "risk_level": "high",
                "conclusion": "存在以高息诱导老年人购买理财产品的风险，建议立案核查。",
                "township_code": "141123100",
            },
        ),
        create_record(
            db,
            actor,
            "survey",
            {
                "subject_id": person,
                "survey_date": dt.date(2025, 2, 25),
                "screeners": ["张伟"],
                "risk_level": "low",
                "conclusion": FORMULA,
                "township_code": "141123100",
            },
        ),
    ]
    clue = create_record(db, actor, "clue", clue_values, informant=INFORMANT)
    transition_clue(db, actor, clue, ClueEventKind.START_VERIFY, {}, on_date=dt.date(2025, 3, 2))
    judged = {"opinion": "涉嫌非法吸收公众存款", "disposal_idea": "约谈并责令清退"}
    transition_clue(db, actor, clue, ClueEventKind.JUDGE, judged, on_date=dt.date(2025, 3, 5))
    transition_clue(
        db, actor, clue, ClueEventKind.DISPOSE, {"measures": ["警示约谈"]}, on_date=dt.date(2025, 3, 6)
    )

    def visit(day: int, content: str) -> uuid.UUID:
        return create_record(
            db,
            actor,
            "visit",
            {
                "visited_at": dt.datetime(2025, 3, day, 9, 30, tzinfo=CHINA_TZ),
                "visit_type": "interview",
                "visitors": ["张伟", "李娜"],
                "visited_party": "兴县鑫源财富管理咨询有限公司",
                "visited_phone": VISIT_PHONE,
                "place": "蔚汾镇东关街18号",
                "content": content,
                "findings": "店内张贴年化18%理财海报",
                "public_requests": "希望多宣传",
                "follow_up": "一个月后回头看",
                "materials_handed_out": 12,
                "people_reached": 35,
                "clue_id": clue,
                "township_code": "141123100",
            },
        )

    visits = [
        visit(d, f"第{n}次走访：宣讲《防范和处置非法集资条例》") for n, d in enumerate((3, 4, 5), start=1)
    ]
    deleted = visit(6, "这条走访记录已删除")
    soft_delete_record(db, actor, "visit", deleted, "重复录入")
    return Records(subject_id, person, surveys, clue, visits, deleted)


@pytest.fixture
def records(worker: SignedIn, subject_id: Any, clue_values: dict[str, Any]) -> Records:
    return make_records(worker, subject_id, clue_values)


def rows(
    signed: SignedIn, section: Section, flt: ExportFilter | None = None, **kw: Any
) -> list[dict[str, Any]]:
    options = {"unmasked": False, "digests": True, **kw}
    with signed.db.reader() as session:
        lookups = load_lookups(session, today=dt.date(2025, 6, 1), **options)
        return list(stream_rows(session, section, flt or ExportFilter(), lookups))


def test_rows_carry_labels_not_codes(worker: SignedIn, records: Records) -> None:
    (clue,) = rows(worker, "clues")
    assert clue["township"] == "蔚汾镇"
    assert clue["status"] == "处置中"
    assert clue["measures"] == "警示约谈"
    assert clue["key_domains"] == "理财、养老"
    assert clue["amount"] == 215_000.0
    assert clue["overdue"] == "逾期"  # deadline 2025-04-30, still 处置中 on 2025-06-01
    survey = rows(worker, "surveys")[0]
    assert (survey["risk_level"], survey["subject_kind"], survey["record_status"]) == (
        "高风险",
        "企业",
        "草稿",
    )
    visit = rows(worker, "visits")[0]
    assert visit["visit_type"] == "走访约谈"
    assert visit["clue_ledger_no"] == clue["ledger_no"]
    assert visit["visited_at"] == dt.datetime(2025, 3, 3, 9, 30)  # local time, no tzinfo for Excel


def test_identifiers_are_masked_unless_asked(worker: SignedIn, records: Records) -> None:
    masked = rows(worker, "surveys")[1]
    assert masked["subject_code"] == RESIDENT_ID[:4] + "*" * 10 + RESIDENT_ID[-4:]
    assert masked["subject_phone"] == "136****5432"
    assert rows(worker, "visits")[0]["visited_phone"] == "139****5678"
    full = rows(worker, "surveys", unmasked=True)[1]
    assert (full["subject_code"], full["subject_phone"]) == (RESIDENT_ID, "13698765432")


def test_the_informant_is_never_read(worker: SignedIn, records: Records) -> None:
    for section in ("surveys", "clues", "visits"):
        for row in rows(worker, section):
            assert INFORMANT["name"] not in repr(row)
            assert "informant_sealed" not in row


def test_deleted_records_and_filters(worker: SignedIn, records: Records) -> None:
    assert [r["id"] for r in rows(worker, "visits")] == records.visits
    by_day = ExportFilter(date_from=dt.date(2025, 3, 4), date_to=dt.date(2025, 3, 4))
    assert [r["id"] for r in rows(worker, "visits", by_day)] == [records.visits[1]]
    assert rows(worker, "clues", ExportFilter(township="141123101")) == []
    assert [
        r["id"] for r in rows(worker, "surveys", ExportFilter(date_to=dt.date(2025, 2, 21)))
    ] == records.surveys[:1]
    picked = ExportFilter(record_ids={records.visits[2], records.deleted_visit, uuid.uuid4()})
    assert [r["id"] for r in rows(worker, "visits", picked)] == [records.visits[2]]
    with worker.db.reader() as session:
        assert count_records(session, "visits", ExportFilter()) == 3
        assert count_records(session, "visits", picked) == 1


def test_a_large_selection_is_not_limited_by_sqlite_parameters(worker: SignedIn, records: Records) -> None:
    many = {uuid.uuid4() for _ in range(40_000)} | set(records.visits)
    assert len(rows(worker, "visits", ExportFilter(record_ids=many))) == 3


def test_digest_covers_the_stored_record_and_changes_with_it(worker: SignedIn, records: Records) -> None:
    visit_id = records.visits[0]
    with worker.db.reader() as session:
        table = VisitRecord.__table__
        stored = session.execute(select(table).where(table.c.id == visit_id)).mappings().one()
    expected = record_digest(dict(stored))
    assert rows(worker, "visits")[0]["digest"] == expected
    assert len(expected) == 12 and int(expected, 16) >= 0
    # The fast encoder writes what json.dumps(jsonable(...)) would.
    assert canonical_json(dict(stored)) == canonical_json({k: jsonable(v) for k, v in stored.items()})
    update_record(worker.db, worker.actor, "visit", visit_id, {"follow_up": "两周后回头看"})
    assert rows(worker, "visits")[0]["digest"] != expected
    assert rows(worker, "visits", digests=False)[0]["digest"] is None


def test_qr_payload_is_short_upper_case() -> None:
    assert qr_payload("V", ["0a1b2c3d4e5f"]) == "GL1:V:0A1B2C3D4E5F"
    assert qr_payload("c", ["aa", "bb"]) == "GL1:C:AA.BB"
