"""The four record forms: what each adds to the shared form (flags, duplicates, timeline, attachments)."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QWidget

from models.rules import find_restricted_words
from storage import queries
from ui.attachments_panel import AttachmentsPanel
from ui.context import DeskContext
from ui.forms.pickers import RefField, describe
from ui.forms.record_form import RecordForm

FLAG_STYLE = "color: #b9770e; font-weight: bold;"


translate = QCoreApplication.translate


class _WithAttachments(RecordForm):
    attachments: AttachmentsPanel | None = None

    def after_load(self) -> None:
        if self.record_id is not None and self.attachments is None:
            self.attachments = AttachmentsPanel(self.ctx, self.record_type, self.record_id)
            self.extra.addWidget(self.attachments)


class SubjectForm(_WithAttachments):
    """涉及主体. Same credit code or ID number: offers the existing subject; same phone and a similar name:
    warns of a duplicate; restricted words (条例 art. 9) in the name or business scope: flagged."""

    use_existing = Signal(object)

    def __init__(
        self,
        ctx: DeskContext,
        record_id: uuid.UUID | None = None,
        parent: QWidget | None = None,
        **kwargs: Any,
    ) -> None:
        self.existing_id: uuid.UUID | None = None
        self.flag = QLabel()
        self.flag.setStyleSheet(FLAG_STYLE)
        self.flag.setWordWrap(True)
        self.duplicate = QLabel()
        self.duplicate.setStyleSheet(FLAG_STYLE)
        self.duplicate.setWordWrap(True)
        self.use_button = QPushButton(translate("RecordForms", "Use the existing subject"))
        self.use_button.hide()
        super().__init__(ctx, "subject", record_id, parent, **kwargs)
        self.use_button.clicked.connect(self.choose_existing)
        row = QHBoxLayout()
        row.addWidget(self.duplicate, 1)
        row.addWidget(self.use_button)
        self.extra.insertWidget(0, self.flag)
        self.extra.insertLayout(1, row)
        self.check_flags()

    def field_changed(self, name: str) -> None:
        if name in ("name", "business_scope", "credit_code", "id_number", "phone"):
            self.check_flags()

    def check_flags(self) -> None:
        name = self.fields["name"].value()
        scope = self.fields["business_scope"].value()
        words = find_restricted_words(name, scope)
        self.flag.setText(
            translate("RecordForms", "Restricted words in the name or business scope (art. 9): %1").replace(
                "%1", "、".join(words)
            )
            if words
            else ""
        )
        self.flag.setVisible(bool(words))
        values, _ = self.values()
        with self.ctx.db.reader() as session:
            matches = queries.subject_matches(
                session,
                credit_code=_normalised(values.get("credit_code")),
                id_number=_normalised(values.get("id_number")),
                name=values.get("name"),
                phone=values.get("phone"),
                exclude=self.record_id,
            )
        self.existing_id = None
        if matches.same_identifier:
            row = matches.same_identifier[0]
            self.existing_id = row["id"]
            self.duplicate.setText(
                translate("RecordForms", "A subject with the same code already exists: %1").replace(
                    "%1", describe("subject", row)
                )
            )
        elif matches.similar:
            row = matches.similar[0]
            self.duplicate.setText(
                translate("RecordForms", "Possible duplicate (same phone, similar name): %1").replace(
                    "%1", describe("subject", row)
                )
            )
        else:
            self.duplicate.clear()
        self.duplicate.setVisible(bool(self.duplicate.text()))
        self.use_button.setVisible(self.existing_id is not None and self.record_id is None)

    def choose_existing(self) -> None:
        if self.existing_id is None:
            return
        self.forget_draft()
        self.dirty = False
        self.use_existing.emit(self.existing_id)
        self.accept()

    def chosen_id(self) -> uuid.UUID | None:
        return (
            self.existing_id
            if self.result() == QDialog.DialogCode.Accepted and self.record_id is None
            else self.record_id
        )

    def after_save(self) -> None:
        super().after_save()
        self.check_flags()


def _normalised(value: Any) -> str | None:
    if not value:
        return None
    return str(value).strip().upper().replace(" ", "")


class SurveyForm(_WithAttachments):
    def __init__(
        self,
        ctx: DeskContext,
        record_id: uuid.UUID | None = None,
        parent: QWidget | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(ctx, "survey", record_id, parent, **kwargs)
        subject = self.fields["subject_id"]
        assert isinstance(subject, RefField)
        subject.picked.connect(self.subject_picked)

    def subject_picked(self, row: dict[str, Any]) -> None:
        for name in ("township_code", "village_code", "grid_code"):
            if row.get(name) and not self.fields[name].value():
                self.fields[name].set_value(row[name])


class ClueForm(_WithAttachments):
    """风险线索: the ledger entry and, once saved, its timeline and the steps allowed now."""

    workflow: QWidget | None = None

    def __init__(
        self,
        ctx: DeskContext,
        record_id: uuid.UUID | None = None,
        parent: QWidget | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(ctx, "clue", record_id, parent, **kwargs)
        subject = self.fields["subject_id"]
        assert isinstance(subject, RefField)
        subject.picked.connect(self.subject_picked)
        self.resize(1180, 760)

    def subject_picked(self, row: dict[str, Any]) -> None:
        self.fields["subject_name"].set_value(row["name"])
        if row.get("township_code") and not self.fields["township_code"].value():
            self.fields["township_code"].set_value(row["township_code"])

    def after_load(self) -> None:
        super().after_load()
        if self.record_id is None:
            return
        from ui.clue_workflow_panel import WorkflowPanel

        if self.workflow is None:
            panel = WorkflowPanel(self.ctx, self.record_id)
            panel.changed.connect(self.workflow_changed)
            self.workflow = panel
            self.content.addWidget(panel, 2)
        else:
            assert isinstance(self.workflow, WorkflowPanel)
            self.workflow.refresh()

    def workflow_changed(self) -> None:
        assert self.record_id is not None
        self.loading = True
        self.load_record(self.record_id)
        self.loading = False
        self.update_state()
        self.saved.emit(self.record_id)


class VisitForm(_WithAttachments):
    def __init__(
        self,
        ctx: DeskContext,
        record_id: uuid.UUID | None = None,
        parent: QWidget | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(ctx, "visit", record_id, parent, **kwargs)


FORM_CLASSES: dict[str, type[RecordForm]] = {
    "subject": SubjectForm,
    "survey": SurveyForm,
    "clue": ClueForm,
    "visit": VisitForm,
}


def make_form(
    ctx: DeskContext,
    record_type: str,
    record_id: uuid.UUID | None = None,
    parent: QWidget | None = None,
    **kwargs: Any,
) -> RecordForm:
    cls: Any = FORM_CLASSES[record_type]
    form: RecordForm = cls(ctx, record_id, parent, **kwargs)
    return form
