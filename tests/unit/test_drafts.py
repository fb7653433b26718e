"""Form drafts survive until saved or discarded."""

from __future__ import annotations

import uuid

from storage.accounts import SignedIn
from storage.drafts import discard_draft, load_drafts, save_draft


def test_save_overwrite_load_discard(worker: SignedIn) -> None:
    login = worker.actor.login
    draft = save_draft(worker.db, login, "clue", {"facts": "高息"})
    assert save_draft(worker.db, login, "clue", {"facts": "高息揽储"}, draft_id=draft) == draft
    record = uuid.uuid4()
    other = save_draft(worker.db, login, "visit", {"place": "村委会"}, record_id=record)
    drafts = load_drafts(worker.db, login)
    assert {d.id for d in drafts} == {draft, other}
    clue_drafts = load_drafts(worker.db, login, "clue")
    assert [d.payload for d in clue_drafts] == [{"facts": "高息揽储"}]
    assert load_drafts(worker.db, login, "visit")[0].record_id == record
    assert load_drafts(worker.db, "someone-else") == []
    discard_draft(worker.db, draft)
    assert [d.id for d in load_drafts(worker.db, login)] == [other]
