"""Realistic demo data for Xing County: valid ids and credit codes, real township names, clues in every state.

Used for screenshots, training and the benchmarks. Rows go in with bulk Core inserts (an ORM `add_all` is
15× slower, STACK-NOTES); every record still gets its audit event, so `check` verifies a demo database.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, cast

from faker import Faker
from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from models.audit import AuditEvent
from models.base import Base, new_id, utc_now
from models.enums import (
    AuditAction,
    ClueEventKind,
    ClueStatus,
    DraftStatus,
    Level,
    RiskLevel,
    SubjectKind,
    VisitType,
)
from models.records import ClueEventRecord, ClueRecord, SubjectRecord, SurveyRecord, VisitRecord
from models.reference import Township
from models.rules import find_restricted_words
from models.validators import resident_id_check_digit, uscc_check_char
from storage.audit import ChainHead, build_event, chain_head
from storage.database import Database
from storage.profile import code_labels
from storage.services import Actor

BATCH = 5000
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
S, K = ClueStatus, ClueEventKind
# The path each final state took, as (event kind, state after it).
PATHS: dict[ClueStatus, list[tuple[ClueEventKind, ClueStatus]]] = {
    S.REGISTERED: [],
    S.VERIFYING: [(K.START_VERIFY, S.VERIFYING)],
    S.JUDGED: [(K.START_VERIFY, S.VERIFYING), (K.JUDGE, S.JUDGED)],
    S.DISPOSING: [(K.START_VERIFY, S.VERIFYING), (K.JUDGE, S.JUDGED), (K.DISPOSE, S.DISPOSING)],
    S.CLOSED: [
        (K.START_VERIFY, S.VERIFYING),
        (K.JUDGE, S.JUDGED),
        (K.DISPOSE, S.DISPOSING),
        (K.CLOSE, S.CLOSED),
    ],
    S.TRANSFERRED: [(K.START_VERIFY, S.VERIFYING), (K.JUDGE, S.JUDGED), (K.TRANSFER, S.TRANSFERRED)],
    S.REPORTED: [(K.START_VERIFY, S.VERIFYING), (K.JUDGE, S.JUDGED), (K.REPORT, S.REPORTED)],
    S.EXCLUDED: [(K.START_VERIFY, S.VERIFYING), (K.EXCLUDE, S.EXCLUDED)],
}
STATE_WEIGHTS = [18, 16, 12, 16, 22, 6, 3, 7]
BUSINESS_WORDS = [
    "农业科技",
    "商贸",
    "养老服务",
    "文化旅游",
    "投资咨询",
    "财富管理",
    "电子商务",
    "影视传媒",
    "信息技术",
]
PROMISES = ["年化12%的高额回报", "每月返息2分", "保本保息", "养老床位返租", "原始股上市翻倍", "积分兑换返现"]
CHANNELS = ["微信群", "短视频平台", "发放传单", "组织免费旅游", "举办健康讲座", "熟人介绍"]
CROWDS = ["老年群众", "周边村民", "个体商户", "退休职工", "务工人员"]
VISIT_CONTENT = "宣讲《防范和处置非法集资条例》，了解经营及资金往来情况，提示高息揽储风险。"
UNITS = ["县公安局", "县市场监管局", "县政府办", "县委政法委", "国家金融监督管理总局兴县监管支局"]
VILLAGE_WORDS = ["东关", "西街", "南沟", "北坡", "前庄", "后沟", "李家塔", "王家崖", "高家庄", "刘家湾"]


@dataclass
class DemoReport:
    subjects: int = 0
    surveys: int = 0
    clues: int = 0
    clue_events: int = 0
    visits: int = 0
    audit_events: int = 0
    by_status: dict[str, int] = field(default_factory=dict)


class _Maker:
    """Draws values; pools from Faker (seeded) keep 200,000 records fast and reproducible."""

    def __init__(self, seed: int, townships: list[Township], today: dt.date) -> None:
        self.rng = random.Random(seed)
        faker = Faker("zh_CN")
        faker.seed_instance(seed)
        # Distinct names: two visitors drawn from this list must be two different people.
        self.people = list(dict.fromkeys(faker.name() for _ in range(3000)))
        self.companies = [faker.company_prefix() for _ in range(800)]
        self.streets = [faker.street_name() for _ in range(400)]
        self.phones = [faker.phone_number() for _ in range(2000)]
        self.townships = townships
        self.today = today

    def pick(self, items: list[Any]) -> Any:
        return items[self.rng.randrange(len(items))]

    def resident_id(self) -> str:
        born = dt.date(1940, 1, 1) + dt.timedelta(days=self.rng.randrange(60 * 365))
        first17 = f"141123{born:%Y%m%d}{self.rng.randrange(1000):03d}"
        return first17 + resident_id_check_digit(first17)

    def credit_code(self) -> str:
        org = "".join(self.pick(list(USCC_CHARS[:10])) for _ in range(8)) + self.pick(list(USCC_CHARS))
        first17 = f"92141123{org}" if self.rng.random() < 0.3 else f"91141123{org}"
        return first17 + uscc_check_char(first17)

    def mobile(self) -> str:
        phone: str = self.pick(self.phones)
        return phone if phone.startswith("1") and len(phone) == 11 else f"139{self.rng.randrange(10**8):08d}"

    def date_between(self, start: dt.date, end: dt.date) -> dt.date:
        days = max((end - start).days, 0)
        return start + dt.timedelta(days=self.rng.randint(0, days))

    def address(self, township: Township) -> str:
        village, street = self.pick(VILLAGE_WORDS), self.pick(self.streets)
        return f"兴县{township.name}{village}村{street}{self.rng.randint(1, 99)}号"


class _Writer:
    """Inserts rows chunk by chunk, each with its audit events, carrying the hash chain's head along, so a
    200,000-clue demo never holds more than one chunk of full rows in memory."""

    def __init__(self, session: Session, actor: Actor) -> None:
        self.session, self.actor = session, actor
        self.head = chain_head(session)
        self.audit_events = 0

    def write(
        self,
        model: type[Base],
        record_type: str | None,
        rows: list[dict[str, Any]],
        summary: Callable[..., Any],
    ) -> None:
        if not rows:
            return
        self.session.execute(insert(_table(model)), rows)
        if record_type is None:
            return
        events = []
        for row in rows:
            event = build_event(
                self.head,
                actor=self.actor.login,
                origin=self.actor.origin,
                action=AuditAction.CREATE,
                record_type=record_type,
                record_id=row["id"],
                revision=1,
                changes=summary(row),
                reason="演示数据",
                at=row["created_at"],
            )
            self.head = ChainHead(event["seq"], event["hash"])
            events.append(event)
        self.session.execute(insert(_table(AuditEvent)), events)
        self.audit_events += len(events)


def _table(model: type[Base]) -> Table:
    # Core inserts of the plain table: the ORM's bulk path would be several times slower here.
    return cast(Table, model.__table__)


def _chunks(count: int) -> Iterator[int]:
    while count > 0:
        yield min(BATCH, count)
        count -= BATCH


def fill_demo(
    db: Database,
    actor: Actor,
    clues: int,
    *,
    seed: int = 2024,
    progress: Callable[[str], None] | None = None,
) -> DemoReport:
    """Adds `clues` clues and, in proportion, subjects (¼), surveys (¼) and visits (¼), in one transaction."""
    say = progress or (lambda _msg: None)
    with db.writer() as session:
        townships = list(session.scalars(select(Township).order_by(Township.sort)))
        if actor.level is not Level.COUNTY:
            townships = [t for t in townships if t.code == actor.unit_code[:9]] or townships
        lists = {name: code_labels(session, name) for name in (
            "key_domains", "screening_methods", "clue_sources", "four_features_checklist",
            "disposal_measures", "key_case_flags", "key_area_types",
        )}  # fmt: skip
        demo = _Demo(_Maker(seed, townships, dt.date.today()), actor, lists, _Writer(session, actor))
        say("生成涉及主体…")
        demo.subjects(max(clues // 4, 1))
        say("生成排查登记…")
        demo.surveys(max(clues // 4, 1))
        say("生成风险线索及其流转记录…")
        demo.clues(clues)
        say("生成走访记录…")
        demo.visits(max(clues // 4, 1))
        demo.report.audit_events = demo.writer.audit_events
        return demo.report


class _Demo:
    def __init__(self, maker: _Maker, actor: Actor, lists: dict[str, list[str]], writer: _Writer) -> None:
        self.maker, self.lists, self.writer = maker, lists, writer
        self.report = DemoReport()
        self.start = maker.today - dt.timedelta(days=540)
        now = utc_now()
        self.base = {"created_by": actor.login, "origin": actor.origin, "revision": 1, "created_at": now,
                     "updated_at": now}  # fmt: skip
        self.ledger_prefix = actor.unit_code
        # Light references kept for linking later records: (id, name, township code).
        self.subject_refs: list[tuple[Any, str, str]] = []
        # (id, received date, subject id, subject name, township code)
        self.clue_refs: list[tuple[Any, dt.date, Any, str, str]] = []
        self.year_counts: dict[int, int] = {}

    def subjects(self, count: int) -> None:
        m = self.maker
        for size in _chunks(count):
            rows = []
            for _ in range(size):
                township = m.pick(m.townships)
                person = m.rng.random() < 0.35
                scope = None
                if person:
                    name, kind = m.pick(m.people), SubjectKind.NATURAL_PERSON
                else:
                    kind = m.pick([SubjectKind.ENTERPRISE] * 6 + [SubjectKind.INDIVIDUAL_BUSINESS] * 3
                                  + [SubjectKind.SOCIAL_ORG])  # fmt: skip
                    word = m.pick(BUSINESS_WORDS)
                    name = f"兴县{m.pick(m.companies)}{word}有限公司"
                    scope = f"{word}；企业管理咨询" + ("；理财产品推介" if m.rng.random() < 0.1 else "")
                row = {
                    **self.base,
                    "id": new_id(),
                    "kind": kind,
                    "name": name,
                    "credit_code": None if person else m.credit_code(),
                    "id_number": m.resident_id() if person else None,
                    "legal_representative": None if person else m.pick(m.people),
                    "phone": m.mobile(),
                    "address": m.address(township),
                    "business_scope": scope,
                    "restricted_words": find_restricted_words(name, scope),
                    "township_code": township.code,
                    "status": DraftStatus.FINAL,
                }
                rows.append(row)
                self.subject_refs.append((row["id"], name, township.code))
            self.writer.write(SubjectRecord, "subject", rows, lambda r: {"name": r["name"]})
            self.report.subjects += len(rows)

    def surveys(self, count: int) -> None:
        m, lists = self.maker, self.lists
        for size in _chunks(count):
            rows = []
            for _ in range(size):
                subject_id, _name, township_code = m.pick(self.subject_refs)
                risky = m.rng.random() < 0.3
                rows.append(
                    {
                        **self.base,
                        "id": new_id(),
                        "subject_id": subject_id,
                        "township_code": township_code,
                        "survey_date": m.date_between(self.start, m.today),
                        "screeners": [m.pick(m.people), m.pick(m.people)],
                        "methods": m.rng.sample(lists["screening_methods"], 2),
                        "key_domains": m.rng.sample(lists["key_domains"], 1),
                        "four_features": m.rng.sample(lists["four_features_checklist"], 2) if risky else [],
                        "promotion_channel": m.pick(CHANNELS) if risky else None,
                        "promised_return": m.pick(PROMISES) if risky else None,
                        "estimated_participants": m.rng.randint(5, 300) if risky else 0,
                        "estimated_amount_fen": m.rng.randint(10_000, 5_000_000) * 100 if risky else 0,
                        "risk_level": m.pick([RiskLevel.MEDIUM, RiskLevel.HIGH] if risky
                                             else [RiskLevel.NONE, RiskLevel.LOW]),
                        "conclusion": "存在非法集资风险隐患，建议立案核查" if risky else "未发现非法集资风险",
                        "status": DraftStatus.FINAL,
                    }
                )  # fmt: skip
            self.writer.write(
                SurveyRecord,
                "survey",
                rows,
                lambda r: {"survey_date": r["survey_date"].isoformat()},
            )
            self.report.surveys += len(rows)

    def clues(self, count: int) -> None:
        states = list(PATHS)
        for size in _chunks(count):
            rows, events = [], []
            for _ in range(size):
                row, steps = self._clue(self.maker.rng.choices(states, weights=STATE_WEIGHTS)[0])
                rows.append(row)
                events += steps
            self.writer.write(
                ClueRecord,
                "clue",
                rows,
                lambda r: {"ledger_no": r["ledger_no"], "status": r["status"].value},
            )
            self.writer.write(ClueEventRecord, None, events, dict)
            self.report.clues += len(rows)
            self.report.clue_events += len(events)

    def _clue(self, final: ClueStatus) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        m, lists = self.maker, self.lists
        subject_id, subject_name, township_code = m.pick(self.subject_refs)
        received = m.date_between(self.start, m.today)
        self.year_counts[received.year] = self.year_counts.get(received.year, 0) + 1
        participants = m.rng.randint(3, 500)
        row: dict[str, Any] = {
            **self.base,
            "id": new_id(),
            "ledger_no": f"{self.ledger_prefix}-{received.year}-{self.year_counts[received.year]:06d}",
            "source": m.pick(lists["clue_sources"]),
            "received_date": received,
            "subject_id": subject_id,
            "subject_name": subject_name,
            "facts": (
                f"{subject_name}以{m.pick(PROMISES)}为诱饵，通过{m.pick(CHANNELS)}向"
                f"{m.pick(CROWDS)}吸收资金，涉及群众约{participants}人。"
            ),
            "participants": participants,
            "amount_fen": m.rng.randint(20_000, 20_000_000) * 100,
            "key_domains": m.rng.sample(lists["key_domains"], m.rng.randint(1, 2)),
            "key_case_flags": m.rng.sample(lists["key_case_flags"], 1) if m.rng.random() < 0.2 else [],
            "area_type": m.pick(lists["key_area_types"]),
            "lead_unit": m.pick(UNITS),
            "responsible_units": ["各乡(镇)人民政府"],
            "deadline": received + dt.timedelta(days=m.pick([30, 60, 90])),
            "township_code": township_code,
            "status": S.REGISTERED,
            "status_date": received,
            "opinion": None,
            "disposal_idea": None,
            "measures": [],
            "result": None,
            "informant_sealed": None,
        }
        steps = [self._event(row["id"], K.REGISTER, None, S.REGISTERED, received, {})]
        on = received
        for kind, after in PATHS[final]:
            on = min(on + dt.timedelta(days=m.rng.randint(1, 20)), m.today)
            details: dict[str, Any] = {}
            if kind is K.JUDGE:
                row["opinion"] = "经核查，涉嫌以高息为诱饵向不特定对象吸收资金"
                row["disposal_idea"] = "责令停止宣传，约谈负责人，督促清退"
                details = {"opinion": row["opinion"], "disposal_idea": row["disposal_idea"]}
            elif kind is K.DISPOSE:
                row["measures"] = m.rng.sample(lists["disposal_measures"], 2)
                details = {"measures": row["measures"]}
            elif kind is K.CLOSE:
                row["result"] = "已责令整改并完成资金清退"
                details = {"result": row["result"]}
            elif kind is K.EXCLUDE:
                row["result"] = "排除：经核查为正常经营活动"
                details = {"reason": "经核查为正常经营活动"}
            elif kind in (K.TRANSFER, K.REPORT):
                row["result"] = f"{kind.label}：县公安局"
                details = {"receiving_unit": "县公安局", "handover_date": on.isoformat()}
            steps.append(self._event(row["id"], kind, row["status"], after, on, details))
            row["status"], row["status_date"] = after, on
        self.report.by_status[final.label] = self.report.by_status.get(final.label, 0) + 1
        self.clue_refs.append((row["id"], received, subject_id, subject_name, township_code))
        return row, steps

    def _event(
        self,
        clue_id: Any,
        kind: ClueEventKind,
        before: ClueStatus | None,
        after: ClueStatus,
        on: dt.date,
        details: dict[str, Any],
    ) -> dict[str, Any]:
        return {
            "id": new_id(),
            "clue_id": clue_id,
            "kind": kind,
            "from_status": before,
            "to_status": after,
            "on_date": on,
            "occurred_at": self.base["created_at"],
            "actor": self.base["created_by"],
            "origin": self.base["origin"],
            "note": None,
            "details": details,
        }

    def visits(self, count: int) -> None:
        m = self.maker
        for size in _chunks(count):
            rows = []
            for _ in range(size):
                clue_id, received, subject_id, subject_name, township_code = m.pick(self.clue_refs)
                on = m.date_between(received, m.today)
                rows.append(
                    {
                        **self.base,
                        "id": new_id(),
                        "visited_at": dt.datetime.combine(on, dt.time(1 + m.rng.randint(0, 7), 0), dt.UTC),
                        "visit_type": m.pick(list(VisitType)),
                        "visitors": m.rng.sample(m.people, 2),
                        "visited_party": subject_name,
                        "visited_phone": m.mobile(),
                        "place": m.address(m.pick(m.townships)),
                        "content": VISIT_CONTENT,
                        "findings": "未发现新的集资行为" if m.rng.random() < 0.7 else "仍有群众参与返利活动",
                        "public_requests": "希望尽快清退本金" if m.rng.random() < 0.3 else None,
                        "follow_up": "一个月后回头看",
                        "materials_handed_out": m.rng.randint(0, 80),
                        "people_reached": m.rng.randint(1, 120),
                        "clue_id": clue_id,
                        "subject_id": subject_id,
                        "township_code": township_code,
                        "status": DraftStatus.FINAL,
                    }
                )
            self.writer.write(VisitRecord, "visit", rows, lambda r: {"visited_party": r["visited_party"]})
            self.report.visits += len(rows)
