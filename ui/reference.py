"""The county profile as the forms need it (code lists, areas, units), read once per sign-in."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from models.reference import CODE_LISTS, Grid, Unit, Village
from storage.database import Database
from storage.profile import code_labels, township_names


@dataclass
class Reference:
    townships: dict[str, str]
    villages: list[tuple[str, str, str]] = field(default_factory=list)  # code, name, township code
    grids: list[tuple[str, str, str]] = field(default_factory=list)  # code, name, village code
    units: list[str] = field(default_factory=list)
    code_lists: dict[str, list[str]] = field(default_factory=dict)

    def codes(self, list_name: str) -> list[str]:
        return self.code_lists.get(list_name, [])


def load_reference(db: Database) -> Reference:
    with db.reader() as session:
        return Reference(
            townships=township_names(session),
            villages=[(v.code, v.name, v.township_code) for v in session.scalars(select(Village))],
            grids=[(g.code, g.name, g.village_code) for g in session.scalars(select(Grid))],
            units=list(session.scalars(select(Unit.name).order_by(Unit.sort))),
            code_lists={name: code_labels(session, name) for name in CODE_LISTS},
        )
