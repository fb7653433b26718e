"""What every window of a signed-in session shares: the database, the person, and the county profile."""

from __future__ import annotations

from dataclasses import dataclass

from models.enums import Level
from storage.accounts import SignedIn
from storage.database import Database
from storage.services import Actor
from ui.reference import Reference


@dataclass
class DeskContext:
    signed: SignedIn
    reference: Reference

    @property
    def db(self) -> Database:
        return self.signed.db

    @property
    def actor(self) -> Actor:
        return self.signed.actor

    def default_township(self) -> str | None:
        """A grid worker's or a liaison's own township; None at county level."""
        if self.actor.level is Level.COUNTY:
            return None
        code = self.actor.unit_code[:9]
        return code if code in self.reference.townships else None
