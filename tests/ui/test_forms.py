"""Forms drive the real services: create, validate as you type, save, finalise, edit with a reason."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from models.audit import AuditEvent
from models.enums import DraftStatus
from models.records import ClueRecord, SubjectRecord, SurveyRecord, VisitRecord
from storage.drafts import load_drafts
from ui.context import DeskContext
from ui.forms.kinds import ClueForm, SubjectForm, SurveyForm, VisitForm
from ui.forms.record_form import RecordForm


def type_into(form: RecordForm, name: str, value: Any) -> None:
    """What a user does: change a field (Chinese through set_value, never keyClicks)."""
    form.fields[name].set_value(value)


def error_of(form: RecordForm, name: str) -> str:
    label = form.error_labels[name]
    return label.text() if label.isVisibleTo(form) else ""


def test_subject_wrong_id_number_is_refused_with_its_reason(qtbot: QtBot, ctx: DeskContext) -> None:
    form = SubjectForm(ctx)
    qtbot.addWidget(form)
    form.show()
    type_into(form, "kind", "natural_person")
    type_into(form, "name", "刘建国")
    type_into(form, "id_number", "110105194912310021")  # wrong check digit
    assert "校验" in error_of(form, "id_number")
    assert error_of(form, "phone") == ""  # untouched fields stay quiet
    assert not form.save()
    assert form.record_id is None
    type_into(form, "id_number", "11010519491231002X")
    assert error_of(form, "id_number") == ""
    assert form.save()
    with ctx.db.reader() as s:
        subject = s.get_one(SubjectRecord, form.record_id)
        assert subject.id_number == "11010519491231002X" and subject.township_code == "141123100"
    assert not form.dirty and form.attachments is not None


def test_subject_duplicates_and_restricted_words(
    qtbot: QtBot, ctx: DeskContext, subject_id: uuid.UUID
) -> None:
    form = SubjectForm(ctx)
    qtbot.addWidget(form)
    form.show()
    type_into(form, "kind", "enterprise")
    type_into(form, "name", "兴县恒信理财服务部")
    assert "理财" in form.flag.text() and form.flag.isVisibleTo(form)
    type_into(form, "credit_code", "91350100M000100Y43")
    assert form.existing_id == subject_id and form.use_button.isVisibleTo(form)
    type_into(form, "credit_code", "")
    type_into(form, "name", "兴县鑫源财富")
    type_into(form, "phone", "13912345678")
    assert form.existing_id is None and "鑫源" in form.duplicate.text()
    type_into(form, "credit_code", "91350100M000100Y43")
    with qtbot.waitSignal(form.use_existing) as blocker:
        form.use_button.click()
    assert blocker.args == [subject_id] and form.chosen_id() == subject_id


def test_survey_save_finalise_and_edit_with_a_reason(
    qtbot: QtBot, ctx: DeskContext, subject_id: uuid.UUID, monkeypatch: pytest.MonkeyPatch
) -> None:
    form = SurveyForm(ctx)
    qtbot.addWidget(form)
    form.show()
    assert form.fields["screeners"].value() == ["张伟"]
    type_into(form, "screeners", "")
    assert not form.save() and "排查人员" in error_of(form, "screeners")
    type_into(form, "screeners", "张伟、李娜")
    form.fields["subject_id"].set_value(subject_id)
    type_into(form, "survey_date", dt.date(2025, 3, 2))
    type_into(form, "methods", ["线下排查"])
    type_into(form, "key_domains", ["理财", "养老"])
    type_into(form, "four_features", ["公开宣传(公开性)"])
    type_into(form, "estimated_amount_fen", None)
    form.fields["estimated_amount_fen"].edit.setText("1.5")  # type: ignore[attr-defined]
    form.fields["estimated_amount_fen"].unit.setCurrentIndex(1)  # type: ignore[attr-defined]
    type_into(form, "risk_level", "high")
    type_into(form, "conclusion", "存在高息揽储迹象")
    assert form.save(), form.message.text()
    assert form.finalize()
    with ctx.db.reader() as s:
        survey = s.get_one(SurveyRecord, form.record_id)
        assert survey.status is DraftStatus.FINAL and survey.estimated_amount_fen == 1_500_000
        assert survey.screeners == ["张伟", "李娜"] and survey.methods == ["线下排查"]
        revision = survey.revision
    assert "已定稿" in form.state_label.text() and not form.finalize_button.isEnabled()
    # A finalised record: no reason, no change.
    monkeypatch.setattr(form, "ask_reason", lambda: None)
    type_into(form, "conclusion", "经核实为正常经营")
    assert not form.save()
    monkeypatch.setattr(form, "ask_reason", lambda: "回访后更正结论")
    assert form.save()
    with ctx.db.reader() as s:
        survey = s.get_one(SurveyRecord, form.record_id)
        assert survey.revision == revision + 1 and survey.conclusion == "经核实为正常经营"
        event = s.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc())).first()
        assert event is not None and event.reason == "回访后更正结论"


def test_clue_form_creates_a_clue_with_a_sealed_informant(
    qtbot: QtBot, ctx: DeskContext, subject_id: uuid.UUID
) -> None:
    form = ClueForm(ctx)
    qtbot.addWidget(form)
    form.show()
    type_into(form, "source", "群众举报")
    type_into(form, "received_date", dt.date(2025, 3, 1))
    type_into(form, "informant_name", "赵敏")
    form.fields["subject_id"].choose_row({"id": subject_id, "name": "兴县鑫源财富管理咨询有限公司"})  # type: ignore[attr-defined]
    assert form.fields["subject_name"].value() == "兴县鑫源财富管理咨询有限公司"
    type_into(form, "facts", "以高息为诱饵吸收资金")
    type_into(form, "deadline", dt.date(2025, 2, 1))
    assert "办理期限" in error_of(form, "deadline")
    type_into(form, "deadline", dt.date(2025, 4, 30))
    form.fields["amount_fen"].edit.setText("abc")  # type: ignore[attr-defined]
    assert "金额" in error_of(form, "amount_fen")
    form.fields["amount_fen"].edit.setText("2.15万")  # type: ignore[attr-defined]
    assert form.save(), form.message.text()
    with ctx.db.reader() as s:
        clue = s.get_one(ClueRecord, form.record_id)
        assert clue.amount_fen == 2_150_000 and clue.informant_sealed is not None
        assert clue.ledger_no.startswith("141123100001-01-")
    assert form.workflow is not None


def test_visit_needs_two_visitors(qtbot: QtBot, ctx: DeskContext, clue_id: uuid.UUID) -> None:
    form = VisitForm(ctx)
    qtbot.addWidget(form)
    form.show()
    type_into(form, "visit_type", "home_survey")
    type_into(form, "visited_party", "王秀英")
    type_into(form, "content", "入户宣传")
    assert not form.save()
    assert "走访人" in error_of(form, "visitors")
    type_into(form, "visitors", ["张伟", "李娜"])
    type_into(form, "materials_handed_out", 12)
    type_into(form, "people_reached", 3)
    form.fields["clue_id"].set_value(clue_id)
    assert form.save(), form.message.text()
    with ctx.db.reader() as s:
        visit = s.get_one(VisitRecord, form.record_id)
        assert visit.visitors == ["张伟", "李娜"] and visit.clue_id == clue_id
        assert visit.materials_handed_out == 12


def test_draft_is_offered_again_after_a_crash(
    qtbot: QtBot, ctx: DeskContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    form = VisitForm(ctx)
    qtbot.addWidget(form)
    type_into(form, "visited_party", "刘大爷")
    type_into(form, "visitors", ["张伟", "李娜"])
    form.autosave()
    assert [d.payload["visited_party"] for d in load_drafts(ctx.db, "张伟", "visit")] == ["刘大爷"]
    form.autosave_timer.stop()
    form.dirty = False  # the process "crashes": nothing else happens
    monkeypatch.setattr(VisitForm, "ask_restore", lambda self, draft: True)
    again = VisitForm(ctx)
    qtbot.addWidget(again)
    assert again.fields["visited_party"].value() == "刘大爷" and again.dirty
    assert again.fields["visitors"].value() == ["张伟", "李娜"]
    monkeypatch.setattr(VisitForm, "ask_restore", lambda self, draft: False)
    third = VisitForm(ctx)
    qtbot.addWidget(third)
    assert third.fields["visited_party"].value() is None
    assert load_drafts(ctx.db, "张伟", "visit") == []


def test_escape_asks_when_there_are_unsaved_changes(
    qtbot: QtBot, ctx: DeskContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    form = SubjectForm(ctx)
    qtbot.addWidget(form)
    form.show()
    type_into(form, "name", "某某商贸")
    asked: list[bool] = []

    def answer(button: QMessageBox.StandardButton) -> Any:
        def ask() -> QMessageBox.StandardButton:
            asked.append(True)
            return button

        return ask

    monkeypatch.setattr(form, "ask_close", answer(QMessageBox.StandardButton.Cancel))
    form.reject()  # what Esc does
    assert form.isVisible() and asked
    monkeypatch.setattr(form, "ask_close", answer(QMessageBox.StandardButton.Discard))
    form.reject()
    assert not form.isVisible()
