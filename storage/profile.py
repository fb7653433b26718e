"""Loading the county profile into the reference tables, and replacing it with another county's file."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from models.profile import Area, CountyProfile, parse_profile
from models.reference import CodeItem, Grid, Phase, ReportingDeadline, Setting, Township, Unit, Village
from storage.errors import UserFacingError

DEFAULT_PROFILE_PATH = Path(__file__).resolve().parent / "profiles" / "xingxian-profile.json"


def load_profile_file(path: Path) -> CountyProfile:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserFacingError(f"找不到县级配置文件：{path}") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise UserFacingError(f"县级配置文件无法读取：{exc}") from None
    return parse_profile(data)


def default_profile() -> CountyProfile:
    return load_profile_file(DEFAULT_PROFILE_PATH)


def apply_profile(session: Session, profile: CountyProfile) -> None:
    """Replaces the reference data with the profile's, inside the caller's transaction.

    Villages and grids that the new profile does not list are kept when their township still exists:
    a township defines them locally, and a county-wide profile update must not erase them.
    """
    kept_villages = [
        Area(v.code, v.name, v.township_code)
        for v in session.scalars(select(Village))
        if v.code not in {x.code for x in profile.villages}
    ]
    kept_grids = [
        Area(g.code, g.name, g.village_code)
        for g in session.scalars(select(Grid))
        if g.code not in {x.code for x in profile.grids}
    ]
    for model in (Grid, Village, Township, Unit, CodeItem, Phase, ReportingDeadline):
        session.execute(delete(model))
    township_codes = {t.code for t in profile.townships}
    # Flushed level by level: without ORM relationships the unit of work does not order these inserts.
    session.add_all(Township(code=t.code, name=t.name, sort=i) for i, t in enumerate(profile.townships))
    session.flush()
    villages = profile.villages + [v for v in kept_villages if v.parent in township_codes]
    session.add_all(
        Village(code=v.code, name=v.name, township_code=v.parent, sort=i) for i, v in enumerate(villages)
    )
    session.flush()
    village_codes = {v.code for v in villages}
    grids = profile.grids + [g for g in kept_grids if g.parent in village_codes]
    session.add_all(
        Grid(code=g.code, name=g.name, village_code=g.parent, sort=i) for i, g in enumerate(grids)
    )
    session.add_all(Unit(name=u, sort=i) for i, u in enumerate(profile.units))
    for list_name, entries in profile.code_lists.items():
        session.add_all(
            CodeItem(list_name=list_name, label=label, group=group, sort=i)
            for i, (label, group) in enumerate(dict.fromkeys(entries))
        )
    session.add_all(
        Phase(name=name, starts_on=start, ends_on=end, sort=i)
        for i, (name, start, end) in enumerate(profile.phases)
    )
    session.add_all(ReportingDeadline(what=w, due_on=d, recurrence=r) for w, d, r in profile.deadlines)
    facts = {
        "county": {
            "code": profile.county_code,
            "name": profile.county_name,
            "prefecture": profile.prefecture,
            "province": profile.province,
        },
        "submission_mailbox": profile.submission_mailbox,
    }
    for key, value in facts.items():
        session.merge(Setting(key=f"profile.{key}", value=value))


def code_labels(session: Session, list_name: str) -> list[str]:
    return list(
        session.scalars(select(CodeItem.label).where(CodeItem.list_name == list_name).order_by(CodeItem.sort))
    )


def township_names(session: Session) -> dict[str, str]:
    return {t.code: t.name for t in session.scalars(select(Township).order_by(Township.sort))}
