"""Realistic demo data for Xing County: valid ids and credit codes, real township names, clues in every state.

Used for screenshots, training and the benchmarks. Rows go in with bulk Core inserts (an ORM `add_all` is
15× slower, STACK-NOTES); every record still gets its audit event, so `check` verifies a demo database.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from faker import Faker
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from models.audit import AuditEvent
from models.base import new_id, utc_now
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
from storage.audit import build_event, chain_head
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
        self.people = [faker.name() for _ in range(3000)]
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


def _bulk(session: Session, table: Any, rows: list[dict[str, Any]]) -> None:
    for start in range(0, len(rows), BATCH):
        session.execute(insert(table), rows[start : start + BATCH])


def _audit_rows(
    session: Session, actor: Actor, record_type: str, rows: list[dict[str, Any]], summary: Callable[..., Any]
) -> Iterator[dict[str, Any]]:
    head = chain_head(session)
    for row in rows:
        event = build_event(
            head,
            actor=actor.login,
            origin=actor.origin,
            action=AuditAction.CREATE,
            record_type=record_type,
            record_id=row["id"],
            revision=1,
            changes=summary(row),
            reason="演示数据",
            at=row["created_at"],
        )
        head = type(head)(event["seq"], event["hash"])
        yield event


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
    report = DemoReport()
    with db.writer() as session:
        townships = list(session.scalars(select(Township).order_by(Township.sort)))
        installation_township = actor.unit_code[:9] if actor.level is not Level.COUNTY else None
        if installation_township:
            townships = [t for t in townships if t.code == installation_township] or townships
        today = dt.date.today()
        maker = _Maker(seed, townships, today)
        lists = {name: code_labels(session, name) for name in (
            "key_domains", "screening_methods", "clue_sources", "four_features_checklist",
            "disposal_measures", "key_case_flags", "key_area_types",
        )}  # fmt: skip
        units = ["县公安局", "县市场监管局", "县政府办", "县委政法委", "国家金融监督管理总局兴县监管支局"]
        start = today - dt.timedelta(days=540)
        now = utc_now()
        base = {
            "created_by": actor.login,
            "origin": actor.origin,
            "revision": 1,
            "created_at": now,
            "updated_at": now,
        }

        say("生成涉及主体…")
        subjects = []
        for _ in range(max(clues // 4, 1)):
            township = maker.pick(townships)
            person = maker.rng.random() < 0.35
            if person:
                name, subject_kind = maker.pick(maker.people), SubjectKind.NATURAL_PERSON
                scope = None
            else:
                subject_kind = maker.pick(
                    [SubjectKind.ENTERPRISE] * 6
                    + [SubjectKind.INDIVIDUAL_BUSINESS] * 3
                    + [SubjectKind.SOCIAL_ORG]
                )
                word = maker.pick(BUSINESS_WORDS)
                name = f"兴县{maker.pick(maker.companies)}{word}有限公司"
                scope = f"{word}；企业管理咨询" + ("；理财产品推介" if maker.rng.random() < 0.1 else "")
            subjects.append(
                {
                    **base,
                    "id": new_id(),
                    "kind": subject_kind,
                    "name": name,
                    "credit_code": None if person else maker.credit_code(),
                    "id_number": maker.resident_id() if person else None,
                    "legal_representative": None if person else maker.pick(maker.people),
                    "phone": maker.mobile(),
                    "address": maker.address(township),
                    "business_scope": scope,
                    "restricted_words": find_restricted_words(name, scope),
                    "township_code": township.code,
                    "status": DraftStatus.FINAL,
                }
            )
        _bulk(session, SubjectRecord.__table__, subjects)
        report.subjects = len(subjects)

        say("生成排查登记…")
        surveys = []
        for _ in range(max(clues // 4, 1)):
            subject = maker.pick(subjects)
            risky = maker.rng.random() < 0.3
            surveys.append(
                {
                    **base,
                    "id": new_id(),
                    "subject_id": subject["id"],
                    "township_code": subject["township_code"],
                    "survey_date": maker.date_between(start, today),
                    "screeners": [maker.pick(maker.people), maker.pick(maker.people)],
                    "methods": maker.rng.sample(lists["screening_methods"], 2),
                    "key_domains": maker.rng.sample(lists["key_domains"], 1),
                    "four_features": maker.rng.sample(lists["four_features_checklist"], 2) if risky else [],
                    "promotion_channel": maker.pick(CHANNELS) if risky else None,
                    "promised_return": maker.pick(PROMISES) if risky else None,
                    "estimated_participants": maker.rng.randint(5, 300) if risky else 0,
                    "estimated_amount_fen": maker.rng.randint(10_000, 5_000_000) * 100 if risky else 0,
                    "risk_level": maker.pick([RiskLevel.MEDIUM, RiskLevel.HIGH]) if risky else maker.pick(
                        [RiskLevel.NONE, RiskLevel.LOW]),
                    "conclusion": "存在非法集资风险隐患，建议立案核查" if risky else "未发现非法集资风险",
                    "status": DraftStatus.FINAL,
                }
            )  # fmt: skip
        _bulk(session, SurveyRecord.__table__, surveys)
        report.surveys = len(surveys)

        say("生成风险线索及其流转记录…")
        clue_rows, event_rows = [], []
        year_counts: dict[int, int] = {}
        states = list(PATHS)
        for _ in range(clues):
            subject = maker.pick(subjects)
            received = maker.date_between(start, today)
            final = maker.rng.choices(states, weights=STATE_WEIGHTS)[0]
            clue_id = new_id()
            year_counts[received.year] = year_counts.get(received.year, 0) + 1
            participants = maker.rng.randint(3, 500)
            row: dict[str, Any] = {
                **base,
                "id": clue_id,
                "ledger_no": f"{actor.unit_code}-{received.year}-{year_counts[received.year]:06d}",
                "source": maker.pick(lists["clue_sources"]),
                "received_date": received,
                "subject_id": subject["id"],
                "subject_name": subject["name"],
                "facts": (
                    f"{subject['name']}以{maker.pick(PROMISES)}为诱饵，通过{maker.pick(CHANNELS)}向"
                    f"{maker.pick(CROWDS)}吸收资金，涉及群众约{participants}人。"
                ),
                "participants": participants,
                "amount_fen": maker.rng.randint(20_000, 20_000_000) * 100,
                "key_domains": maker.rng.sample(lists["key_domains"], maker.rng.randint(1, 2)),
                "key_case_flags": maker.rng.sample(lists["key_case_flags"], 1)
                if maker.rng.random() < 0.2
                else [],
                "area_type": maker.pick(lists["key_area_types"]),
                "lead_unit": maker.pick(units),
                "responsible_units": ["各乡(镇)人民政府"],
                "deadline": received + dt.timedelta(days=maker.pick([30, 60, 90])),
                "township_code": subject["township_code"],
                "status": S.REGISTERED,
                "status_date": received,
                "opinion": None,
                "disposal_idea": None,
                "measures": [],
                "result": None,
                "informant_sealed": None,
            }
            steps: list[tuple[ClueEventKind, ClueStatus | None, ClueStatus, dt.date, dict[str, Any]]] = [
                (K.REGISTER, None, S.REGISTERED, received, {})
            ]
            on = received
            for kind, after in PATHS[final]:
                on = min(on + dt.timedelta(days=maker.rng.randint(1, 20)), today)
                details: dict[str, Any] = {}
                if kind is K.JUDGE:
                    row["opinion"] = "经核查，涉嫌以高息为诱饵向不特定对象吸收资金"
                    row["disposal_idea"] = "责令停止宣传，约谈负责人，督促清退"
                    details = {"opinion": row["opinion"], "disposal_idea": row["disposal_idea"]}
                elif kind is K.DISPOSE:
                    row["measures"] = maker.rng.sample(lists["disposal_measures"], 2)
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
                steps.append((kind, row["status"], after, on, details))
                row["status"], row["status_date"] = after, on
            for kind, before, after, on_date, details in steps:
                event_rows.append(
                    {
                        "id": new_id(),
                        "clue_id": clue_id,
                        "kind": kind,
                        "from_status": before,
                        "to_status": after,
                        "on_date": on_date,
                        "occurred_at": now,
                        "actor": actor.login,
                        "origin": actor.origin,
                        "note": None,
                        "details": details,
                    }
                )
            report.by_status[final.label] = report.by_status.get(final.label, 0) + 1
            clue_rows.append(row)
        _bulk(session, ClueRecord.__table__, clue_rows)
        _bulk(session, ClueEventRecord.__table__, event_rows)
        report.clues, report.clue_events = len(clue_rows), len(event_rows)

        say("生成走访记录…")
        visits = []
        for _ in range(max(clues // 4, 1)):
            clue = maker.pick(clue_rows)
            on = maker.date_between(clue["received_date"], today)
            visits.append(
                {
                    **base,
                    "id": new_id(),
                    "visited_at": dt.datetime.combine(on, dt.time(9 + maker.rng.randint(0, 7), 0), dt.UTC),
                    "visit_type": maker.pick(list(VisitType)),
                    "visitors": maker.rng.sample(maker.people, 2),
                    "visited_party": clue["subject_name"],
                    "visited_phone": maker.mobile(),
                    "place": maker.address(maker.pick(townships)),
                    "content": "宣讲《防范和处置非法集资条例》，了解经营及资金往来情况，提示高息揽储风险。",
                    "findings": "未发现新的集资行为" if maker.rng.random() < 0.7 else "仍有群众参与返利活动",
                    "public_requests": "希望尽快清退本金" if maker.rng.random() < 0.3 else None,
                    "follow_up": "一个月后回头看",
                    "materials_handed_out": maker.rng.randint(0, 80),
                    "people_reached": maker.rng.randint(1, 120),
                    "clue_id": clue["id"],
                    "subject_id": clue["subject_id"],
                    "township_code": clue["township_code"],
                    "status": DraftStatus.FINAL,
                }
            )
        _bulk(session, VisitRecord.__table__, visits)
        report.visits = len(visits)

        say("写入审计链…")
        for record_type, rows, summary in (
            ("subject", subjects, lambda r: {"name": r["name"]}),
            ("survey", surveys, lambda r: {"survey_date": r["survey_date"].isoformat()}),
            ("clue", clue_rows, lambda r: {"ledger_no": r["ledger_no"], "status": r["status"].value}),
            ("visit", visits, lambda r: {"visited_party": r["visited_party"]}),
        ):
            audit_rows = list(_audit_rows(session, actor, record_type, rows, summary))
            _bulk(session, AuditEvent.__table__, audit_rows)
            report.audit_events += len(audit_rows)
    return report
