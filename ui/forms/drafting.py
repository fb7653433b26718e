"""What a record form does about unsaved work: autosaved drafts, offering them again, and closing."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox, QWidget

from storage.drafts import Draft, discard_draft, load_drafts, save_draft

if TYPE_CHECKING:
    from PySide6.QtCore import QTimer, SignalInstance

    from ui.context import DeskContext
    from ui.forms.fields import Field

translate = QCoreApplication.translate


class DraftsAndClosing:
    """Mixed into RecordForm (before QDialog, so that its reject/accept/closeEvent come first)."""

    if TYPE_CHECKING:
        ctx: DeskContext
        record_type: str
        record_id: uuid.UUID | None
        draft_id: uuid.UUID | None
        dirty: bool
        touched: set[str]
        fields: dict[str, Field]
        autosave_timer: QTimer
        closed: SignalInstance

        def save(self) -> bool: ...
        def update_state(self) -> None: ...
        def validate(self) -> dict[str, str]: ...
        def close(self) -> bool: ...

    def _as_widget(self) -> QWidget | None:
        return self if isinstance(self, QWidget) else None

    # Drafts ------------------------------------------------------------------------------------------
    def payload(self) -> dict[str, Any]:
        return {name: field.safe_json() for name, field in self.fields.items()}

    def autosave(self) -> None:
        if not self.dirty:
            return
        self.draft_id = save_draft(
            self.ctx.db,
            self.ctx.actor.login,
            self.record_type,
            self.payload(),
            record_id=self.record_id,
            draft_id=self.draft_id,
        )

    def forget_draft(self) -> None:
        if self.draft_id is not None:
            discard_draft(self.ctx.db, self.draft_id)
            self.draft_id = None

    def offer_draft(self) -> None:
        drafts = [
            d
            for d in load_drafts(self.ctx.db, self.ctx.actor.login, self.record_type)
            if d.record_id == self.record_id
        ]
        if not drafts:
            return
        draft = drafts[0]
        if self.ask_restore(draft):
            self.restore(draft)
        else:
            discard_draft(self.ctx.db, draft.id)

    def restore(self, draft: Draft) -> None:
        self.draft_id = draft.id
        for name, value in draft.payload.items():
            field = self.fields.get(name)
            if field is None or value is None:
                continue
            try:
                field.from_json(value)
            except (ValueError, TypeError):
                continue
            self.touched.add(name)
        self.dirty = True
        self.update_state()
        self.validate()

    # Questions (separate methods so tests can answer them) -----------------------------------------------
    def ask_restore(self, draft: Draft) -> bool:
        when = draft.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")
        answer = QMessageBox.question(
            self._as_widget(),
            translate("RecordForm", "Unsaved draft"),
            translate("RecordForm", "A draft of this form from %1 was not saved. Continue with it?").replace(
                "%1", when
            ),
        )
        return answer == QMessageBox.StandardButton.Yes

    def ask_reason(self) -> str | None:
        text, ok = QInputDialog.getText(
            self._as_widget(),
            translate("RecordForm", "Reason for the change"),
            translate("RecordForm", "This record is finalised. Why are you changing it?"),
        )
        return text.strip() if ok and text.strip() else None

    def ask_close(self) -> QMessageBox.StandardButton:
        return QMessageBox.question(
            self._as_widget(),
            translate("RecordForm", "Unsaved changes"),
            translate("RecordForm", "Save the changes before closing? Choose Discard to drop them."),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
        )

    # Closing -------------------------------------------------------------------------------------
    def may_close(self) -> bool:
        if not self.dirty:
            return True
        answer = self.ask_close()
        if answer == QMessageBox.StandardButton.Cancel:
            return False
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        self.forget_draft()
        self.dirty = False
        return True

    def reject(self) -> None:  # Esc
        if self.may_close():
            self.autosave_timer.stop()
            QDialog.reject(self)  # type: ignore[arg-type]
            self.closed.emit()

    def accept(self) -> None:
        self.autosave_timer.stop()
        QDialog.accept(self)  # type: ignore[arg-type]
        self.closed.emit()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self.may_close():
            self.autosave_timer.stop()
            event.accept()
            self.closed.emit()
        else:
            event.ignore()

    def keep_draft_and_close(self) -> None:
        """Used when the application quits: the draft is kept and offered at the next open."""
        self.autosave()
        self.dirty = False
        self.autosave_timer.stop()
        self.close()
