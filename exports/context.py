"""What every export needs besides the records: who made it, for which unit, with which filters, and a
way to report progress and be cancelled."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.accounts import Installation, User
from models.enums import Role
from models.reference import Setting
from storage.errors import PermissionDeniedError
from storage.services import Actor

Section = Literal["surveys", "clues", "visits"]
What = Literal["surveys", "clues", "visits", "all"]
SECTIONS: tuple[Section, ...] = ("surveys", "clues", "visits")

# Users are in mainland China, which has one time zone and no daylight saving: a fixed offset avoids
# depending on tzdata (absent on Windows) and on a laptop's possibly wrong zone setting.
CHINA_TZ = dt.timezone(dt.timedelta(hours=8), "CST")

# Roles that may ask for full ID numbers and phones in an export (DESIGN §6).
UNMASK_ROLES = frozenset({Role.LIAISON, Role.COUNTY_ADMIN})

ProgressFn = Callable[[int, int], None]
CancelFn = Callable[[], bool]


class ExportCancelled(Exception):  # noqa: N818 - a cancellation is the user's choice, not an error
    """The user cancelled; no file was written."""

    def __init__(self) -> None:
        super().__init__("导出已取消")


@dataclass(frozen=True)
class ExportFilter:
    """Which records go out: township code, an inclusive date range (the record's own date: survey date,
    received date, local visit date), or an explicit selection of ids. Soft-deleted records never do."""

    township: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    record_ids: Collection[uuid.UUID] | None = None

    def describe(self, township_names: dict[str, str]) -> str:
        parts = []
        if self.township:
            parts.append(f"乡镇：{township_names.get(self.township, self.township)}")
        if self.date_from or self.date_to:
            start = self.date_from.isoformat() if self.date_from else "不限"
            end = self.date_to.isoformat() if self.date_to else "不限"
            parts.append(f"日期：{start} 至 {end}")
        if self.record_ids is not None:
            parts.append(f"选定记录 {len(self.record_ids)} 条")
        return "；".join(parts) or "全部记录"


@dataclass(frozen=True)
class Reporter:
    """The 填报单位 / 填报人 / 联系电话 / 填报日期 line, the county name of the titles, and the time stamp."""

    county: str
    unit_name: str
    person: str
    phone: str
    made_at: dt.datetime  # aware, China time

    @property
    def made_on_text(self) -> str:
        return f"{self.made_at.year}年{self.made_at.month}月{self.made_at.day}日"

    @property
    def made_at_text(self) -> str:
        return self.made_at.strftime("%Y-%m-%d %H:%M")


def load_reporter(session: Session, actor: Actor, now: dt.datetime | None = None) -> Reporter:
    installation = session.get(Installation, actor.origin)
    user = session.get(User, actor.user_id)
    county_setting: Any = session.scalar(select(Setting.value).where(Setting.key == "profile.county"))
    county = county_setting.get("name", "") if isinstance(county_setting, dict) else ""
    return Reporter(
        county=str(county),
        unit_name=installation.unit_name if installation else actor.unit_code,
        person=actor.display_name,
        phone=(user.phone or "") if user else "",
        made_at=(now or dt.datetime.now(dt.UTC)).astimezone(CHINA_TZ),
    )


def check_unmask_allowed(actor: Actor, unmasked: bool) -> None:
    if unmasked and actor.role not in UNMASK_ROLES:
        raise PermissionDeniedError("当前角色无权导出完整的身份证号和电话号码，请导出脱敏版本")


class Ticker:
    """Counts exported records, reports progress now and then, and raises ExportCancelled when asked."""

    def __init__(self, total: int, progress: ProgressFn | None, cancel: CancelFn | None) -> None:
        self.total = total
        self.done = 0
        # Every 1 % of the records, at most every 200: a progress bar moves smoothly, a cancel is felt at
        # once, and 100,000 rows do not make 100,000 calls into the GUI.
        self.every = max(1, min(200, total // 100))
        self._progress = progress
        self._cancel = cancel

    def start(self) -> None:
        self.check()
        if self._progress:
            self._progress(0, self.total)

    def step(self) -> None:
        self.done += 1
        if self.done % self.every == 0:
            self.check()
            if self._progress:
                self._progress(self.done, self.total)

    def check(self) -> None:
        if self._cancel is not None and self._cancel():
            raise ExportCancelled()

    def finish(self) -> None:
        self.check()
        if self._progress and (self.done % self.every or not self.done):  # not reported by the last step
            self._progress(self.total, self.total)
