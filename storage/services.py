"""Service functions: each user action is one call, one transaction and one audit event (or more).

Widgets and the CLI call these; nothing else writes records. Values are validated by models.checks before
anything is written, so bad input changes nothing.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.base import RecordMixin, new_id, utc_now
from models.checks import InvalidRecordError, clean_record
from models.clue_workflow import plan_transition
from models.enums import AuditAction, ClueEventKind, ClueStatus, DraftStatus, Level, Role
from models.records import RECORD_TYPES, ClueEventRecord, ClueRecord, SubjectRecord
from models.reference import Township
from storage.audit import append_event
from storage.database import Database
from storage.errors import PermissionDeniedError, RecordNotFoundError, StaleRevisionError

# Columns that only the system sets: never taken from a form.
SYSTEM_FIELDS = frozenset(
    {
        "id",
        "created_at",
        "updated_at",
        "created_by",
        "origin",
        "revision",
        "deleted_at",
        "review_status",
        "review_comments",
        "restricted_words",
    }
)
# Clue columns that only the workflow (transition_clue) changes.
CLUE_WORKFLOW_FIELDS = frozenset(
    {
        "status",
        "status_date",
        "opinion",
        "disposal_idea",
        "measures",
        "result",
        "ledger_no",
        "informant_sealed",
    }
)
# Roles that may see an informant's identity (条例 art. 16: kept confidential).
INFORMANT_ROLES = frozenset({Role.LIAISON, Role.COUNTY_ADMIN})


@dataclass(frozen=True)
class Actor:
    """Who is acting: the signed-in user of this installation."""

    user_id: uuid.UUID
    login: str
    display_name: str
    role: Role
    origin: uuid.UUID
    level: Level
    unit_code: str


def jsonable(value: Any) -> Any:
    """Values as they go into audit diffs and data.json: dates ISO, ids as text, enums by value."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, bytes):
        return "<已加密>"
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    return value


def editable_fields(record_type: str) -> list[str]:
    model = RECORD_TYPES[record_type]
    names = [c.key for c in model.__mapper__.column_attrs]  # type: ignore[attr-defined]
    blocked = SYSTEM_FIELDS | (CLUE_WORKFLOW_FIELDS if record_type == "clue" else frozenset())
    return [n for n in names if n not in blocked]


def snapshot(record: RecordMixin, record_type: str) -> dict[str, Any]:
    return {name: getattr(record, name) for name in editable_fields(record_type)}


def _load(session: Session, record_type: str, record_id: uuid.UUID) -> Any:
    model = RECORD_TYPES[record_type]
    record = session.get(model, record_id)
    if record is None:
        raise RecordNotFoundError("记录不存在或已被移除")
    return record


def _check_references(session: Session, record_type: str, values: dict[str, Any]) -> None:
    errors: dict[str, str] = {}
    township = values.get("township_code")
    if township is not None and session.get(Township, township) is None:
        errors["township_code"] = f"乡镇代码 {township} 不在县级配置中"
    for name, target in (("subject_id", "subject"), ("clue_id", "clue")):
        ref = values.get(name)
        if ref is None or name not in editable_fields(record_type):
            continue
        row = session.get(RECORD_TYPES[target], ref)
        if row is None or row.is_deleted:
            errors[name] = "关联的记录不存在或已删除"
    if errors:
        raise InvalidRecordError(errors)


def audit_action(session: Session, actor: Actor, **fields: Any) -> None:
    """The audit event of one action, by this actor and installation (the caller's transaction)."""
    append_event(session, actor=actor.login, origin=actor.origin, **fields)


def _own(actor: Actor, record: RecordMixin) -> None:
    # The installation that created a record owns its content (DESIGN §3); others review, never overwrite.
    if record.origin != actor.origin:
        raise PermissionDeniedError("该记录由其他终端创建，只能审核或退回，不能直接修改")


def _next_ledger_no(session: Session, unit_code: str, year: int) -> str:
    prefix = f"{unit_code}-{year}-"
    count = session.scalar(
        select(func.count()).select_from(ClueRecord).where(ClueRecord.ledger_no.startswith(prefix))
    )
    return f"{prefix}{(count or 0) + 1:04d}"


def create_record(
    db: Database,
    actor: Actor,
    record_type: str,
    values: Mapping[str, Any],
    *,
    informant: Mapping[str, Any] | None = None,
) -> uuid.UUID:
    """Validates and saves a new record with its audit event; returns its id."""
    unknown = set(values) - set(editable_fields(record_type))
    if unknown:
        raise ValueError(f"fields not editable on {record_type}: {sorted(unknown)}")
    with db.writer() as session:
        return _create(session, db, actor, record_type, dict(values), informant)


def _create(
    session: Session,
    db: Database,
    actor: Actor,
    record_type: str,
    values: dict[str, Any],
    informant: Mapping[str, Any] | None,
) -> uuid.UUID:
    if record_type == "clue" and values.get("subject_id") and not values.get("subject_name"):
        subject = session.get(SubjectRecord, values["subject_id"])
        if subject is not None:
            values["subject_name"] = subject.name
    cleaned = clean_record(record_type, values)
    _check_references(session, record_type, cleaned)
    model: Any = RECORD_TYPES[record_type]
    record = model(**cleaned, id=new_id(), created_by=actor.login, origin=actor.origin, revision=1)
    if isinstance(record, ClueRecord):
        record.status = ClueStatus.REGISTERED
        record.status_date = record.received_date
        record.ledger_no = _next_ledger_no(session, actor.unit_code, dt.date.today().year)
        if informant:
            record.informant_sealed = db.sealer.seal(dict(informant), f"informant:{record.id}")
        record.events.append(
            ClueEventRecord(
                kind=ClueEventKind.REGISTER,
                to_status=ClueStatus.REGISTERED,
                on_date=record.received_date,
                actor=actor.login,
                origin=actor.origin,
            )
        )
    session.add(record)
    session.flush()
    changes = {k: jsonable(v) for k, v in cleaned.items() if v not in (None, [], "")}
    if isinstance(record, ClueRecord):
        changes["ledger_no"] = record.ledger_no
        if informant:
            changes["informant"] = "<已加密>"
    audit_action(
        session,
        actor,
        action=AuditAction.CREATE,
        record_type=record_type,
        record_id=record.id,
        revision=1,
        changes=changes,
    )
    new_record_id: uuid.UUID = record.id
    return new_record_id


def update_record(
    db: Database,
    actor: Actor,
    record_type: str,
    record_id: uuid.UUID,
    changes: Mapping[str, Any],
    *,
    reason: str | None = None,
    expected_revision: int | None = None,
) -> int:
    """Applies field changes as a new revision; a finalised record needs a reason. Returns the revision."""
    unknown = set(changes) - set(editable_fields(record_type))
    if unknown:
        raise ValueError(f"fields not editable on {record_type}: {sorted(unknown)}")
    with db.writer() as session:
        record = _load(session, record_type, record_id)
        _own(actor, record)
        if record.is_deleted:
            raise PermissionDeniedError("记录已删除，请先从回收站恢复")
        if expected_revision is not None and record.revision != expected_revision:
            raise StaleRevisionError()
        before = snapshot(record, record_type)
        cleaned = clean_record(record_type, {**before, **changes})
        _check_references(session, record_type, cleaned)
        diff = {
            name: [jsonable(before.get(name)), jsonable(value)]
            for name, value in cleaned.items()
            if name in before and before[name] != value
        }
        if not diff:
            return int(record.revision)
        if getattr(record, "status", None) is DraftStatus.FINAL and not (reason and reason.strip()):
            raise InvalidRecordError({"reason": "该记录已定稿，修改需填写原因"})
        for name, value in cleaned.items():
            if name in before:
                setattr(record, name, value)
        if "restricted_words" in cleaned:
            record.restricted_words = cleaned["restricted_words"]
        record.revision += 1
        audit_action(
            session,
            actor,
            action=AuditAction.UPDATE,
            record_type=record_type,
            record_id=record.id,
            revision=record.revision,
            changes=diff,
            reason=reason.strip() if reason else None,
        )
        return int(record.revision)


def finalize_record(db: Database, actor: Actor, record_type: str, record_id: uuid.UUID) -> None:
    """完成/定稿: locks a draft; later changes need a reason and are marked as new revisions."""
    with db.writer() as session:
        record = _load(session, record_type, record_id)
        _own(actor, record)
        if record.status is DraftStatus.FINAL:
            return
        if record.status is not DraftStatus.DRAFT:
            raise PermissionDeniedError("只有草稿可以定稿")
        record.status = DraftStatus.FINAL
        record.revision += 1
        audit_action(
            session,
            actor,
            action=AuditAction.UPDATE,
            record_type=record_type,
            record_id=record.id,
            revision=record.revision,
            changes={"status": [DraftStatus.DRAFT.value, DraftStatus.FINAL.value]},
        )


def _set_deleted(
    db: Database, actor: Actor, record_type: str, record_id: uuid.UUID, reason: str, delete: bool
) -> None:
    if not reason.strip():
        raise InvalidRecordError({"reason": "删除或恢复记录需填写原因"})
    with db.writer() as session:
        record = _load(session, record_type, record_id)
        _own(actor, record)
        if record.is_deleted == delete:
            return
        old = jsonable(record.deleted_at)
        record.deleted_at = utc_now() if delete else None
        record.revision += 1
        audit_action(
            session,
            actor,
            action=AuditAction.DELETE if delete else AuditAction.RESTORE,
            record_type=record_type,
            record_id=record.id,
            revision=record.revision,
            changes={"deleted_at": [old, jsonable(record.deleted_at)]},
            reason=reason.strip(),
        )


def soft_delete_record(
    db: Database, actor: Actor, record_type: str, record_id: uuid.UUID, reason: str
) -> None:
    """Moves a record to the recycle bin (回收站); it stays in the database and in the audit trail."""
    _set_deleted(db, actor, record_type, record_id, reason, delete=True)


def restore_record(db: Database, actor: Actor, record_type: str, record_id: uuid.UUID, reason: str) -> None:
    _set_deleted(db, actor, record_type, record_id, reason, delete=False)


def transition_clue(
    db: Database,
    actor: Actor,
    clue_id: uuid.UUID,
    kind: ClueEventKind,
    facts: Mapping[str, Any],
    *,
    on_date: dt.date | None = None,
) -> ClueStatus:
    """Takes one step of the clue's life (研判, 处置, 移送, …) if allowed now and complete."""
    on_date = on_date or dt.date.today()
    with db.writer() as session:
        clue: ClueRecord = _load(session, "clue", clue_id)
        _own(actor, clue)
        step = plan_transition(clue.status, kind, facts)
        if on_date < clue.status_date:
            raise InvalidRecordError({"on_date": "办理日期不能早于上一步的日期"})
        before = {
            k: jsonable(getattr(clue, k))
            for k in ("status", "opinion", "disposal_idea", "measures", "result")
        }
        if kind is ClueEventKind.JUDGE:
            clue.opinion, clue.disposal_idea = facts["opinion"], facts["disposal_idea"]
        elif kind is ClueEventKind.DISPOSE:
            clue.measures = list(dict.fromkeys([*clue.measures, *facts["measures"]]))
        elif kind is ClueEventKind.CLOSE:
            clue.result = facts["result"]
        elif kind is ClueEventKind.EXCLUDE:
            clue.result = f"排除：{facts['reason']}"
        elif kind in (ClueEventKind.TRANSFER, ClueEventKind.REPORT):
            clue.result = f"{kind.label}：{facts['receiving_unit']}"
        clue.status = step.to_status
        clue.status_date = on_date
        clue.revision += 1
        session.add(
            ClueEventRecord(
                clue_id=clue.id,
                kind=kind,
                from_status=step.from_status,
                to_status=step.to_status,
                on_date=on_date,
                actor=actor.login,
                origin=actor.origin,
                note=facts.get("note"),
                details=jsonable(step.details),
            )
        )
        after = {k: jsonable(getattr(clue, k)) for k in before}
        audit_action(
            session,
            actor,
            action=AuditAction.TRANSITION,
            record_type="clue",
            record_id=clue.id,
            revision=clue.revision,
            changes={
                "step": kind.value,
                "on_date": on_date.isoformat(),
                **{k: [before[k], after[k]] for k in before if before[k] != after[k]},
            },
        )
        return step.to_status


def reveal_informant(db: Database, actor: Actor, clue_id: uuid.UUID) -> dict[str, Any] | None:
    """The informant's identity, for the roles that may see it; the look itself is audited."""
    with db.writer() as session:
        clue: ClueRecord = _load(session, "clue", clue_id)
        if actor.role not in INFORMANT_ROLES and clue.created_by != actor.login:
            raise PermissionDeniedError("举报人信息保密，当前角色无权查看")
        if clue.informant_sealed is None:
            return None
        audit_action(
            session,
            actor,
            action=AuditAction.REVEAL,
            record_type="clue",
            record_id=clue.id,
            revision=clue.revision,
            changes={"field": "informant"},
            reason="查看举报人信息",
        )
        return db.sealer.unseal(clue.informant_sealed, f"informant:{clue.id}")


def record_disclosure(db: Database, actor: Actor, what: str, details: dict[str, Any]) -> None:
    """Audits an export that carries full ID numbers and phones (个人信息保护法: who took what, when)."""
    with db.writer() as session:
        audit_action(
            session,
            actor,
            action=AuditAction.DISCLOSE,
            record_type="export",
            record_id=new_id(),
            revision=1,
            changes={"what": what, **jsonable(details)},
            reason="导出未脱敏的身份证号和电话",
        )
