"""Loading the county profile into the reference tables, and replacing it with another county's file."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from models.enums import AuditAction
from models.profile import CODE, Area, CountyProfile, parse_profile
from models.reference import CodeItem, Grid, Phase, ReportingDeadline, Setting, Township, Unit, Village
from storage.audit import append_event
from storage.database import Database
from storage.errors import UserFacingError
from storage.files import write_atomically
from storage.services import Actor

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


PROFILE_RECORD_ID = uuid.UUID("00000000-0000-7000-8000-000000000001")  # audit events about the profile


def export_profile(session: Session) -> dict[str, Any]:
    """The reference data as a profile file, villages and grids included: what a township hands to its
    workers so every record in the township uses the same codes."""
    county = session.get(Setting, "profile.county")
    mailbox = session.get(Setting, "profile.submission_mailbox")
    codes: dict[str, Any] = {}
    for item in session.scalars(select(CodeItem).order_by(CodeItem.list_name, CodeItem.sort)):
        if item.group is not None:
            codes.setdefault(item.list_name, {}).setdefault(item.group, []).append(item.label)
        else:
            codes.setdefault(item.list_name, []).append(item.label)
    return {
        "county": county.value if county is not None else {},
        "submission_mailbox": mailbox.value if mailbox is not None else None,
        "townships": [
            {"code": t.code, "name": t.name}
            for t in session.scalars(select(Township).order_by(Township.sort))
        ],
        "villages": [
            {"code": v.code, "name": v.name, "township": v.township_code}
            for v in session.scalars(select(Village).order_by(Village.township_code, Village.sort))
        ],
        "grids": [
            {"code": g.code, "name": g.name, "village": g.village_code}
            for g in session.scalars(select(Grid).order_by(Grid.village_code, Grid.sort))
        ],
        **codes,
        "campaign_phases": [
            {"name": p.name, "from": p.starts_on.isoformat(), "to": p.ends_on.isoformat()}
            for p in session.scalars(select(Phase).order_by(Phase.sort))
        ],
        "reporting_deadlines": [
            {"what": d.what, "due": d.due_on.isoformat() if d.due_on else d.recurrence}
            for d in session.scalars(select(ReportingDeadline).order_by(ReportingDeadline.id))
        ],
        "units": [u.name for u in session.scalars(select(Unit).order_by(Unit.sort))],
    }


def import_profile(db: Database, actor: Actor, path: Path) -> CountyProfile:
    """Replaces the reference data with a profile file (another county's, or the township's with its
    villages and grids), in one transaction with its audit event. A bad file changes nothing."""
    profile = load_profile_file(path)
    with db.writer() as session:
        apply_profile(session, profile)
        append_event(
            session,
            actor=actor.login,
            origin=actor.origin,
            action=AuditAction.UPDATE,
            record_type="profile",
            record_id=PROFILE_RECORD_ID,
            revision=1,
            changes={
                "county": profile.county_code,
                "townships": len(profile.townships),
                "villages": len(profile.villages),
                "grids": len(profile.grids),
            },
            reason=f"导入县级配置 {path.name}",
        )
    return profile


def save_profile_file(db: Database, path: Path) -> None:
    with db.reader() as session:
        data = export_profile(session)
    write_atomically(path, json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8"))


def add_area(db: Database, actor: Actor, *, kind: str, code: str, name: str, parent: str) -> None:
    """A township defines its villages (村/社区) and grids (网格), then hands them out (save_profile_file)."""
    code, name = code.strip(), name.strip()
    if not name:
        raise UserFacingError("名称不能为空")
    if not code.startswith(parent) or not CODE.match(code) or code == parent:
        raise UserFacingError(f"代码 {code} 应以上级代码 {parent} 开头并加上本级编号")
    with db.writer() as session:
        parent_row = session.get(Township if kind == "village" else Village, parent)
        if parent_row is None:
            raise UserFacingError(f"上级 {parent} 不存在")
        model: type[Village] | type[Grid] = Village if kind == "village" else Grid
        if session.get(model, code) is not None:
            raise UserFacingError(f"代码 {code} 已存在")
        if kind == "village":
            session.add(Village(code=code, name=name, township_code=parent, sort=999))
        else:
            session.add(Grid(code=code, name=name, village_code=parent, sort=999))
        append_event(
            session,
            actor=actor.login,
            origin=actor.origin,
            action=AuditAction.CREATE,
            record_type="profile",
            record_id=PROFILE_RECORD_ID,
            revision=1,
            changes={kind: {"code": code, "name": name, "parent": parent}},
        )
