"""The self-test a frozen build runs (`gridledger --selftest`): every layer once, in a throw-away folder.

Each step is small and real: the same services the app uses, on a real encrypted database. The first step
that fails stops the run and is reported with what went wrong.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from models.enums import ClueEventKind, Level
from storage.accounts import SignedIn, init_installation, sign_in
from storage.audit import verify_audit_chain
from storage.keys import KdfParams
from storage.services import create_record, finalize_record, transition_clue

PASSWORD = "selftest-password-1"  # noqa: S105 - guards a throw-away database deleted after the run


@dataclass(frozen=True)
class StepResult:
    name: str
    seconds: float
    error: str | None = None


class SelfTest:
    """Runs named steps in order; `extra_steps` lets the GUI layer add its own (open the main window)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.db_path = folder / "selftest.db"
        self.signed: SignedIn | None = None
        self.ids: dict[str, object] = {}

    @property
    def session(self) -> SignedIn:
        assert self.signed is not None, "sign-in step has not run"
        return self.signed

    def step_install(self) -> None:
        init_installation(
            self.db_path,
            level=Level.GRID,
            unit_code="141123100001-01",
            name="自检",
            phone="13800138000",
            password=PASSWORD,
            kdf=KdfParams(time_cost=1, memory_kib=8192, parallelism=1),
        )
        self.signed = sign_in(self.db_path, PASSWORD)

    def step_records(self) -> None:
        db, actor = self.session.db, self.session.actor
        subject = create_record(
            db,
            actor,
            "subject",
            {"kind": "enterprise", "name": "兴县自检理财咨询有限公司", "township_code": "141123100",
             "credit_code": "91350100M000100Y43"},
        )  # fmt: skip
        survey = create_record(
            db,
            actor,
            "survey",
            {"subject_id": subject, "survey_date": dt.date.today(), "screeners": ["自检"],
             "township_code": "141123100"},
        )  # fmt: skip
        clue = create_record(
            db,
            actor,
            "clue",
            {"source": "排查发现", "received_date": dt.date.today(), "subject_id": subject,
             "facts": "自检：以高息为诱饵吸收资金", "township_code": "141123100"},
        )  # fmt: skip
        transition_clue(db, actor, clue, ClueEventKind.START_VERIFY, {})
        visit = create_record(
            db,
            actor,
            "visit",
            {"visited_at": dt.datetime.now(dt.UTC), "visit_type": "interview",
             "visitors": ["自检甲", "自检乙"], "visited_party": "兴县自检理财咨询有限公司",
             "content": "自检走访", "township_code": "141123100"},
        )  # fmt: skip
        finalize_record(db, actor, "visit", visit)
        self.ids.update(subject=subject, survey=survey, clue=clue, visit=visit)

    def step_check(self) -> None:
        problems = self.session.db.integrity_problems()
        if problems:
            raise RuntimeError("; ".join(problems))
        with self.session.db.reader() as session:
            broken = verify_audit_chain(session)
        if broken is not None:
            raise RuntimeError(str(broken))

    def step_exports(self) -> None:
        from exports.api import export

        for fmt in ("xlsx", "pdf"):
            out = self.folder / f"自检台账.{fmt}"
            result = export(self.session.db, self.session.actor, "all", fmt, out)
            if result.total != 3 or out.stat().st_size < 1000:
                raise RuntimeError(f"{fmt} 导出不完整：{result.counts}")

    def step_bundle(self) -> None:
        from exports.bundle.build import build_bundle
        from exports.bundle.importer import import_bundle
        from exports.bundle.verify import verify_bundle

        built = build_bundle(self.session, self.folder)
        if built.skipped_extras:
            raise RuntimeError(f"数据包缺少文件：{built.skipped_extras}")
        verify_bundle(built.path)
        township_db = self.folder / "township.db"
        init_installation(
            township_db,
            level=Level.TOWNSHIP,
            unit_code="141123100",
            name="自检联络员",
            phone="13900139000",
            password=PASSWORD,
            kdf=KdfParams(time_cost=1, memory_kib=8192, parallelism=1),
        )
        township = sign_in(township_db, PASSWORD)
        try:
            first = import_bundle(township, built.path, trust_new=True)
            again = import_bundle(township, built.path, trust_new=True)
        finally:
            township.close()
        if first.inserted < 4 or not again.already:
            raise RuntimeError(f"导入结果不对：{first.summary()} / {again.summary()}")

    def steps(self) -> list[tuple[str, Callable[[], None]]]:
        return [
            ("创建安装并登录（迁移数据库）", self.step_install),
            ("保存各类记录", self.step_records),
            ("完整性与审计链", self.step_check),
            ("导出 Excel 和 PDF", self.step_exports),
            ("生成、校验并导入数据包", self.step_bundle),
        ]

    def close(self) -> None:
        if self.signed is not None:
            self.signed.close()
            self.signed = None


def run_selftest(
    extra_steps: Callable[[SelfTest], list[tuple[str, Callable[[], None]]]] | None = None,
    report: Callable[[StepResult], None] | None = None,
) -> list[StepResult]:
    """Runs every step in a temporary folder that is removed afterwards; stops at the first failure."""
    results: list[StepResult] = []
    with tempfile.TemporaryDirectory(prefix="gridledger-selftest-") as folder:
        test = SelfTest(Path(folder))
        try:
            steps = test.steps() + (extra_steps(test) if extra_steps else [])
            for name, step in steps:
                started = time.perf_counter()
                try:
                    step()
                except Exception:  # a self-test reports every failure, whatever its kind
                    result = StepResult(name, time.perf_counter() - started, traceback.format_exc(limit=6))
                else:
                    result = StepResult(name, time.perf_counter() - started)
                results.append(result)
                if report is not None:
                    report(result)
                if result.error:
                    break
        finally:
            test.close()
    return results
