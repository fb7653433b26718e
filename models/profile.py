"""A county profile: the reference data a county hands to its townships and workers, parsed and checked."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from models.reference import CODE_LISTS
from models.validators import ValidationError


class ProfileError(ValidationError):
    """The profile file is not usable; the message says what and where, in Chinese."""


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    parent: str | None = None


@dataclass(frozen=True)
class CountyProfile:
    county_code: str
    county_name: str
    prefecture: str
    province: str
    submission_mailbox: str | None
    townships: list[Area]
    villages: list[Area] = field(default_factory=list)
    grids: list[Area] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    # list name -> [(label, group)]
    code_lists: dict[str, list[tuple[str, str | None]]] = field(default_factory=dict)
    phases: list[tuple[str, dt.date, dt.date]] = field(default_factory=list)
    deadlines: list[tuple[str, dt.date | None, str | None]] = field(default_factory=list)

    def township_name(self, code: str) -> str | None:
        return next((t.name for t in self.townships if t.code == code), None)


CODE = re.compile(r"^\d{6,20}(-\d{1,4})?$")  # grids: village code, dash, grid number
MAILBOX = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _require(data: dict[str, Any], key: str, kind: type, where: str) -> Any:
    value = data.get(key)
    if not isinstance(value, kind) or (isinstance(value, str | list | dict) and not value):
        raise ProfileError(f"县级配置缺少“{where}”或格式不正确（{key}）")
    return value


def _areas(items: list[Any], where: str, parent_key: str | None, parents: set[str]) -> list[Area]:
    areas: list[Area] = []
    seen: set[str] = set()
    for index, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise ProfileError(f"{where}第{index}项格式不正确")
        code, name = str(item.get("code", "")).strip(), str(item.get("name", "")).strip()
        if not CODE.match(code) or not name:
            raise ProfileError(f"{where}第{index}项的代码或名称不正确：{code or '（空）'}")
        if code in seen:
            raise ProfileError(f"{where}代码重复：{code}")
        seen.add(code)
        parent = None
        if parent_key is not None:
            parent = str(item.get(parent_key, "")).strip()
            if parent not in parents:
                raise ProfileError(f"{where}“{name}”的上级 {parent or '（空）'} 不存在")
        areas.append(Area(code, name, parent))
    return areas


def _date(text: Any, where: str) -> dt.date:
    try:
        return dt.date.fromisoformat(str(text))
    except ValueError:
        raise ProfileError(f"{where}的日期“{text}”不正确，应为 YYYY-MM-DD") from None


def parse_profile(data: Any) -> CountyProfile:
    """Checks a profile as loaded from JSON (the shape of reference/xingxian-profile.json)."""
    if not isinstance(data, dict):
        raise ProfileError("县级配置文件应为 JSON 对象")
    county = _require(data, "county", dict, "县")
    county_code = str(county.get("code", ""))
    if not re.match(r"^\d{6}$", county_code) or not county.get("name"):
        raise ProfileError("县级配置中县代码应为6位数字，且需有县名称")
    townships = _areas(_require(data, "townships", list, "乡镇"), "乡镇", None, set())
    for township in townships:
        if not township.code.startswith(county_code):
            raise ProfileError(f"乡镇“{township.name}”的代码 {township.code} 不属于县 {county_code}")
    villages = _areas(data.get("villages") or [], "村（社区）", "township", {t.code for t in townships})
    grids = _areas(data.get("grids") or [], "网格", "village", {v.code for v in villages})
    mailbox = data.get("submission_mailbox")
    if mailbox is not None and not (isinstance(mailbox, str) and MAILBOX.match(mailbox)):
        raise ProfileError(f"报送邮箱“{mailbox}”格式不正确")

    code_lists: dict[str, list[tuple[str, str | None]]] = {}
    for key in CODE_LISTS:
        raw = data.get(key, [])
        entries: list[tuple[str, str | None]] = []
        if isinstance(raw, dict):  # grouped, e.g. key_domains: {投融资领域: [...]}
            for group, labels in raw.items():
                entries += [(str(label), str(group)) for label in labels]
        elif isinstance(raw, list):
            entries = [(str(label), None) for label in raw]
        else:
            raise ProfileError(f"县级配置中的“{CODE_LISTS[key]}”格式不正确")
        code_lists[key] = entries

    phases = [
        (str(p["name"]), _date(p.get("from"), f"阶段“{p['name']}”"), _date(p.get("to"), f"阶段“{p['name']}”"))
        for p in data.get("campaign_phases", [])
    ]
    deadlines: list[tuple[str, dt.date | None, str | None]] = []
    for item in data.get("reporting_deadlines", []):
        due = str(item.get("due", ""))
        if re.match(r"^\d{4}-\d{2}-\d{2}$", due):
            deadlines.append((str(item["what"]), _date(due, str(item["what"])), None))
        else:
            deadlines.append((str(item["what"]), None, due or None))
    units = [str(u) for u in data.get("units", [])]
    return CountyProfile(
        county_code=county_code,
        county_name=str(county["name"]),
        prefecture=str(county.get("prefecture", "")),
        province=str(county.get("province", "")),
        submission_mailbox=mailbox,
        townships=townships,
        villages=villages,
        grids=grids,
        units=units,
        code_lists=code_lists,
        phases=phases,
        deadlines=deadlines,
    )
