"""The shared record form: groups of fields, validation as the user types, drafts, save, 定稿, revisions."""

from __future__ import annotations

import itertools
import uuid
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from models.checks import InvalidRecordError, clean_record
from models.enums import DraftStatus, RiskLevel, SubjectKind, VisitType
from models.records import RECORD_TYPES
from storage.errors import UserFacingError
from storage.services import (
    INFORMANT_ROLES,
    create_record,
    editable_fields,
    finalize_record,
    reveal_informant,
    update_record,
)
from ui.context import DeskContext
from ui.forms.drafting import DraftsAndClosing
from ui.forms.factory import build_field
from ui.forms.fields import (
    Field,
    FieldSpec,
    TextField,
)
from ui.forms.specs import FORMS, INFORMANT_FIELDS
from ui.tr import QT_TRANSLATE_NOOP

AUTOSAVE_MS = 5000
LABEL_WIDTH = 150
ERROR_STYLE = "color: #c0392b; font-size: 9pt;"
ENUMS: dict[str, Any] = {"SubjectKind": SubjectKind, "RiskLevel": RiskLevel, "VisitType": VisitType}
TITLES = {
    "subject": QT_TRANSLATE_NOOP("RecordForm", "Subject"),
    "survey": QT_TRANSLATE_NOOP("RecordForm", "Survey registration"),
    "clue": QT_TRANSLATE_NOOP("RecordForm", "Risk clue"),
    "visit": QT_TRANSLATE_NOOP("RecordForm", "Visit record"),
}


translate = QCoreApplication.translate


class RecordForm(DraftsAndClosing, QDialog):
    """Create or edit one record. Subclasses add what their paper form has beyond plain fields."""

    saved = Signal(object)  # the record id
    closed = Signal()  # the form has gone (closed, Esc, or accepted)

    def __init__(
        self,
        ctx: DeskContext,
        record_type: str,
        record_id: uuid.UUID | None = None,
        parent: QWidget | None = None,
        *,
        offer_draft: bool = True,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.record_type = record_type
        self.record_id = record_id
        self.revision: int | None = None
        self.status: DraftStatus | None = None
        self.base_values: dict[str, Any] = {}
        self.draft_id: uuid.UUID | None = None
        self.dirty = False
        self.loading = True
        self.show_all_errors = False
        self.touched: set[str] = set()
        self.fields: dict[str, Field] = {}
        self.error_labels: dict[str, QLabel] = {}
        self.setWindowTitle(self.title_text())
        self.resize(760, 720)

        self.body = QWidget()
        body_layout = QVBoxLayout(self.body)
        for group_title, specs in FORMS[record_type]:
            box = QGroupBox(QCoreApplication.translate("Fields", group_title))
            form = QFormLayout(box)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            for spec in specs:
                field = self.build_field(spec)
                self.fields[spec.name] = field
                error = QLabel()
                error.setStyleSheet(ERROR_STYLE)
                error.setWordWrap(True)
                error.hide()
                self.error_labels[spec.name] = error
                cell = QWidget()
                cell_layout = QVBoxLayout(cell)
                cell_layout.setContentsMargins(0, 0, 0, 0)
                cell_layout.setSpacing(1)
                cell_layout.addWidget(field.widget)
                cell_layout.addWidget(error)
                text = QCoreApplication.translate("Fields", spec.label) + (" *" if spec.required else "")
                label = QLabel(text)
                label.setMinimumWidth(LABEL_WIDTH)  # the same label column in every group
                label.setBuddy(field.widget)
                form.addRow(label, cell)
                field.changed.connect(lambda name=spec.name: self.on_changed(name))
            body_layout.addWidget(box)
        self.extra = QVBoxLayout()
        body_layout.addLayout(self.extra)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.body)

        self.message = QLabel()
        self.message.setStyleSheet("color: #c0392b;")
        self.message.setWordWrap(True)
        self.state_label = QLabel()
        self.save_button = QPushButton(translate("RecordForm", "Save"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.finalize_button = QPushButton(translate("RecordForm", "Finalise"))
        self.finalize_button.setToolTip(
            translate("RecordForm", "Lock the record; later changes need a reason")
        )
        self.finalize_button.clicked.connect(self.finalize)
        self.finalize_button.setVisible(record_type != "clue")
        close_button = QPushButton(translate("RecordForm", "Close"))
        close_button.clicked.connect(self.close)
        # 条例 art. 16: the informant is revealed only on request, to the roles that may see it; audited.
        self.reveal_button = QPushButton(translate("RecordForm", "Show informant"))
        self.reveal_button.clicked.connect(self.reveal_informant)
        self.reveal_button.setVisible(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.state_label, 1)
        buttons.addWidget(self.reveal_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.finalize_button)
        buttons.addWidget(close_button)
        layout = QVBoxLayout(self)
        self.content = QHBoxLayout()
        self.content.addWidget(scroll, 3)
        layout.addLayout(self.content, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self.save)

        self.set_tab_order()
        if record_id is not None:
            self.load_record(record_id)
        else:
            self.set_defaults()
        self.after_load()
        self.loading = False
        if offer_draft:
            self.offer_draft()
        self.update_state()
        self.validate()
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()

    # Building ------------------------------------------------------------------------------------
    def title_text(self) -> str:
        return translate("RecordForm", TITLES[self.record_type])

    def build_field(self, spec: FieldSpec) -> Field:
        create = self.create_subject if spec.kind == "subject" else None
        return build_field(spec, self.ctx, create)

    def set_tab_order(self) -> None:
        widgets = [f.widget for f in self.fields.values()]
        for first, second in itertools.pairwise(widgets):
            QWidget.setTabOrder(first, second)
        if widgets:
            QWidget.setTabOrder(widgets[-1], self.save_button)

    def set_defaults(self) -> None:
        township = self.ctx.default_township()
        if township and "township_code" in self.fields:
            self.fields["township_code"].set_value(township)
        if self.ctx.actor.unit_code != township and "grid_code" in self.fields and township:
            self.fields["grid_code"].set_value(self.ctx.actor.unit_code)
        if "risk_level" in self.fields:
            self.fields["risk_level"].set_value(RiskLevel.NONE.value)
        for name in ("screeners", "visitors"):
            if name in self.fields:
                self.fields[name].set_value([self.ctx.actor.display_name])

    def after_load(self) -> None:
        """Subclasses add panels that need the record (timeline, attachments)."""

    def create_subject(self) -> uuid.UUID | None:
        from ui.forms.kinds import SubjectForm

        form = SubjectForm(self.ctx, None, self, offer_draft=False)
        form.setModal(True)
        if form.exec() == QDialog.DialogCode.Accepted or form.record_id is not None:
            return form.chosen_id()
        return None

    # Loading and values ------------------------------------------------------------------------------
    def load_record(self, record_id: uuid.UUID) -> None:
        with self.ctx.db.reader() as session:
            record = session.get(RECORD_TYPES[self.record_type], record_id)
            if record is None:
                raise UserFacingError(translate("RecordForm", "The record no longer exists."))
            self.base_values = {n: getattr(record, n) for n in editable_fields(self.record_type)}
            created_by = record.created_by
            self.has_informant = getattr(record, "informant_sealed", None) is not None
            self.revision = record.revision
            status = getattr(record, "status", None)
            self.status = status if isinstance(status, DraftStatus) else None
            self.record_status = status
        for name, field in self.fields.items():
            if name in self.base_values:
                field.set_value(self.base_values[name])
        for name in INFORMANT_FIELDS:
            if name in self.fields:
                field = self.fields[name]
                if isinstance(field, TextField):
                    field.edit.setPlaceholderText(translate("RecordForm", "(kept sealed; not shown)"))
                    field.edit.setEnabled(False)
        may_see = self.ctx.actor.role in INFORMANT_ROLES or created_by == self.ctx.actor.login
        self.reveal_button.setVisible(self.record_type == "clue" and self.has_informant and may_see)

    def values(self) -> tuple[dict[str, Any], dict[str, str]]:
        """The typed values of the record's columns, and the fields whose entry could not be read."""
        values: dict[str, Any] = {}
        errors: dict[str, str] = {}
        columns = set(editable_fields(self.record_type))
        for name, field in self.fields.items():
            if name not in columns:
                continue
            try:
                values[name] = field.value()
            except ValueError as exc:
                errors[name] = str(exc)
        return values, errors

    def reveal_informant(self) -> None:
        """Shows the sealed informant in the (read-only) fields; the look is written to the audit trail."""
        assert self.record_id is not None
        try:
            found = reveal_informant(self.ctx.db, self.ctx.actor, self.record_id)
        except UserFacingError as exc:
            self.message.setText(str(exc))
            return
        if not found:
            self.message.setText(translate("RecordForm", "No informant was recorded for this clue."))
            return
        for name, key in INFORMANT_FIELDS.items():
            field = self.fields.get(name)
            if isinstance(field, TextField):
                field.edit.setText(str(found.get(key, "")))

    def informant(self) -> dict[str, str] | None:
        found: dict[str, str] = {}
        for name, key in INFORMANT_FIELDS.items():
            field = self.fields.get(name)
            value = field.value() if field is not None else None
            if value:
                found[key] = str(value)
        return found or None

    # Validation ------------------------------------------------------------------------------------
    def on_changed(self, name: str) -> None:
        if self.loading:
            return
        self.touched.add(name)
        self.dirty = True
        self.update_state()
        self.validate()
        self.field_changed(name)

    def field_changed(self, name: str) -> None:
        """Subclasses react to particular fields (duplicates, restricted words)."""

    def validate(self) -> dict[str, str]:
        values, errors = self.values()
        try:
            clean_record(self.record_type, {**self.base_values, **values})
        except InvalidRecordError as exc:
            for name, reason in exc.errors.items():
                errors.setdefault(name, reason)
        for name, label in self.error_labels.items():
            problem = errors.get(name)
            label.setText(problem or "")
            label.setVisible(problem is not None and (self.show_all_errors or name in self.touched))
        return errors

    # Actions -------------------------------------------------------------------------------------
    def save(self) -> bool:
        self.show_all_errors = True
        self.message.clear()
        errors = self.validate()
        if errors:
            self.message.setText(translate("RecordForm", "Please correct the fields marked in red."))
            return False
        values, _ = self.values()
        try:
            if self.record_id is None:
                self.record_id = create_record(
                    self.ctx.db, self.ctx.actor, self.record_type, values, informant=self.informant()
                )
            else:
                reason = None
                if self.status is DraftStatus.FINAL:
                    reason = self.ask_reason()
                    if not reason:
                        self.message.setText(
                            translate("RecordForm", "Not saved: a finalised record needs a reason to change.")
                        )
                        return False
                self.revision = update_record(
                    self.ctx.db,
                    self.ctx.actor,
                    self.record_type,
                    self.record_id,
                    values,
                    reason=reason,
                    expected_revision=self.revision,
                )
        except InvalidRecordError as exc:
            for name, reason in exc.errors.items():
                label = self.error_labels.get(name)
                if label is not None:
                    label.setText(reason)
                    label.show()
            self.message.setText(str(exc))
            return False
        except UserFacingError as exc:
            self.message.setText(str(exc))
            return False
        self.forget_draft()
        self.loading = True
        self.load_record(self.record_id)
        self.loading = False
        self.dirty = False
        self.touched.clear()
        self.after_save()
        self.update_state()
        self.saved.emit(self.record_id)
        return True

    def after_save(self) -> None:
        self.after_load()

    def finalize(self) -> bool:
        if (self.dirty or self.record_id is None) and not self.save():
            return False
        assert self.record_id is not None
        try:
            finalize_record(self.ctx.db, self.ctx.actor, self.record_type, self.record_id)
        except UserFacingError as exc:
            self.message.setText(str(exc))
            return False
        self.load_record(self.record_id)
        self.update_state()
        self.saved.emit(self.record_id)
        return True

    def update_state(self) -> None:
        parts = []
        if self.record_id is None:
            parts.append(translate("RecordForm", "New record"))
        else:
            label = getattr(getattr(self, "record_status", None), "label", None)
            if label:
                parts.append(label)
            parts.append(translate("RecordForm", "revision %1").replace("%1", str(self.revision)))
        if self.dirty:
            parts.append(translate("RecordForm", "unsaved changes"))
        self.state_label.setText(" · ".join(parts))
        self.finalize_button.setEnabled(self.status is not DraftStatus.FINAL)
        marker = "*" if self.dirty else ""
        self.setWindowTitle(f"{self.title_text()}{marker}")
