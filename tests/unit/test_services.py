"""Service functions: validation at the boundary, one transaction per action, audit events in a hash chain."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from sqlalchemy import func, select, text

from models.audit import AuditEvent
from models.checks import InvalidRecordError
from models.clue_workflow import TransitionError
from models.enums import AuditAction, ClueEventKind, ClueStatus, DraftStatus, Level, Role
from models.records import ClueEventRecord, ClueRecord, SubjectRecord, SurveyRecord, VisitRecord
from storage.accounts import SignedIn
from storage.audit import verify_audit_chain
from storage.errors import PermissionDeniedError, StaleRevisionError
from storage.services import (
    Actor,
    create_record,
    finalize_record,
    restore_record,
    reveal_informant,
    soft_delete_record,
    transition_clue,
    update_record,
)


def count(signed: SignedIn, model: Any) -> int:
    with signed.db.reader() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def audit_actions(signed: SignedIn) -> list[tuple[str, str]]:
    with signed.db.reader() as session:
        rows = session.execute(select(AuditEvent.action, AuditEvent.record_type).order_by(AuditEvent.seq))
        return [(a.value, t) for a, t in rows]


def chain_ok(signed: SignedIn) -> bool:
    with signed.db.reader() as session:
        return verify_audit_chain(session) is None


def test_subject_is_normalised_flagged_and_audited(worker: SignedIn) -> None:
    sid = create_record(
        worker.db,
        worker.actor,
        "subject",
        {
            "kind": "natural_person",
            "name": " 刘建国 ",
            "id_number": "１１０１０５１９４９１２３１００２ｘ",  # full-width, lower-case x
            "phone": "138 0013 8000",
            "township_code": "141123100",
        },
    )
    with worker.db.reader() as session:
        subject = session.get_one(SubjectRecord, sid)
        assert (subject.name, subject.id_number, subject.phone) == (
            "刘建国",
            "11010519491231002X",
            "13800138000",
        )
        assert subject.origin == worker.actor.origin and subject.revision == 1
    assert audit_actions(worker) == [("create", "subject")]
    assert chain_ok(worker)


def test_restricted_words_are_flagged(worker: SignedIn, subject_id: uuid.UUID) -> None:
    with worker.db.reader() as session:
        assert session.get_one(SubjectRecord, subject_id).restricted_words == ["理财", "财富管理"]


def test_invalid_input_changes_nothing_and_names_every_field(worker: SignedIn) -> None:
    with pytest.raises(InvalidRecordError) as info:
        create_record(
            worker.db,
            worker.actor,
            "subject",
            {
                "kind": "enterprise",
                "name": "",
                "credit_code": "91350100M000100Y44",
                "township_code": "141123100",
            },
        )
    assert info.value.errors == {
        "name": "主体名称不能为空",
        "credit_code": "统一社会信用代码校验位错误，应为3",
    }
    with pytest.raises(InvalidRecordError, match="不在县级配置中"):
        create_record(
            worker.db,
            worker.actor,
            "subject",
            {"kind": "enterprise", "name": "某公司", "township_code": "999"},
        )
    assert count(worker, SubjectRecord) == 0
    assert count(worker, AuditEvent) == 0


def test_clue_gets_ledger_number_register_event_and_sealed_informant(
    worker: SignedIn, clue_values: dict[str, Any]
) -> None:
    cid = create_record(
        worker.db, worker.actor, "clue", clue_values, informant={"name": "举报人甲", "phone": "13911112222"}
    )
    with worker.db.reader() as session:
        clue = session.get_one(ClueRecord, cid)
        assert clue.ledger_no == f"141123100001-01-{dt.date.today().year}-0001"
        assert clue.subject_name == "兴县鑫源财富管理咨询有限公司"
        assert clue.status is ClueStatus.REGISTERED
        assert clue.informant_sealed is not None and "举报人甲".encode() not in clue.informant_sealed
        events = session.scalars(select(ClueEventRecord).where(ClueEventRecord.clue_id == cid)).all()
        assert [e.kind for e in events] == [ClueEventKind.REGISTER]
        audit = session.scalars(select(AuditEvent).where(AuditEvent.record_id == cid)).one()
        assert audit.changes["informant"] == "<已加密>" and "举报人甲" not in str(audit.changes)


def test_informant_is_revealed_only_to_roles_that_may_see_it(
    worker: SignedIn, clue_values: dict[str, Any]
) -> None:
    cid = create_record(worker.db, worker.actor, "clue", clue_values, informant={"name": "举报人甲"})
    assert reveal_informant(worker.db, worker.actor, cid) == {
        "name": "举报人甲"
    }  # the worker who registered it
    stranger = Actor(uuid.uuid4(), "旁人", "旁人", Role.WORKER, worker.actor.origin, Level.GRID, "x")
    with pytest.raises(PermissionDeniedError, match="保密"):
        reveal_informant(worker.db, stranger, cid)
    assert audit_actions(worker)[-1] == (AuditAction.REVEAL.value, "clue")


def test_whole_life_of_a_clue(worker: SignedIn, clue_values: dict[str, Any]) -> None:
    cid = create_record(worker.db, worker.actor, "clue", clue_values)
    day = dt.date(2025, 3, 2)
    steps: list[tuple[ClueEventKind, dict[str, Any], ClueStatus]] = [
        (ClueEventKind.START_VERIFY, {}, ClueStatus.VERIFYING),
        (
            ClueEventKind.JUDGE,
            {"opinion": "涉嫌非法集资", "disposal_idea": "约谈并责令清退"},
            ClueStatus.JUDGED,
        ),
        (ClueEventKind.DISPOSE, {"measures": ["警示约谈"]}, ClueStatus.DISPOSING),
        (ClueEventKind.DISPOSE, {"measures": ["责令监督清退", "警示约谈"]}, ClueStatus.DISPOSING),
        (ClueEventKind.CLOSE, {"result": "资金已全部清退"}, ClueStatus.CLOSED),
        (ClueEventKind.FOLLOW_UP, {"finding": "未再发现集资活动"}, ClueStatus.CLOSED),
    ]
    for kind, facts, expected in steps:
        assert transition_clue(worker.db, worker.actor, cid, kind, facts, on_date=day) is expected
    with worker.db.reader() as session:
        clue = session.get_one(ClueRecord, cid)
        assert clue.measures == ["警示约谈", "责令监督清退"]
        assert (clue.result, clue.revision) == ("资金已全部清退", 7)
        kinds = session.scalars(
            select(ClueEventRecord.kind)
            .where(ClueEventRecord.clue_id == cid)
            .order_by(ClueEventRecord.occurred_at)
        ).all()
    assert kinds == [ClueEventKind.REGISTER, *[k for k, _, _ in steps]]
    assert chain_ok(worker)


def test_forbidden_step_changes_nothing(worker: SignedIn, clue_values: dict[str, Any]) -> None:
    cid = create_record(worker.db, worker.actor, "clue", clue_values)
    before = count(worker, AuditEvent)
    with pytest.raises(TransitionError, match="不能进行“办结”"):
        transition_clue(worker.db, worker.actor, cid, ClueEventKind.CLOSE, {"result": "x"})
    with pytest.raises(InvalidRecordError, match="不能早于上一步"):
        transition_clue(
            worker.db, worker.actor, cid, ClueEventKind.START_VERIFY, {}, on_date=dt.date(2025, 1, 1)
        )
    assert count(worker, AuditEvent) == before
    assert count(worker, ClueEventRecord) == 1


def test_update_makes_a_revision_with_a_field_diff(worker: SignedIn, subject_id: uuid.UUID) -> None:
    rev = update_record(
        worker.db, worker.actor, "subject", subject_id, {"address": "蔚汾镇西街2号"}, expected_revision=1
    )
    assert rev == 2
    assert (
        update_record(worker.db, worker.actor, "subject", subject_id, {"address": "蔚汾镇西街2号"}) == 2
    )  # no-op
    with worker.db.reader() as session:
        event = session.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc())).first()
    assert event is not None and event.changes == {"address": ["蔚汾镇东关街18号", "蔚汾镇西街2号"]}
    with pytest.raises(StaleRevisionError):
        update_record(
            worker.db, worker.actor, "subject", subject_id, {"address": "别处"}, expected_revision=1
        )


def _visit(subject_id: uuid.UUID) -> dict[str, Any]:
    return {
        "visited_at": dt.datetime(2025, 4, 2, 2, 30, tzinfo=dt.UTC),
        "visit_type": "interview",
        "visitors": ["张伟", "李强"],
        "visited_party": "兴县鑫源财富管理咨询有限公司",
        "content": "宣讲防非条例，了解资金往来。",
        "materials_handed_out": 20,
        "people_reached": 15,
        "subject_id": subject_id,
        "township_code": "141123100",
    }


def test_finalised_record_needs_a_reason_to_change(worker: SignedIn, subject_id: uuid.UUID) -> None:
    vid = create_record(worker.db, worker.actor, "visit", _visit(subject_id))
    finalize_record(worker.db, worker.actor, "visit", vid)
    with pytest.raises(InvalidRecordError, match="修改需填写原因"):
        update_record(worker.db, worker.actor, "visit", vid, {"people_reached": 30})
    assert (
        update_record(worker.db, worker.actor, "visit", vid, {"people_reached": 30}, reason="补录人数") == 3
    )
    with worker.db.reader() as session:
        visit = session.get_one(VisitRecord, vid)
        assert (visit.status, visit.people_reached) == (DraftStatus.FINAL, 30)
        assert (
            session.scalars(select(AuditEvent.reason).order_by(AuditEvent.seq.desc())).first() == "补录人数"
        )


def test_visit_needs_two_visitors(worker: SignedIn, subject_id: uuid.UUID) -> None:
    with pytest.raises(InvalidRecordError, match="走访人至少需要2项"):
        create_record(worker.db, worker.actor, "visit", {**_visit(subject_id), "visitors": ["张伟"]})


def test_survey_refuses_future_date_and_negative_amount(worker: SignedIn, subject_id: uuid.UUID) -> None:
    values = {
        "subject_id": subject_id,
        "survey_date": dt.date.today() + dt.timedelta(days=3),
        "screeners": ["张伟"],
        "estimated_amount_fen": -5,
        "township_code": "141123100",
    }
    with pytest.raises(InvalidRecordError) as info:
        create_record(worker.db, worker.actor, "survey", values)
    assert info.value.errors == {
        "survey_date": "排查日期不能晚于今天",
        "estimated_amount_fen": "涉及金额不能为负数",
    }
    assert count(worker, SurveyRecord) == 0


def test_soft_delete_and_restore(worker: SignedIn, subject_id: uuid.UUID) -> None:
    with pytest.raises(InvalidRecordError, match="原因"):
        soft_delete_record(worker.db, worker.actor, "subject", subject_id, " ")
    soft_delete_record(worker.db, worker.actor, "subject", subject_id, "重复登记")
    with worker.db.reader() as session:
        assert session.get_one(SubjectRecord, subject_id).is_deleted
    with pytest.raises(PermissionDeniedError, match="回收站"):
        update_record(worker.db, worker.actor, "subject", subject_id, {"address": "x"})
    restore_record(worker.db, worker.actor, "subject", subject_id, "误删")
    with worker.db.reader() as session:
        assert not session.get_one(SubjectRecord, subject_id).is_deleted
    assert [a for a, _ in audit_actions(worker)] == ["create", "delete", "restore"]


def test_records_of_another_installation_are_not_overwritten(worker: SignedIn, subject_id: uuid.UUID) -> None:
    liaison = Actor(uuid.uuid4(), "李娜", "李娜", Role.LIAISON, uuid.uuid4(), Level.TOWNSHIP, "141123100")
    with pytest.raises(PermissionDeniedError, match="其他终端"):
        update_record(worker.db, liaison, "subject", subject_id, {"address": "x"})


def test_tampering_with_an_audit_row_is_found_and_named(worker: SignedIn, subject_id: uuid.UUID) -> None:
    update_record(worker.db, worker.actor, "subject", subject_id, {"address": "蔚汾镇西街2号"})
    update_record(worker.db, worker.actor, "subject", subject_id, {"address": "蔚汾镇北街3号"})
    assert chain_ok(worker)
    with worker.db.writer() as session:
        session.execute(text("UPDATE audit_event SET actor = '王五' WHERE seq = 2"))
    with worker.db.reader() as session:
        broken = verify_audit_chain(session)
    assert (
        broken is not None and broken.seq == 2 and "被改动" in str(broken) and str(subject_id) in str(broken)
    )


def test_deleting_an_audit_row_is_found(worker: SignedIn, subject_id: uuid.UUID) -> None:
    update_record(worker.db, worker.actor, "subject", subject_id, {"address": "蔚汾镇西街2号"})
    update_record(worker.db, worker.actor, "subject", subject_id, {"address": "蔚汾镇北街3号"})
    with worker.db.writer() as session:
        session.execute(text("DELETE FROM audit_event WHERE seq = 2"))
    with worker.db.reader() as session:
        broken = verify_audit_chain(session)
    assert broken is not None and broken.seq == 2 and "删除" in str(broken)
