"""The informant stays sealed on the clue form until a permitted user asks; the look is audited."""

from __future__ import annotations

from typing import Any

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from models.audit import AuditEvent
from models.enums import AuditAction
from storage.accounts import SignedIn
from storage.services import create_record
from ui.context import DeskContext
from ui.forms.fields import TextField
from ui.forms.kinds import make_form


def test_reveal_on_request(
    qtbot: QtBot, ctx: DeskContext, worker: SignedIn, clue_values: dict[str, Any]
) -> None:
    clue = create_record(
        worker.db, worker.actor, "clue", clue_values, informant={"name": "举报人甲", "phone": "13911112222"}
    )
    form = make_form(ctx, "clue", clue, None)
    qtbot.addWidget(form)
    name = form.fields["informant_name"]
    assert isinstance(name, TextField)
    assert name.edit.text() == "" and not name.edit.isEnabled()
    assert not form.reveal_button.isHidden()
    form.reveal_button.click()
    assert name.edit.text() == "举报人甲"
    with worker.db.reader() as session:
        last = session.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc())).first()
    assert last is not None and last.action is AuditAction.REVEAL
    form.keep_draft_and_close()
